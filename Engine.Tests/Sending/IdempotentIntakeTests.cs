using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Sending;

/// <summary>
/// A send holding an Idempotency-Key stores its answer in the intake transaction, with its messages: a process killed
/// after that commit, before the middleware could record the answer, leaves a record that replays the request id, and
/// the client's retry sends nothing twice.
/// </summary>
public sealed class IdempotentIntakeTests : IAsyncLifetime
{
    private const string Send = """{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Hi","body":"Hello"}}}""";
    private EngineHost engine = null!;

    public async Task InitializeAsync() => engine = await EngineHost.CreateAsync(SendJobTests.Simulated(deliveryDelayMs: 0));

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task AcceptAsync_WithAnAnswer_CompletesTheKeysRecordWithTheMessages()
    {
        var hold = await HoldAsync("key-1");

        var accepted = await AcceptAsync(hold);

        await using var db = engine.CreateContext();
        var record = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Key == "key-1");
        Assert.NotNull(record.CompletedAt);
        Assert.Equal((202, $$"""{"requestId":"{{accepted.RequestId}}"}""", "application/json; charset=utf-8"),
            (record.StatusCode, record.ResponseBody, record.ResponseContentType));
        Assert.True(await db.Messages.AnyAsync(m => m.RequestId == accepted.RequestId));
    }

    [Fact]
    public async Task AcceptAsync_WhenTheKeyWasTakenOver_LeavesTheNewHoldersRecordAlone()
    {
        var hold = await HoldAsync("key-2");
        await using (var db = engine.CreateContext())
        {
            // The lease ran out and a retry took the record over: its own answer decides, not this late request's.
            await db.IdempotencyRecords.Where(r => r.Key == "key-2").ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, hold.Lease.AddMinutes(1)));
        }

        await AcceptAsync(hold);

        await using var read = engine.CreateContext();
        var record = await read.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Key == "key-2");
        Assert.Equal((null, (string?)null), (record.CompletedAt, record.ResponseBody));
    }

    private async Task<IdempotencyHold> HoldAsync(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var hold = new IdempotencyHold("scope-1", key, now.AddSeconds(30));
        await using var db = engine.CreateContext();
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            Scope = hold.Scope, Key = key, RequestHash = "hash", CreatedAt = now, ExpiresAt = now.AddHours(24), LeaseUntil = hold.Lease,
        });
        await db.SaveChangesAsync();
        return hold;
    }

    private Task<SendAccepted> AcceptAsync(IdempotencyHold hold) =>
        engine.Services.GetRequiredService<SendService>().AcceptAsync(SendRequestParser.Parse(JsonNode.Parse(Send)),
            answer: id => new IdempotentAnswer(hold, 202, $$"""{"requestId":"{{id}}"}""", "application/json; charset=utf-8"));
}
