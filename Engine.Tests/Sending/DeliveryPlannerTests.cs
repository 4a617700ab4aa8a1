using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Messages;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Sending;

/// <summary>The planner on messages as intake stores them, with three simulated providers: two for email (a before b), one for sms.</summary>
public sealed class DeliveryPlannerTests : IAsyncLifetime
{
    private const string ToBoth = """{"email":"ada@example.com","phone_number":"+14155550123"}""";

    private EngineHost engine = null!;

    public async Task InitializeAsync() => engine = await EngineHost.CreateAsync(new Dictionary<string, string?>
    {
        ["Providers:sim-a:Type"] = "simulated",
        ["Providers:sim-a:Channel"] = "email",
        ["Providers:sim-a:Priority"] = "1",
        ["Providers:sim-b:Type"] = "simulated",
        ["Providers:sim-b:Channel"] = "email",
        ["Providers:sim-b:Priority"] = "2",
        ["Providers:sim-sms:Type"] = "simulated",
        ["Providers:sim-sms:Channel"] = "sms",
    });

    public async Task DisposeAsync() => await engine.DisposeAsync();

    private DeliveryPlanner Planner => engine.Services.GetRequiredService<DeliveryPlanner>();

    [Fact]
    public async Task Plan_RoutedChannels_KeepsTheOrderAndOnlyThoseTheRecipientCanBeReachedOn()
    {
        var plan = Planner.Plan(await AcceptAsync("""{"email":"ada@example.com"}""", """{"routing":{"channels":["sms","push","email"]}}"""));

        Assert.Equal(["sms", "push", "email"], plan.Routed);
        Assert.Equal(["email"], plan.Reachable);
        Assert.Null(plan.Refusal);
    }

    [Fact]
    public async Task Plan_NoRouting_UsesTheDefaultChannelOrder()
    {
        var plan = Planner.Plan(await AcceptAsync(ToBoth));

        Assert.Equal(["email", "sms", "push", "inbox"], plan.Routed);
        Assert.Equal(["email", "sms"], plan.Reachable);
    }

    [Fact]
    public async Task Plan_NoAddressForAnyRoutedChannel_IsUnroutableNoChannels()
    {
        var plan = Planner.Plan(await AcceptAsync("""{"email":"ada@example.com"}""", """{"routing":{"channels":["sms"]}}"""));

        var refusal = Assert.NotNull(plan.Refusal);
        Assert.Equal((MessageStatus.Unroutable, MessageReason.NoChannels), (refusal.Status, refusal.Reason));
        Assert.Contains("(sms)", refusal.Error);
    }

    [Fact]
    public async Task Plan_PastTimeout_IsUndeliverableFailed()
    {
        var message = await AcceptAsync(ToBoth, """{"timeout":{"message":1000}}""");
        Assert.Null(Planner.Plan(message).Refusal);

        engine.Time.Advance(TimeSpan.FromSeconds(1));

        var refusal = Assert.NotNull(Planner.Plan(message).Refusal);
        Assert.Equal((MessageStatus.Undeliverable, MessageReason.Failed), (refusal.Status, refusal.Reason));
        Assert.Contains("timeout.message", refusal.Error);
    }

    [Fact]
    public async Task Plan_TemplateNeverPublished_IsUndeliverableUnpublished()
    {
        await Templates.CreateAsync(EmailOnlyTemplate(), "ada@example.com");

        var plan = Planner.Plan(await AcceptAsync(ToBoth, template: "welcome"));

        var refusal = Assert.NotNull(plan.Refusal);
        Assert.Equal((MessageStatus.Undeliverable, MessageReason.Unpublished), (refusal.Status, refusal.Reason));
    }

    [Fact]
    public async Task Plan_PublishedTemplate_OffersOnlyChannelsWithContent_AndRendersThemOnce()
    {
        await Templates.CreateAsync(EmailOnlyTemplate(), "ada@example.com");
        await Templates.PublishAsync("welcome", "ada@example.com");

        var plan = Planner.Plan(await AcceptAsync(ToBoth, """{"routing":{"channels":["sms","email"]}}""", template: "welcome"));

        Assert.Null(plan.Refusal);
        Assert.Equal(["email"], plan.Reachable);
        var email = Assert.Single(plan.Rendered!).Value;
        Assert.Equal("Hi Ada", email.Title);
        Assert.Same(email, Planner.Next(plan, 0, 0)!.Rendered);
    }

    [Fact]
    public async Task Next_FollowsProviderPriority_ThenTheNextChannel_ThenEnds()
    {
        var plan = Planner.Plan(await AcceptAsync(ToBoth, """{"routing":{"channels":["email","sms"]}}"""));

        var first = Planner.Next(plan, 0, 0)!;
        var second = Planner.Next(plan, 0, 1)!;
        var third = Planner.Next(plan, 0, 2)!;

        Assert.Equal(("sim-a", "email", 0, 0, "ada@example.com"), (first.Provider.Id, first.Channel, first.ChannelIndex, first.ProviderIndex, first.Address));
        Assert.Equal(("sim-b", "email", 0, 1), (second.Provider.Id, second.Channel, second.ChannelIndex, second.ProviderIndex));
        Assert.Equal(("sim-sms", "sms", 1, 0, "+14155550123"), (third.Provider.Id, third.Channel, third.ChannelIndex, third.ProviderIndex, third.Address));
        Assert.Null(Planner.Next(plan, 1, 1));
        Assert.Equal("Hello Ada", first.Rendered.Text);
    }

    [Fact]
    public async Task Next_ChannelProvidersOverride_UsesOnlyThoseInTheGivenOrder()
    {
        var plan = Planner.Plan(await AcceptAsync(ToBoth, """{"routing":{"channels":["email"]},"channels":{"email":{"providers":["sim-b","sim-a","sim-sms"]}}}"""));

        Assert.Equal("sim-b", Planner.Next(plan, 0, 0)!.Provider.Id);
        Assert.Equal("sim-a", Planner.Next(plan, 0, 1)!.Provider.Id);
        Assert.Null(Planner.Next(plan, 0, 2));
    }

    [Fact]
    public async Task DescribeNext_NamesTheNextProviderOrChannel_OrNothingAtTheEnd()
    {
        var plan = Planner.Plan(await AcceptAsync(ToBoth, """{"routing":{"channels":["email","sms"]}}"""));

        Assert.Equal("sim-b (email)", Planner.DescribeNext(plan, Planner.Next(plan, 0, 0)!));
        Assert.Equal("the sms channel (sim-sms)", Planner.DescribeNext(plan, Planner.Next(plan, 0, 1)!));
        Assert.Null(Planner.DescribeNext(plan, Planner.Next(plan, 1, 0)!));
    }

    private TemplateService Templates => engine.Services.GetRequiredService<TemplateService>();

    private static TemplateInput EmailOnlyTemplate() => new()
    {
        Alias = "welcome",
        Name = "Welcome",
        Content = new TemplateContent { Email = new EmailContent { Subject = "Hi {{name}}", Html = "<p>Hello {{name}}</p>" } },
    };

    /// <summary>Accepts a send as intake does (parser and SendService) and returns the stored message.</summary>
    private async Task<Message> AcceptAsync(string to, string? extra = null, string? template = null)
    {
        var message = JsonNode.Parse(extra ?? "{}")!.AsObject();
        message["to"] = JsonNode.Parse(to);
        message["data"] = new JsonObject { ["name"] = "Ada" };
        if (template is null)
        {
            message["content"] = new JsonObject { ["title"] = "Hi", ["body"] = "Hello {{name}}" };
        }
        else
        {
            message["template"] = template;
        }

        var id = Assert.Single(await engine.SendAsync(new JsonObject { ["message"] = message }.ToJsonString()));
        return await engine.MessageAsync(id);
    }
}
