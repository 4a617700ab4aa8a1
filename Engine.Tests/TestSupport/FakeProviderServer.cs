using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NotificationOps.Engine.Tests.TestSupport;

/// <summary>
/// A provider's HTTP API as a test needs it: Kestrel on 127.0.0.1, port 0, answering a script of responses
/// (429 with Retry-After, 500, slow answers, permanent errors) and recording every request.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<FakeResponse> script = new();
    private readonly ConcurrentQueue<FakeRequest> received = new();

    private FakeProviderServer(WebApplication app)
    {
        this.app = app;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Decides the answer from the request itself (first), e.g. by recipient when calls run concurrently.</summary>
    public Func<FakeRequest, FakeResponse?>? Responder { get; set; }

    /// <summary>What to answer when the script is empty.</summary>
    public FakeResponse Default { get; set; } = new(200, "{\"ok\":true}");

    public IReadOnlyList<FakeRequest> Requests => received.ToList();

    /// <summary>Starts on <paramref name="port"/> (0: any free port; a given one lets a test restart a stopped receiver).</summary>
    public static async Task<FakeProviderServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new FakeProviderServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public void Enqueue(params FakeResponse[] responses)
    {
        foreach (var response in responses)
        {
            script.Enqueue(response);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new FakeRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        received.Enqueue(request);

        var response = Responder?.Invoke(request) ?? (script.TryDequeue(out var next) ? next : Default);
        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.Body);
    }
}
