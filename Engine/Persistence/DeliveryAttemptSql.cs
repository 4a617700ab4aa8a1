using Microsoft.EntityFrameworkCore;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Set-based writes of the send pipeline's attempts: the stamp each started attempt puts on its message, and the
/// provider's answers on the attempt rows. One statement per chunk of rows, whatever the batch size.
/// </summary>
public static class DeliveryAttemptSql
{
    private static readonly (string Alias, string Property)[] StampValues =
    [
        ("Id", nameof(Message.Id)),
        ("AttemptCount", nameof(Message.AttemptCount)),
        ("Channel", nameof(Message.Channel)),
        ("Provider", nameof(Message.Provider)),
        ("RouteChannelIndex", nameof(Message.RouteChannelIndex)),
        ("RouteProviderIndex", nameof(Message.RouteProviderIndex)),
        ("OutputJson", nameof(Message.OutputJson)),
    ];

    private const string StampSet =
        "\"AttemptCount\" = v.\"AttemptCount\", \"Channel\" = v.\"Channel\", \"Provider\" = v.\"Provider\", " +
        "\"RouteChannelIndex\" = v.\"RouteChannelIndex\", \"RouteProviderIndex\" = v.\"RouteProviderIndex\", " +
        "\"OutputJson\" = v.\"OutputJson\", \"UpdatedAt\" = @now";

    private static readonly (string Alias, string Property)[] AnswerValues =
    [
        ("MessageId", nameof(DeliveryAttempt.MessageId)),
        ("Number", nameof(DeliveryAttempt.Number)),
        ("FinishedAt", nameof(DeliveryAttempt.FinishedAt)),
        ("RequestSummary", nameof(DeliveryAttempt.RequestSummary)),
        ("ResponseStatus", nameof(DeliveryAttempt.ResponseStatus)),
        ("ResponseBody", nameof(DeliveryAttempt.ResponseBody)),
        ("Outcome", nameof(DeliveryAttempt.Outcome)),
        ("ErrorClass", nameof(DeliveryAttempt.ErrorClass)),
        ("Error", nameof(DeliveryAttempt.Error)),
    ];

    private const string AnswerSet =
        "\"FinishedAt\" = v.\"FinishedAt\", \"RequestSummary\" = v.\"RequestSummary\", \"ResponseStatus\" = v.\"ResponseStatus\", " +
        "\"ResponseBody\" = v.\"ResponseBody\", \"Outcome\" = v.\"Outcome\", \"ErrorClass\" = v.\"ErrorClass\", \"Error\" = v.\"Error\"";

    /// <summary>Stamps the messages whose lease <paramref name="owner"/> holds; a row it does not hold is left alone.</summary>
    public static Task<List<string>> StampAsync(DbContext db, IReadOnlyList<MessageStamp> stamps, string owner, DateTimeOffset now, CancellationToken cancellationToken) =>
        ModelRowUpdater.UpdateAsync<Message>(
            db,
            StampValues,
            stamps.Select(s => new object?[] { s.Id, s.AttemptCount, s.Channel, s.Provider, s.ChannelIndex, s.ProviderIndex, s.OutputJson }).ToList(),
            StampSet,
            "t.\"Id\" = v.\"Id\" AND t.\"LeaseOwner\" = @owner",
            nameof(Message.Id),
            [("owner", nameof(Message.LeaseOwner), owner), ("now", nameof(Message.UpdatedAt), now)],
            cancellationToken);

    /// <summary>Writes the provider's answers on the attempt rows, found by message and number.</summary>
    public static Task<List<string>> FinishAsync(DbContext db, IReadOnlyList<DeliveryAttempt> attempts, CancellationToken cancellationToken) =>
        ModelRowUpdater.UpdateAsync<DeliveryAttempt>(
            db,
            AnswerValues,
            attempts.Select(a => new object?[] { a.MessageId, a.Number, a.FinishedAt, a.RequestSummary, a.ResponseStatus, a.ResponseBody, a.Outcome, a.ErrorClass, a.Error }).ToList(),
            AnswerSet,
            "t.\"MessageId\" = v.\"MessageId\" AND t.\"Number\" = v.\"Number\"",
            nameof(DeliveryAttempt.MessageId),
            [],
            cancellationToken);
}
