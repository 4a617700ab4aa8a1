using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NotificationOps.Bench;

/// <summary>A webhook receiver on 127.0.0.1 answering 200, noting each event's receipt time and the lag since its status change.</summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentBag<(DateTimeOffset At, double LagMs)> receipts = [];

    private LoopbackReceiver(WebApplication app) => this.app = app;

    public Uri Address { get; private set; } = null!;

    public int Count => receipts.Count;

    public IReadOnlyList<(DateTimeOffset At, double LagMs)> Receipts => receipts.ToList();

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var now = DateTimeOffset.UtcNow;
            using var body = await JsonDocument.ParseAsync(request.Body);
            var data = body.RootElement.GetProperty("data");
            // The time of the change this event reports: the message's timestamp of that status.
            var field = data.GetProperty("status").GetString()!.ToLowerInvariant();
            var changedAt = data.TryGetProperty(field, out var at) && at.ValueKind == JsonValueKind.Number ? at.GetInt64() : now.ToUnixTimeMilliseconds();
            receiver.receipts.Add((now, now.ToUnixTimeMilliseconds() - changedAt));
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.Address = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/hook");
        return receiver;
    }

    public void Clear() => receipts.Clear();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
