using System.Data.Common;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Persistence;

/// <summary>
/// Selects and materialises every mapped column of a Message by hand, for the event-log page query that runs
/// without EF Core. A test checks that <see cref="Columns"/> is exactly the set of columns the EF model maps.
/// </summary>
internal static class MessageRowReader
{
    /// <summary>The columns in the order <see cref="Read"/> expects them (each column is named after its property).</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        nameof(Message.Id), nameof(Message.RequestId), nameof(Message.Recipient), nameof(Message.RecipientUserId),
        nameof(Message.RecipientEmail), nameof(Message.RecipientPhone), nameof(Message.RequestJson), nameof(Message.Template),
        nameof(Message.TemplateId), nameof(Message.TemplateVersion), nameof(Message.Channel), nameof(Message.Provider),
        nameof(Message.ProviderMessageId), nameof(Message.Status), nameof(Message.Reason), nameof(Message.Error),
        nameof(Message.EnqueuedAt), nameof(Message.SentAt), nameof(Message.DeliveredAt), nameof(Message.OpenedAt),
        nameof(Message.ClickedAt), nameof(Message.UpdatedAt), nameof(Message.AttemptCount), nameof(Message.NextAttemptAt),
        nameof(Message.LeaseUntil), nameof(Message.LeaseOwner), nameof(Message.RetryBudgetUntil), nameof(Message.ExpiresAt),
        nameof(Message.RouteChannelIndex), nameof(Message.RouteProviderIndex), nameof(Message.Tags), nameof(Message.TraceId),
        nameof(Message.OutputJson),
    ];

    /// <summary>The select list for <paramref name="alias"/>, in the order of <see cref="Columns"/>.</summary>
    public static string SelectList(string alias) => string.Join(", ", Columns.Select(c => $"{alias}.\"{c}\""));

    public static Message Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        RequestId = reader.GetString(1),
        Recipient = reader.GetString(2),
        RecipientUserId = NullableString(reader, 3),
        RecipientEmail = NullableString(reader, 4),
        RecipientPhone = NullableString(reader, 5),
        RequestJson = reader.GetString(6),
        Template = NullableString(reader, 7),
        TemplateId = NullableString(reader, 8),
        TemplateVersion = reader.IsDBNull(9) ? null : reader.GetInt32(9),
        Channel = NullableString(reader, 10),
        Provider = NullableString(reader, 11),
        ProviderMessageId = NullableString(reader, 12),
        Status = (MessageStatus)reader.GetInt32(13),
        Reason = reader.IsDBNull(14) ? null : (MessageReason)reader.GetInt32(14),
        Error = NullableString(reader, 15),
        EnqueuedAt = Time(reader, 16),
        SentAt = NullableTime(reader, 17),
        DeliveredAt = NullableTime(reader, 18),
        OpenedAt = NullableTime(reader, 19),
        ClickedAt = NullableTime(reader, 20),
        UpdatedAt = Time(reader, 21),
        AttemptCount = reader.GetInt32(22),
        NextAttemptAt = NullableTime(reader, 23),
        LeaseUntil = NullableTime(reader, 24),
        LeaseOwner = NullableString(reader, 25),
        RetryBudgetUntil = NullableTime(reader, 26),
        ExpiresAt = NullableTime(reader, 27),
        RouteChannelIndex = reader.GetInt32(28),
        RouteProviderIndex = reader.GetInt32(29),
        Tags = NullableString(reader, 30),
        TraceId = NullableString(reader, 31),
        OutputJson = NullableString(reader, 32),
    };

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    // Stored as UTC ticks: see Persistence/UtcTicksConverter.
    private static DateTimeOffset Time(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    private static DateTimeOffset? NullableTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);
}
