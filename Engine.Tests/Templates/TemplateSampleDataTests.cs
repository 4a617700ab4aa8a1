using System.Text.Json.Nodes;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Tests.Templates;

public sealed class TemplateSampleDataTests
{
    [Fact]
    public void For_FillsEveryPlainVariable_DataAndProfile_AndLeavesHelpersBlocksAndPartialsOut()
    {
        var content = new TemplateContent
        {
            Email = new EmailContent
            {
                Subject = "Order {{order}} for {{ customer.first }}",
                Html = "{{> header}}<p>{{#if vip}}VIP{{else}}Hi{{/if}} {{{note}}} {{formatDate shipped \"yyyy-MM-dd\"}} {{profile.phone_number}}</p>",
            },
            Sms = new SmsContent { Text = "{{name}}: {{order}}" },
        };

        var sample = JsonNode.Parse(TemplateSampleData.For(content))!;

        Assert.Equal(
            """{"name":"Ada","order":"[order]","customer":{"first":"[customer.first]"},"note":"[note]"}""",
            sample["data"]!.ToJsonString());
        Assert.Equal("""{"email":"ada@example.com","phone_number":"[profile.phone_number]"}""", sample["profile"]!.ToJsonString());
    }

    [Fact]
    public void For_KeepsTheFirstValue_WhenAPathAlsoHasDeeperUses()
    {
        var content = new TemplateContent { Sms = new SmsContent { Text = "{{name}} {{name.first}} {{a.b}} {{a}}" } };

        var data = JsonNode.Parse(TemplateSampleData.For(content))!["data"]!;

        Assert.Equal("Ada", data["name"]!.GetValue<string>());
        Assert.Equal("[a.b]", data["a"]!["b"]!.GetValue<string>());
    }
}
