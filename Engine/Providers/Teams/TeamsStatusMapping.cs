namespace NotificationOps.Engine.Providers.Teams;

/// <summary>
/// Teams' webhook answers. The legacy connector answered 200 with the text "1" on success, and sometimes 200 with
/// "Microsoft Teams endpoint returned HTTP error 429" when throttled; Workflows answer 202. Chat has no receipt.
/// </summary>
public static class TeamsStatusMapping
{
    public const string ThrottledInBody = "HTTP error 429";

    public static readonly StatusMappingTable Table = new("teams", "Microsoft Teams", "answer", [
        StatusRule.Status("200 / 202", Messages.MessageStatus.Delivered, "Posted (legacy connector \"1\", Workflows 202 Accepted); no receipt follows."),
        StatusRule.Transient("200 with \"HTTP error 429\"", "The connector throttled the post but answered 200."),
        StatusRule.Transient("429", "Too many requests (Retry-After honoured)."),
        StatusRule.Transient("408 / 5xx", "Teams or the workflow was unavailable."),
        StatusRule.Permanent("400", "Bad payload (\"Summary or Text is required\", invalid card)."),
        StatusRule.Permanent("401 / 403", "The webhook or workflow rejects the caller."),
        StatusRule.Permanent("404 / 410", "The webhook was removed or the connector retired."),
        StatusRule.Permanent("413", "The card is larger than 28 KB."),
    ]);
}
