using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Sending;

/// <summary>
/// A send to a whole list or audience from the dashboard: first how many people it reaches, then the send itself as
/// the API would make it (<c>to: {list_id}</c> or <c>{audience_id}</c>), through <see cref="SendService"/> and the fan-out.
/// </summary>
public sealed class GroupSender(IDbContextFactory<NotificationsDbContext> dbFactory, SendService sends, TemplateCatalog templates)
{
    public const string OperatorTag = "dashboard";

    /// <summary>The people the send would reach now; null when there is no such (live) list or audience.</summary>
    public async Task<int?> CountAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        switch (kind)
        {
            case RecipientGroup.List:
                if (!await db.Lists.AnyAsync(l => l.Id == id && l.DeletedAt == null, cancellationToken))
                {
                    return null;
                }

                return await db.ListSubscriptions.CountAsync(s => s.ListId == id, cancellationToken);
            case RecipientGroup.Audience:
                var audience = await db.Audiences.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
                if (audience is null)
                {
                    return null;
                }

                // The served membership, exactly: the one the fan-out expands.
                return await db.AudienceMembers.CountAsync(m => m.AudienceId == id && m.Version == audience.ServedVersion, cancellationToken);
            default:
                throw new RequestValidationException(ValidationErrorKind.Invalid, "kind", $"'kind' must be {RecipientGroup.List} or {RecipientGroup.Audience}.");
        }
    }

    /// <summary>Sends the template's published version to every member; the request id, whose progress the fan-out records.</summary>
    /// <exception cref="RequestValidationException">The group or template is unknown, or the template has no published version.</exception>
    public async Task<string> SendAsync(string kind, string id, string template, JsonObject? data, CancellationToken cancellationToken = default)
    {
        ResourceId.Validate(id, kind);
        if (await CountAsync(kind, id, cancellationToken) is null)
        {
            throw new RequestValidationException(ValidationErrorKind.NotFound, kind, $"There is no {(kind == RecipientGroup.List ? "list" : "audience")} '{id}'.");
        }

        // The API would accept an unpublished template and fail every message (UNPUBLISHED); here we can say so first.
        if (string.IsNullOrWhiteSpace(template) || await templates.FindPublishedAsync(template, cancellationToken) is null)
        {
            throw new RequestValidationException(ValidationErrorKind.Invalid, "template", $"Template '{template}' has no published version.");
        }

        var request = SendRequestParser.Parse(new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["to"] = new JsonObject { [kind] = id },
                ["template"] = template,
                ["data"] = data?.DeepClone() ?? new JsonObject(),
                ["metadata"] = new JsonObject { ["tags"] = new JsonArray(OperatorTag) },
            },
        });
        var accepted = await sends.AcceptAsync(request, MessageEventSources.Operator, cancellationToken);
        return accepted.RequestId;
    }
}
