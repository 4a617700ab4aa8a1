using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Api;

public sealed class TemplatesApiTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private readonly HttpClient client = factory.CreateApiClient();

    private static string NewAlias() => $"t-{Guid.NewGuid():N}"[..20];

    private static string Body(string alias, string html = "<p>Hello {{name}}</p>") => $$$"""
        { "alias": "{{{alias}}}", "name": "Welcome", "tags": ["onboarding"],
          "content": { "email": { "subject": "Hi {{name}}", "html": "{{{html}}}", "text": "Hello {{name}}" },
                       "sms": { "text": "Hi {{name}}" },
                       "push": { "title": "Hi", "body": "Hello {{name}}" } } }
        """;

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string? json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : ApiJson.Content(json) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Post_CreatesDraft_ThenGetByIdOrAlias_ReturnsIt()
    {
        var alias = NewAlias();

        var created = await SendAsync(HttpMethod.Post, "/api/templates", Body(alias), HttpStatusCode.Created);

        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(alias, created.GetProperty("alias").GetString());
        Assert.Equal(1, created.GetProperty("latest_version").GetInt32());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("published_version").ValueKind);
        Assert.Equal("<p>Hello {{name}}</p>", created.GetProperty("content").GetProperty("email").GetProperty("html").GetString());
        var byAlias = await SendAsync(HttpMethod.Get, $"/api/templates/{alias}", null, HttpStatusCode.OK);
        var byId = await SendAsync(HttpMethod.Get, $"/api/templates/{id}", null, HttpStatusCode.OK);
        Assert.Equal(id, byAlias.GetProperty("id").GetString());
        Assert.Equal(alias, byId.GetProperty("alias").GetString());
        Assert.Equal(["onboarding"], byId.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"name": "No alias"}""", "alias" },
        { """{"alias": "Has Spaces", "name": "x"}""", "alias" },
        { """{"alias": "ok-alias", "name": ""}""", "name" },
        { """{"alias": "ok-alias", "name": "x", "tags": "one"}""", "tags" },
        { """{"alias": "ok-alias", "name": "x", "content": {"email": {"html_body": "x"}}}""", "content.email.html_body" },
        { """{"alias": "ok-alias", "name": "x", "content": {"fax": {"text": "x"}}}""", "content.fax" },
        { """{"alias": "ok-alias", "name": "x", "content": {"sms": {"text": 42}}}""", "content.sms.text" },
        { """{"alias": "ok-alias", "name": "x", "content": "hello"}""", "content" },
        { """{"alias": "ok-alias", "name": "x", "colour": "red"}""", "colour" },
        { """[1, 2]""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Post_InvalidBody_Is400NamingTheField_AndStoresNothing(string json, string field)
    {
        var before = await factory.QueryAsync(db => db.Templates.CountAsync());

        var error = await SendAsync(HttpMethod.Post, "/api/templates", json, HttpStatusCode.BadRequest);

        Assert.Equal(field, ApiJson.Field(error));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(before, await factory.QueryAsync(db => db.Templates.CountAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.AuditEntries.CountAsync(e => e.SubjectName == "ok-alias")));
    }

    [Fact]
    public async Task Post_TakenAlias_Is409()
    {
        var alias = NewAlias();
        await SendAsync(HttpMethod.Post, "/api/templates", Body(alias), HttpStatusCode.Created);

        var error = await SendAsync(HttpMethod.Post, "/api/templates", Body(alias), HttpStatusCode.Conflict);

        Assert.Equal("alias", ApiJson.Field(error));
        Assert.Equal("conflict", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task PutPublishVersions_EditIsDraft_PublishMakesItLive_AuditedAsTheApiKey()
    {
        var alias = NewAlias();
        var id = (await SendAsync(HttpMethod.Post, "/api/templates", Body(alias), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await SendAsync(HttpMethod.Post, $"/api/templates/{alias}/publish", null, HttpStatusCode.OK);

        var edited = await SendAsync(HttpMethod.Put, $"/api/templates/{alias}", """{"content": {"sms": {"text": "Yo {{name}}"}}}""", HttpStatusCode.OK);

        Assert.Equal((2, 1, true), (edited.GetProperty("latest_version").GetInt32(), edited.GetProperty("published_version").GetInt32(), edited.GetProperty("has_draft").GetBoolean()));
        Assert.Equal("Hi {{name}}", edited.GetProperty("published_content").GetProperty("sms").GetProperty("text").GetString());
        var versions = (await SendAsync(HttpMethod.Get, $"/api/templates/{id}/versions", null, HttpStatusCode.OK)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(JsonValueKind.Null, versions[0].GetProperty("published_at").ValueKind);
        Assert.StartsWith("API key", versions[1].GetProperty("published_by").GetString());
        var actions = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.SubjectId == id).OrderBy(e => e.Id).Select(e => e.Action + " by " + e.Actor).ToListAsync());
        Assert.Equal(3, actions.Count);
        Assert.All(actions, a => Assert.Contains("by API key", a));
        Assert.Equal(["template.created", "template.published", "template.edited"], actions.Select(a => a.Split(' ')[0]));
    }

    [Fact]
    public async Task Publish_SyntaxError_Is422WithLineAndColumn()
    {
        var alias = NewAlias();
        await SendAsync(HttpMethod.Post, "/api/templates", Body(alias, "<p>ok</p>\\n<p>{{#each items}}</p>"), HttpStatusCode.Created);

        var error = await SendAsync(HttpMethod.Post, $"/api/templates/{alias}/publish", null, HttpStatusCode.UnprocessableEntity);

        Assert.Equal("template_error", error.GetProperty("type").GetString());
        Assert.Equal("content.email.html", error.GetProperty("field").GetString());
        Assert.Equal((2, 4), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        Assert.Equal(JsonValueKind.Null, (await SendAsync(HttpMethod.Get, $"/api/templates/{alias}", null, HttpStatusCode.OK)).GetProperty("published_version").ValueKind);
    }

    [Fact]
    public async Task Render_ReturnsEveryChannel_WithDataAndProfile()
    {
        var alias = NewAlias();
        await SendAsync(HttpMethod.Post, "/api/templates", Body(alias, "<p>Hello {{name}} ({{profile.email}})</p>"), HttpStatusCode.Created);

        var rendered = await SendAsync(HttpMethod.Post, $"/api/templates/{alias}/render",
            """{"data": {"name": "<Ada>"}, "profile": {"email": "ada@example.com"}}""", HttpStatusCode.OK);

        var channels = rendered.GetProperty("channels");
        Assert.Equal(["email", "sms", "push"], channels.EnumerateObject().Select(c => c.Name));
        Assert.Equal("Hi <Ada>", channels.GetProperty("email").GetProperty("subject").GetString());
        Assert.Contains("<p>Hello &lt;Ada&gt; (ada@example.com)</p>", channels.GetProperty("email").GetProperty("html").GetString());
        Assert.Equal("Hi <Ada>", channels.GetProperty("sms").GetProperty("text").GetString());
        Assert.Equal("Hello <Ada>", channels.GetProperty("push").GetProperty("body").GetString());
        Assert.Equal(1, rendered.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("""{"data": "x"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"version": "published"}""", HttpStatusCode.Conflict)]
    [InlineData("""{"version": 9}""", HttpStatusCode.NotFound)]
    [InlineData("""{"version": true}""", HttpStatusCode.BadRequest)]
    public async Task Render_BadRequest_SaysWhy(string json, HttpStatusCode expected)
    {
        var alias = NewAlias();
        await SendAsync(HttpMethod.Post, "/api/templates", Body(alias), HttpStatusCode.Created);

        var error = await SendAsync(HttpMethod.Post, $"/api/templates/{alias}/render", json, expected);

        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Delete_RemovesIt_ThenGetIs404()
    {
        var alias = NewAlias();
        await SendAsync(HttpMethod.Post, "/api/templates", Body(alias), HttpStatusCode.Created);

        await SendAsync(HttpMethod.Delete, $"/api/templates/{alias}", null, HttpStatusCode.NoContent);

        await SendAsync(HttpMethod.Get, $"/api/templates/{alias}", null, HttpStatusCode.NotFound);
        await SendAsync(HttpMethod.Delete, $"/api/templates/{alias}", null, HttpStatusCode.NotFound);
        Assert.Equal(1, await factory.QueryAsync(db => db.AuditEntries.CountAsync(e => e.SubjectName == alias && e.Action == "template.deleted")));
    }

    [Fact]
    public async Task List_FiltersBySearchAndTag_AndPagesByCursor()
    {
        var prefix = $"list-{Guid.NewGuid():N}"[..12];
        foreach (var n in new[] { "a", "b", "c" })
        {
            await SendAsync(HttpMethod.Post, "/api/templates", "{\"alias\": \"" + prefix + "-" + n + "\", \"name\": \"" + prefix + " " + n + "\", \"tags\": [\"" + prefix + "\"]}", HttpStatusCode.Created);
        }

        var first = await SendAsync(HttpMethod.Get, $"/api/templates?search={prefix}&limit=2", null, HttpStatusCode.OK);
        var cursor = first.GetProperty("paging").GetProperty("cursor").GetString();
        var second = await SendAsync(HttpMethod.Get, $"/api/templates?search={prefix}&limit=2&cursor={cursor}", null, HttpStatusCode.OK);
        var tagged = await SendAsync(HttpMethod.Get, $"/api/templates?tag={prefix}", null, HttpStatusCode.OK);

        Assert.Equal([$"{prefix}-a", $"{prefix}-b"], first.GetProperty("results").EnumerateArray().Select(t => t.GetProperty("alias").GetString()));
        Assert.True(first.GetProperty("paging").GetProperty("more").GetBoolean());
        Assert.Equal([$"{prefix}-c"], second.GetProperty("results").EnumerateArray().Select(t => t.GetProperty("alias").GetString()));
        Assert.False(second.GetProperty("paging").GetProperty("more").GetBoolean());
        Assert.Equal(3, tagged.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Send_ByAlias_PinsThePublishedVersion()
    {
        var alias = NewAlias();
        await SendAsync(HttpMethod.Post, "/api/templates", Body(alias), HttpStatusCode.Created);
        await SendAsync(HttpMethod.Post, $"/api/templates/{alias}/publish", null, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Put, $"/api/templates/{alias}", """{"content": {"sms": {"text": "draft"}}}""", HttpStatusCode.OK);

        var accepted = await SendAsync(HttpMethod.Post, "/api/send",
            $$"""{"message": {"to": {"email": "ada@example.com"}, "template": "{{alias}}", "data": {"name": "Ada"} } }""", HttpStatusCode.Accepted);

        var id = accepted.GetProperty("requestId").GetString()!;
        var message = await factory.QueryAsync(db => db.Messages.SingleAsync(m => m.Id == id));
        Assert.Equal((alias, 1), (message.Template, message.TemplateVersion));
        Assert.NotNull(message.TemplateId);
    }

    [Fact]
    public async Task Post_WithIdempotencyKey_IsReplayed_AndCreatesOnce()
    {
        var alias = NewAlias();
        var key = Guid.NewGuid().ToString("N");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/templates") { Content = ApiJson.Content(Body(alias)) };
            request.Headers.Add("Idempotency-Key", key);
            answers.Add(await client.SendAsync(request));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(await answers[0].Content.ReadAsStringAsync(), await answers[1].Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.QueryAsync(db => db.Templates.CountAsync(t => t.Alias == alias)));
    }

    [Fact]
    public async Task Unknown_Is404()
    {
        var error = await SendAsync(HttpMethod.Get, "/api/templates/does-not-exist", null, HttpStatusCode.NotFound);

        Assert.Contains("does-not-exist", error.GetProperty("message").GetString());
    }
}
