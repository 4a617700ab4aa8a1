namespace NotificationOps.Engine.Lists;

/// <summary>One page of a dashboard grid (offset paging, with the total so the grid can say "51–100 of 1,234").</summary>
public sealed record OffsetPage<T>(IReadOnlyList<T> Items, int Total);
