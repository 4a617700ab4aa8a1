using System.Text.Json.Nodes;
using NotificationOps.Engine.Templates;

namespace NotificationOps.Engine.Tests.Templates;

public sealed class ContentRendererTests
{
    private static readonly Brand Brand = new()
    {
        Name = "Acme",
        LogoUrl = "https://cdn.example.com/logo.png",
        PrimaryColor = "#ff6600",
        BackgroundColor = "#eeeeee",
        FooterHtml = "Acme Inc · sent to {{profile.email}}",
    };

    private readonly ContentRenderer renderer = new();

    private static JsonObject Data(string json) => JsonNode.Parse(json)!.AsObject();

    private RenderedContent Email(string html, string? data = null, string? subject = "Hi", string? text = null, JsonObject? profile = null) =>
        renderer.RenderTemplate(Channels.Email, new TemplateContent { Email = new EmailContent { Subject = subject, Html = html, Text = text } },
            data is null ? null : Data(data), profile, Brand);

    [Fact]
    public void RenderTemplate_FillsVariablesFromDataAndProfile()
    {
        var content = new TemplateContent { Sms = new SmsContent { Text = "Hi {{name}} ({{data.plan}}), your email is {{profile.email}}" } };

        var sms = renderer.RenderTemplate(Channels.Sms, content, Data("""{"name":"Ada","plan":"pro"}"""), Data("""{"email":"ada@example.com"}"""), Brand);

        Assert.Equal("Hi Ada (pro), your email is ada@example.com", sms.Text);
        Assert.Null(sms.Html);
    }

    [Fact]
    public void RenderTemplate_EscapesHtmlInEmailBody_ButNotInText()
    {
        var data = """{"name":"<script>alert(1)</script>"}""";

        var email = Email("<p>Hello {{name}}</p>", data, subject: "Hi {{name}}", text: "Hello {{name}}");

        Assert.Contains("<p>Hello &lt;script&gt;alert(1)&lt;/script&gt;</p>", email.Html);
        Assert.DoesNotContain("<script>alert", email.Html);
        Assert.Equal("Hello <script>alert(1)</script>", email.Text);
        Assert.Equal("Hi <script>alert(1)</script>", email.Title);
    }

    [Fact]
    public void RenderTemplate_TripleStashIsRaw_WhenTheAuthorAsksForIt()
    {
        var email = Email("<div>{{{snippet}}}</div>", """{"snippet":"<b>bold</b>"}""");

        Assert.Contains("<div><b>bold</b></div>", email.Html);
    }

    [Fact]
    public void RenderTemplate_GeneratesTextFromHtml_WhenTextIsEmpty()
    {
        var email = Email("<h1>Welcome {{name}}</h1><p>Start <a href=\"https://example.com/start\">here</a>.</p><ul><li>one</li><li>two</li></ul>", """{"name":"Ada"}""",
            profile: Data("""{"email":"ada@example.com"}"""));

        Assert.Equal("Welcome Ada\n\nStart here (https://example.com/start).\n\n- one\n- two\n\nAcme Inc · sent to ada@example.com", email.Text);
    }

    [Fact]
    public void RenderTemplate_WrapsEmailInTheBrandLayout()
    {
        var email = Email("<p>Body</p>", profile: Data("""{"email":"ada@example.com"}"""));

        Assert.Contains("background:#ff6600", email.Html);
        Assert.Contains("<img src=\"https://cdn.example.com/logo.png\" alt=\"Acme\"", email.Html);
        Assert.Contains("Acme Inc · sent to ada@example.com", email.Html);
        Assert.Contains("background:#eeeeee", email.Html);
        Assert.True(email.Html!.IndexOf("ff6600", StringComparison.Ordinal) < email.Html.IndexOf("<p>Body</p>", StringComparison.Ordinal));
        Assert.True(email.Html.IndexOf("<p>Body</p>", StringComparison.Ordinal) < email.Html.IndexOf("Acme Inc", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderTemplate_HeaderAndFooterPartials_AreAvailableInContent()
    {
        var content = new TemplateContent { Chat = new ChatContent { Text = "{{> footer}}" } };

        var chat = renderer.RenderTemplate(Channels.Chat, content, null, Data("""{"email":"x@example.com"}"""), Brand);

        Assert.Contains("Acme Inc · sent to x@example.com", chat.Text);
    }

    [Fact]
    public void RenderTemplate_UsesANewBrandAtOnce()
    {
        Email("<p>x</p>");
        var changed = new Brand { Name = "Beta", PrimaryColor = "#123456", BackgroundColor = "#ffffff", FooterHtml = "Beta footer" };

        var email = renderer.RenderTemplate(Channels.Email, new TemplateContent { Email = new EmailContent { Html = "<p>x</p>" } }, null, null, changed);

        Assert.Contains("Beta footer", email.Html);
        Assert.Contains("#123456", email.Html);
        Assert.DoesNotContain("Acme", email.Html);
    }

    [Theory]
    [InlineData("{{formatDate when \"d MMM yyyy\"}}", """{"when":"2026-03-05T10:00:00Z"}""", "5 Mar 2026")]
    [InlineData("{{formatDate when}}", """{"when":1767225600}""", "2026-01-01")]
    [InlineData("{{formatNumber amount \"N2\"}}", """{"amount":1234.5}""", "1,234.50")]
    [InlineData("{{formatNumber amount \"N2\" \"de-DE\"}}", """{"amount":1234.5}""", "1.234,50")]
    [InlineData("{{default nickname \"friend\"}}", """{}""", "friend")]
    [InlineData("{{default nickname \"friend\"}}", """{"nickname":"Ada"}""", "Ada")]
    [InlineData("{{#if (eq plan \"pro\")}}PRO{{else}}FREE{{/if}}", """{"plan":"pro"}""", "PRO")]
    [InlineData("{{#if (eq plan \"pro\")}}PRO{{else}}FREE{{/if}}", """{"plan":"free"}""", "FREE")]
    [InlineData("{{#if (gt count 3)}}many{{else}}few{{/if}}", """{"count":10}""", "many")]
    [InlineData("{{#if (and a (not b))}}yes{{else}}no{{/if}}", """{"a":true,"b":false}""", "yes")]
    [InlineData("{{#unless vip}}regular{{/unless}}", """{"vip":false}""", "regular")]
    [InlineData("{{#each items}}[{{this}}]{{/each}}", """{"items":["a","b"]}""", "[a][b]")]
    public void RenderTemplate_Helpers(string source, string data, string expected)
    {
        var sms = renderer.RenderTemplate(Channels.Sms, new TemplateContent { Sms = new SmsContent { Text = source } }, Data(data), null, Brand);

        Assert.Equal(expected, sms.Text);
    }

    [Fact]
    public void RenderTemplate_MissingVariables_RenderEmpty()
    {
        var sms = renderer.RenderTemplate(Channels.Sms, new TemplateContent { Sms = new SmsContent { Text = "Hi {{name}}{{profile.missing.deep}}!" } }, null, null, Brand);

        Assert.Equal("Hi !", sms.Text);
    }

    [Theory]
    [InlineData("line one\nline two {{#if x}}\nno close", 2, 10)]
    [InlineData("a\nb\n   {{/if}}", 3, 4)]
    [InlineData("ok\n  {{#if a}}x{{/each}}", 2, 13)]
    [InlineData("start\nx {{name\nend", 2, 3)]
    [InlineData("one\ntwo\nthree {{> missing}}", 3, 7)]
    [InlineData("{{#each}}x{{/each}}", 1, 1)]
    public void RenderTemplate_SyntaxError_CarriesFieldLineAndColumn(string source, int line, int column)
    {
        var error = Assert.Throws<TemplateRenderException>(() => Email(source));

        Assert.Equal("email.html", error.Field);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.False(string.IsNullOrWhiteSpace(error.Problem));
    }

    [Fact]
    public void Preview_RendersEveryChannelWithContent_AndReportsErrorsPerChannel()
    {
        var content = new TemplateContent
        {
            Email = new EmailContent { Subject = "Hi {{name}}", Html = "<p>{{name}}</p>" },
            Sms = new SmsContent { Text = "Hi {{#if vip}}" },
            Push = new PushContent { Title = "T", Body = "B {{name}}", Data = Data("""{"url":"/u/{{name}}","n":1}""") },
            Inbox = new InboxContent { Title = "In", Body = "Body", ActionUrl = "https://example.com/{{name}}" },
        };

        var preview = renderer.Preview(content, Data("""{"name":"ada"}"""), null, Brand);

        Assert.Equal(["email", "sms", "push", "inbox"], preview.Select(p => p.Channel));
        Assert.Equal("Hi ada", preview[0].Output!.Title);
        Assert.Equal("sms.text", preview[1].Error!.Field);
        Assert.Equal("/u/ada", preview[2].Output!.Data!["url"]!.GetValue<string>());
        Assert.Equal(1, preview[2].Output!.Data!["n"]!.GetValue<int>());
        Assert.Equal("https://example.com/ada", preview[3].Output!.ActionUrl);
    }

    [Fact]
    public void Render_AdHocContent_StillRendersMarkdown()
    {
        var email = renderer.Render(Channels.Email, "Hi {{name}}", "Hello **{{name}}**", Data("""{"name":"Ada"}"""), null);

        Assert.Contains("Hello <strong>Ada</strong>", email.Html);
        Assert.Equal("Hello Ada", email.Text);
    }
}
