using System.Text.Json.Nodes;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Tests.Templates;

public sealed class TemplateSampleDataTests
{
    [Fact]
    public void For_FillsEveryVariable_AndHelperArgument_DataAndProfile_AndLeavesPartialsOut()
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
            """{"name":"Ada","vip":"[vip]","shipped":"2026-01-15T09:30:00Z","order":"[order]","customer":{"first":"[customer.first]"},"note":"[note]"}""",
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

    [Fact]
    public void For_GivesHelperArgumentsValuesTheHelperCanFormat()
    {
        var content = new TemplateContent
        {
            Sms = new SmsContent { Text = "({{formatNumber order.total \"N2\" \"de-DE\"}} {{order.currency}}) shipped on {{formatDate order.shipped_at \"d MMM yyyy\"}}. {{#each items}}{{this}}{{/each}} {{#if (eq plan 'pro')}}pro{{/if}}" },
        };

        var data = JsonNode.Parse(TemplateSampleData.For(content))!["data"]!;

        Assert.Equal(1234.5, data["order"]!["total"]!.GetValue<double>());
        Assert.Equal("2026-01-15T09:30:00Z", data["order"]!["shipped_at"]!.GetValue<string>());
        Assert.Equal("[order.currency]", data["order"]!["currency"]!.GetValue<string>());
        Assert.Equal("[plan]", data["plan"]!.GetValue<string>());
        // Not paths: format strings, and an #each list is not given a text to iterate.
        Assert.Null(data["MMM"]);
        Assert.Null(data["items"]);
    }
}
