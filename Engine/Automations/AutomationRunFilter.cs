namespace NotificationOps.Engine.Automations;

/// <summary>The runs grid's and the bulk retry's filter: every part optional.</summary>
public sealed record AutomationRunFilter(
    AutomationRunStatus? Status = null,
    string? TemplateId = null,
    string? Recipient = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null)
{
    public IQueryable<AutomationRun> Apply(IQueryable<AutomationRun> runs)
    {
        if (Status is { } status)
        {
            runs = runs.Where(r => r.Status == status);
        }

        if (TemplateId is { } template)
        {
            runs = runs.Where(r => r.TemplateId == template);
        }

        if (Recipient is { } recipient)
        {
            runs = runs.Where(r => r.Recipient == recipient);
        }

        if (From is { } from)
        {
            runs = runs.Where(r => r.CreatedAt >= from);
        }

        if (To is { } to)
        {
            runs = runs.Where(r => r.CreatedAt < to);
        }

        return runs;
    }
}
