using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Automations;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.Sending;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Automations;

/// <summary>The engine with a simulated email provider and a published "welcome" template; a test runs the run's jobs itself.</summary>
public sealed class AutomationHarness : IAsyncDisposable
{
    private AutomationHarness(EngineHost engine) => Engine = engine;

    public EngineHost Engine { get; }

    public static async Task<AutomationHarness> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var all = SendJobTests.Simulated(deliveryDelayMs: 0);
        all["Automations:RetryBaseSeconds"] = "1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var engine = await EngineHost.CreateAsync(all);
        var templates = engine.Services.GetRequiredService<TemplateService>();
        await templates.CreateAsync(new TemplateInput
        {
            Alias = "welcome",
            Name = "Welcome",
            Content = new TemplateContent { Email = new EmailContent { Subject = "Hi {{name}}", Html = "<p>Hello {{name}}</p>" } },
        }, "test");
        await templates.PublishAsync("welcome", "test");
        return new AutomationHarness(engine);
    }

    public Task<string> InvokeAsync(string json) =>
        Engine.Services.GetRequiredService<AutomationInvoker>().StartAsync(AutomationInvokeParser.ParseAdHoc(JsonNode.Parse(json)));

    /// <summary>What the run's Hangfire job does; <paramref name="jobId"/> as Hangfire would pass it.</summary>
    public Task RunJobAsync(string runId, string? jobId = null) =>
        Engine.Services.GetRequiredService<AutomationRunner>().RunAsync(runId, jobId, CancellationToken.None);

    public async Task<AutomationRunDetails> RunAsync(string runId) =>
        (await Engine.Services.GetRequiredService<AutomationRunQueries>().GetAsync(runId))!;

    public async Task<List<Message>> MessagesAsync()
    {
        await using var db = Engine.CreateContext();
        return await db.Messages.AsNoTracking().ToListAsync();
    }

    public T Get<T>()
        where T : notnull => Engine.Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
