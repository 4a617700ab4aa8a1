using System.Text.Json.Nodes;
using Bunit;
using NotificationOps.Dashboard.Components.Pages.Messages;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Dashboard.Tests.Components.Pages.Messages;

public sealed class RenderedContentViewTests : MudBlazorTestContext
{
    [Fact]
    public void View_ShowsPushDataAndInAppActionUrl_WhenTheTemplateGaveThem()
    {
        var push = Render<RenderedContentView>(p => p.Add(x => x.Output,
            new RenderedContent("push", "Order A-7", "Shipped", null, Data: new JsonObject { ["order"] = "A-7" })));
        var inbox = Render<RenderedContentView>(p => p.Add(x => x.Output,
            new RenderedContent("inbox", "Order A-7", "Shipped", null, ActionUrl: "https://shop.example/orders/A-7")));

        Assert.Contains("\"order\": \"A-7\"", push.Find("[data-testid=rendered-data]").TextContent);
        Assert.Empty(push.FindAll("[data-testid=rendered-action-url]"));
        Assert.Equal("https://shop.example/orders/A-7", inbox.Find("[data-testid=rendered-action-url]").TextContent.Trim());
        Assert.Empty(inbox.FindAll("[data-testid=rendered-data]"));
    }
}
