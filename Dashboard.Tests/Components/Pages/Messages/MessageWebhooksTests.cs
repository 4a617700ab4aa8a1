using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Components.Pages.Messages;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Webhooks.Outbound;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Messages;

public sealed class MessageWebhooksTests : MudBlazorTestContext, IAsyncLifetime
{
    private EngineHost engine = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(PageMessages.Providers());
        Services.AddSingleton(engine.Services.GetRequiredService<WebhookDeliveryLog>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await engine.DisposeAsync();
    }

    [Fact]
    public async Task Render_ListsTheMessagesDeliveries_PerEndpoint()
    {
        await engine.Services.GetRequiredService<WebhookEndpointService>().CreateAsync(new WebhookEndpointChange { Url = "https://93.184.216.34/crm" });
        var id = (await engine.SendAsync("""{"message":{"to":{"email":"ada@example.com"},"content":{"title":"Hi","body":"Hello"}}}""")).Single();

        var component = Render<MessageWebhooks>(p => p.Add(x => x.MessageId, id));

        // The query is asynchronous on PostgreSQL: wait for the loaded state, not for the first render.
        var row = component.WaitForElement("[data-testid=message-webhook]");
        Assert.Single(component.FindAll("[data-testid=message-webhook]"));
        Assert.Contains("message:updated", row.TextContent);
        Assert.Contains("ENQUEUED", row.TextContent);
        Assert.Contains("https://93.184.216.34/crm", row.TextContent);
        Assert.Contains("pending", row.TextContent);
    }

    [Fact]
    public void Render_SaysSo_WhenNothingWasDelivered()
    {
        var component = Render<MessageWebhooks>(p => p.Add(x => x.MessageId, "no-such-message"));

        component.WaitForElement("[data-testid=no-webhook-deliveries]");
        Assert.Empty(component.FindAll("[data-testid=message-webhook]"));
    }
}
