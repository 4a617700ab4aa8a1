using NotificationOps.Engine.Messages;

namespace NotificationOps.Dashboard.Components.Pages.EventLog;

/// <summary><c>GET /export/messages.csv?...</c>: the event log's current filter as CSV, streamed (dashboard login).</summary>
public static class EventLogExportEndpoint
{
    public const string Path = "/export/messages.csv";

    public static IEndpointRouteBuilder MapEventLogExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (HttpContext context, MessageCsvExport export, TimeProvider time) =>
        {
            var q = context.Request.Query;
            var query = EventLogQuery.Parse(q["status"], q["channel"], q["provider"], q["template"], q["tag"], q["recipient"], q["q"], q["range"], null, q["reason"], q["bulk"]);
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"messages-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
            await export.WriteAsync(query.ToFilter(time.GetUtcNow()), context.Response.Body, context.RequestAborted);
        }).ExcludeFromDescription();
        return endpoints;
    }
}
