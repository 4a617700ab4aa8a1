namespace NotificationOps.Engine.Lists;

/// <summary>How far an import has come: accepted rows written so far, of those to write.</summary>
public sealed record ListImportProgress(int Written, int ToWrite);
