using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationOps.Engine.Persistence;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Tracking;

/// <summary>
/// Applies tracking to what a channel is about to send: every http(s) link of the HTML and text parts becomes a
/// click URL with its own link id, and HTML gets the open pixel and a honeypot link. Pure and repeatable: link ids
/// come from positions, so every attempt of a message yields the same links and the same rows.
/// </summary>
public sealed class TrackingDecorator(TrackingKeyStore keys, TrackingUrls urls, IOptions<TrackingOptions> options)
{
    private const int MaxLinkText = 200;

    /// <summary>The target with tracked content and its link rows; unchanged when tracking is off for the channel.</summary>
    public async Task<DeliveryTarget> ApplyAsync(string messageId, DeliveryTarget target, CancellationToken cancellationToken = default)
    {
        var tracked = await DecorateAsync(messageId, target.Rendered, cancellationToken);
        return target with { Rendered = tracked.Content, Links = tracked.Links };
    }

    public async Task<TrackedContent> DecorateAsync(string messageId, RenderedContent content, CancellationToken cancellationToken = default)
    {
        if (!options.Value.IsEnabled(content.Channel))
        {
            return new TrackedContent(content, []);
        }

        var key = await keys.GetKeyAsync(cancellationToken);
        var initial = content.Channel[0];
        var links = new List<TrackedLink>();
        string Click(string linkId) => urls.Click(new TrackingToken(TrackingHitKind.Click, messageId, linkId).Sign(key));

        var text = TextLinkRewriter.Rewrite(content.Text, (position, url) =>
        {
            var link = Add(links, messageId, $"{initial}t{position}", TrackedLinkKind.Text, position, url, null);
            return Click(link.LinkId);
        });

        string? html = null;
        if (content.Html is { } source)
        {
            var honeypot = Add(links, messageId, $"{initial}x", TrackedLinkKind.Honeypot, 0, urls.BaseUrl + "/", null);
            var open = urls.Open(new TrackingToken(TrackingHitKind.Open, messageId, null).Sign(key));
            // Invisible to people (and to screen readers and keyboards); scanners that fetch every href follow it.
            var footer = new StringBuilder()
                .Append("<a href=\"").Append(HtmlLinkRewriter.EscapeAttribute(Click(honeypot.LinkId)))
                .Append("\" style=\"display:none\" aria-hidden=\"true\" tabindex=\"-1\"></a>")
                .Append("<img src=\"").Append(HtmlLinkRewriter.EscapeAttribute(open))
                .Append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0\">")
                .ToString();
            html = HtmlLinkRewriter.Rewrite(source, found =>
            {
                var link = Add(links, messageId, $"{initial}h{found.Position}", TrackedLinkKind.Html, found.Position, found.Url, found.Text);
                return Click(link.LinkId);
            }, footer);
        }

        return new TrackedContent(content with { Text = text, Html = html ?? content.Html }, links);
    }

    /// <summary>
    /// Stores the link rows in the caller's transaction, before the provider hears of the message. An upsert:
    /// any job may run twice, and a retry rewrites the same rows.
    /// </summary>
    public static async Task SaveLinksAsync(NotificationsDbContext db, IEnumerable<TrackedLink> links, CancellationToken cancellationToken)
    {
        var wanted = links.ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var messageIds = wanted.Select(l => l.MessageId).Distinct().ToList();
        var existing = await db.TrackedLinks.Where(l => messageIds.Contains(l.MessageId))
            .ToDictionaryAsync(l => (l.MessageId, l.LinkId), cancellationToken);
        foreach (var link in wanted)
        {
            if (existing.TryGetValue((link.MessageId, link.LinkId), out var row))
            {
                row.Kind = link.Kind;
                row.Position = link.Position;
                row.Url = link.Url;
                row.Text = link.Text;
            }
            else
            {
                db.TrackedLinks.Add(link);
                existing[(link.MessageId, link.LinkId)] = link;
            }
        }
    }

    private static TrackedLink Add(List<TrackedLink> links, string messageId, string linkId, TrackedLinkKind kind, int position, string url, string? text)
    {
        var link = new TrackedLink
        {
            MessageId = messageId,
            LinkId = linkId,
            Kind = kind,
            Position = position,
            Url = url,
            Text = text is { Length: > MaxLinkText } ? text[..MaxLinkText] : text,
        };
        links.Add(link);
        return link;
    }
}
