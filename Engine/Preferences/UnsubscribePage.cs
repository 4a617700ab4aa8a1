using System.Net;
using System.Text;

namespace NotificationOps.Engine.Preferences;

/// <summary>
/// The hosted preference page's HTML: the recipient's own topics and nothing else (no message, no address), plain
/// forms that post back to the same origin (the CSP's <c>form-action 'self'</c>), no script.
/// </summary>
public static class UnsubscribePage
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}"
        + "fieldset{border:1px solid #ccc;margin:1rem 0;padding:.5rem 1rem}label{display:block;margin:.4rem 0}"
        + ".note{background:#eef6ee;padding:.5rem 1rem}.required{color:#666}button{margin:.5rem 0;padding:.4rem 1rem}";

    public static string NotFound(string title, string text) => Document(title, $"<h1>{Encode(title)}</h1><p>{Encode(text)}</p>");

    /// <summary>The topics with a checkbox each (REQUIRED ones fixed), the save form and the one-click unsubscribe from the email's topic.</summary>
    public static string Preferences(string pagePath, string topicId, IReadOnlyList<TopicPreferenceView> topics, string? notice)
    {
        var body = new StringBuilder("<h1>Email preferences</h1>");
        if (notice is not null)
        {
            body.Append("<p class=\"note\" role=\"status\">").Append(Encode(notice)).Append("</p>");
        }

        if (topics.FirstOrDefault(t => t.Topic.Id == topicId) is { Status: not PreferenceStatus.OptedOut and not PreferenceStatus.Required } current)
        {
            body.Append("<form method=\"post\" action=\"").Append(Encode(pagePath)).Append("\">")
                .Append("<p>This email was sent to you as <strong>").Append(Encode(current.Topic.Name)).Append("</strong>.</p>")
                .Append("<button type=\"submit\">Unsubscribe from ").Append(Encode(current.Topic.Name)).Append("</button></form>");
        }

        body.Append("<form method=\"post\" action=\"").Append(Encode(pagePath + "/preferences")).Append("\">")
            .Append("<p>Choose what you receive:</p>");
        foreach (var section in topics.GroupBy(t => t.Topic.Section ?? string.Empty))
        {
            body.Append("<fieldset>");
            if (section.Key.Length > 0)
            {
                body.Append("<legend>").Append(Encode(section.Key)).Append("</legend>");
            }

            foreach (var topic in section)
            {
                var required = topic.Status == PreferenceStatus.Required;
                body.Append("<label><input type=\"checkbox\" name=\"topic\" value=\"").Append(Encode(topic.Topic.Id)).Append('"')
                    .Append(topic.Status == PreferenceStatus.OptedOut ? string.Empty : " checked")
                    .Append(required ? " disabled" : string.Empty).Append("> ").Append(Encode(topic.Topic.Name))
                    .Append(required ? " <span class=\"required\">(required: always sent)</span>" : string.Empty)
                    .Append("</label>");
            }

            body.Append("</fieldset>");
        }

        body.Append("<button type=\"submit\">Save</button></form>");
        return Document("Email preferences", body.ToString());
    }

    private static string Document(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>" + Encode(title) + "</title><style>" + Style + "</style></head><body>"
        + body + "</body></html>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
