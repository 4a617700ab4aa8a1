using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Messages;

/// <summary>
/// A database of varied messages shared by a test class: every filter value of <see cref="MessageFilterCombinations"/>
/// matches some rows and misses others, and many rows share an EnqueuedAt so that paging must break ties by Id.
/// </summary>
public sealed class SeededMessages : IAsyncLifetime
{
    public const int Count = 400;

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase? database;

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var random = new Random(42);
        string?[] recipients = ["ada@example.com", "ada.byron@example.com", "adam", "ad", "bob@example.com", "user1", "Ada@example.com"];
        string?[] providers = ["sendgrid", "twilio", "mailgun", null];
        string?[] channels = ["email", "sms", "push", null];
        string?[] templates = ["welcome", "reset", null];
        string?[] traces = ["t-1", "t-2", "abc", null];
        MessageStatus[] statuses = Enum.GetValues<MessageStatus>();
        await using var db = Database.CreateContext();
        for (var i = 0; i < Count; i++)
        {
            var id = i == 3 ? "abc" : $"m-{i:D4}";
            // Whole minutes over two hours: about three messages per instant.
            var enqueuedAt = Now.AddMinutes(-random.Next(0, 120));
            db.Messages.Add(new Message
            {
                Id = id,
                RequestId = i % 37 == 0 ? "abc" : $"r-{i / 3}",
                Recipient = Pick(random, recipients)!,
                RequestJson = "{}",
                Template = Pick(random, templates),
                Channel = Pick(random, channels),
                Provider = Pick(random, providers),
                Status = statuses[random.Next(statuses.Length)],
                TraceId = Pick(random, traces),
                EnqueuedAt = enqueuedAt,
                UpdatedAt = enqueuedAt,
            });
            foreach (var tag in new[] { "vip", "promo" })
            {
                if (random.Next(3) == 0)
                {
                    db.MessageTags.Add(new MessageTag { MessageId = id, Tag = tag });
                }
            }
        }

        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
