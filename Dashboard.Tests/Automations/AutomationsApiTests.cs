using System.Net;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Automations;

namespace NotificationOps.Dashboard.Tests.Automations;

public sealed class AutomationsApiTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private const string DelayThenSend = """
        {"automation": {"steps": [{"action": "delay", "duration": "5 minutes"}, {"action": "send", "template": "welcome"}], "cancelation_token": "t-{{order}}"},
         "recipient": "ada", "profile": {"email": "ada@example.com"}, "data": {"order": "7"}}
        """;

    private readonly HttpClient client = factory.CreateApiClient();

    public static TheoryData<string, string> BadInvokes => new()
    {
        { """{"automation": {"steps": [{"action": "teleport"}]}}""", "automation.steps[0].action" },
        { """{"automation": {"steps": [{"action": "send"}, {"action": "send", "template": 3}]}}""", "automation.steps[1].template" },
        { """{"automation": {"steps": [{"action": "delay", "duration": "a while"}]}}""", "automation.steps[0].duration" },
        { """{"automation": {"steps": [{"action": "send", "if": "data.x ==="}]}}""", "automation.steps[0].if" },
        { """{"automation": {"steps": [{"action": "cancel"}]}}""", "automation.steps[0].cancelation_token" },
        { """{"automation": {"steps": []}}""", "automation.steps" },
        { """{"steps": []}""", "automation" },
        { """{"automation": {"steps": [{"action": "delay", "duration": "1 day"}]}, "data": [1]}""", "data" },
        { """[1, 2]""", "body" },
    };

    [Fact]
    public async Task InvokeAdHoc_Answers202WithRunId_AndStoresRunAndSteps()
    {
        var response = await client.PostAsync("/api/automations/invoke", ApiJson.Content(DelayThenSend));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await ApiJson.ReadAsync(response)).GetProperty("runId").GetString()!;
        var run = await factory.QueryAsync(db => db.AutomationRuns.SingleAsync(r => r.Id == runId));
        Assert.Equal((AutomationRunStatus.Running, "ada", "t-7"), (run.Status, run.Recipient, run.CancelationToken));
        Assert.Equal(2, await factory.QueryAsync(db => db.AutomationRunSteps.CountAsync(s => s.RunId == runId)));

        var details = await ApiJson.ReadAsync(await client.GetAsync($"/api/automations/runs/{runId}"));
        Assert.Equal("RUNNING", details.GetProperty("status").GetString());
        Assert.Equal(["delay", "send"], details.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("action").GetString()));
        Assert.Equal("PENDING", details.GetProperty("steps")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task InvokeAdHoc_WithIdempotencyKey_StartsOneRun_AndReplaysRunId()
    {
        var key = Guid.NewGuid().ToString("N");
        var before = await factory.QueryAsync(db => db.AutomationRuns.CountAsync());

        var first = await PostWithKeyAsync("/api/automations/invoke", DelayThenSend, key);
        var second = await PostWithKeyAsync("/api/automations/invoke", DelayThenSend, key);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await factory.QueryAsync(db => db.AutomationRuns.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(BadInvokes))]
    public async Task InvokeAdHoc_BadInput_Is400NamingStepAndField_AndStoresNothing(string body, string field)
    {
        var before = await factory.QueryAsync(db => db.AutomationRuns.CountAsync());

        var response = await client.PostAsync("/api/automations/invoke", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.Equal(before, await factory.QueryAsync(db => db.AutomationRuns.CountAsync()));
    }

    [Fact]
    public async Task Templates_DraftIsNotInvocable_UntilPublished_ThenListedAndInvoked()
    {
        var id = $"onboarding-{Guid.NewGuid():N}";
        var saved = await client.PutAsync($"/api/automations/templates/{id}", ApiJson.Content("""
            {"name": "Onboarding", "steps": [{"action": "delay", "duration": "1 day"}], "trigger_events": ["signed-up"]}
            """));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/automations/{id}/invoke", ApiJson.Content("""{"recipient": "ada"}"""))).StatusCode);
        var drafts = await ApiJson.ReadAsync(await client.GetAsync("/api/automations?version=draft"));
        Assert.Contains(drafts.GetProperty("templates").EnumerateArray(), t => t.GetProperty("id").GetString() == id && t.GetProperty("version").GetString() == "draft");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/automations/templates/{id}/publish", null)).StatusCode);
        var invoked = await client.PostAsync($"/api/automations/{id}/invoke", ApiJson.Content("""{"recipient": "ada", "data": {"x": 1}}"""));

        Assert.Equal(HttpStatusCode.Accepted, invoked.StatusCode);
        var runId = (await ApiJson.ReadAsync(invoked)).GetProperty("runId").GetString()!;
        var run = await factory.QueryAsync(db => db.AutomationRuns.SingleAsync(r => r.Id == runId));
        Assert.Equal((id, 1, """{"x":1}"""), (run.TemplateId, run.TemplateVersion, run.DataJson));
        var published = await ApiJson.ReadAsync(await client.GetAsync("/api/automations"));
        Assert.Contains(published.GetProperty("templates").EnumerateArray(), t => t.GetProperty("id").GetString() == id && t.GetProperty("name").GetString() == "Onboarding");
        var listed = await ApiJson.ReadAsync(await client.GetAsync($"/api/automations/runs?template={id}"));
        Assert.Equal(runId, Assert.Single(listed.GetProperty("results").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Cancel_StopsRun_ThenRefusesSecondCancel_AndRetryOfNonFailedIs409()
    {
        var runId = (await ApiJson.ReadAsync(await client.PostAsync("/api/automations/invoke", ApiJson.Content(DelayThenSend)))).GetProperty("runId").GetString();

        var canceled = await client.PostAsync($"/api/automations/runs/{runId}/cancel", null);
        var again = await client.PostAsync($"/api/automations/runs/{runId}/cancel", null);
        var retry = await client.PostAsync($"/api/automations/runs/{runId}/retry", null);

        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        Assert.Equal("CANCELED", (await ApiJson.ReadAsync(canceled)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/automations/runs/no-such-run/retry", null)).StatusCode);
    }

    [Fact]
    public async Task RunsList_FiltersByStatusAndRecipient_AndRefusesUnknownStatus()
    {
        var recipient = $"filter-{Guid.NewGuid():N}";
        var body = DelayThenSend.Replace("\"ada\"", $"\"{recipient}\"");
        var first = (await ApiJson.ReadAsync(await client.PostAsync("/api/automations/invoke", ApiJson.Content(body)))).GetProperty("runId").GetString();
        await client.PostAsync("/api/automations/invoke", ApiJson.Content(body));
        await client.PostAsync($"/api/automations/runs/{first}/cancel", null);

        var canceled = await ApiJson.ReadAsync(await client.GetAsync($"/api/automations/runs?recipient={recipient}&status=canceled"));
        var all = await ApiJson.ReadAsync(await client.GetAsync($"/api/automations/runs?recipient={recipient}&limit=1"));
        var bad = await client.GetAsync("/api/automations/runs?status=SLEEPING");

        Assert.Equal(first, Assert.Single(canceled.GetProperty("results").EnumerateArray()).GetProperty("id").GetString());
        Assert.Single(all.GetProperty("results").EnumerateArray());
        var next = await ApiJson.ReadAsync(await client.GetAsync($"/api/automations/runs?recipient={recipient}&limit=1&cursor={Uri.EscapeDataString(all.GetProperty("cursor").GetString()!)}"));
        Assert.Equal(first, Assert.Single(next.GetProperty("results").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("status", ApiJson.Field(await ApiJson.ReadAsync(bad)));
    }

    [Fact]
    public async Task BulkRetry_AnswersHowManyFailedRunsMatch()
    {
        var recipient = $"bulk-{Guid.NewGuid():N}";
        var runId = (await ApiJson.ReadAsync(await client.PostAsync("/api/automations/invoke", ApiJson.Content($$"""{"automation": {"steps": [{"action": "send-list", "list": "l"}]}, "recipient": "{{recipient}}"}""")))).GetProperty("runId").GetString();
        await factory.QueryAsync(db => db.AutomationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, AutomationRunStatus.Failed)));

        var response = await client.PostAsync($"/api/automations/runs/retry?recipient={recipient}", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var operation = await ApiJson.ReadAsync(response);
        Assert.Equal(1, operation.GetProperty("count").GetInt32());
        var progress = await client.GetAsync($"/api/automations/runs/retry/{operation.GetProperty("operation_id").GetString()}");
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
    }

    [Fact]
    public async Task Inbound_StartsTriggeredTemplate_AndRepeatIs409WithoutRetry()
    {
        var id = $"trigger-{Guid.NewGuid():N}";
        var eventName = $"ordered-{Guid.NewGuid():N}";
        await client.PutAsync($"/api/automations/templates/{id}", ApiJson.Content("""{"steps": [{"action": "delay", "duration": "1 day"}], "trigger_events": ["EVENT"]}""".Replace("EVENT", eventName)));
        await client.PostAsync($"/api/automations/templates/{id}/publish", null);
        var messageId = Guid.NewGuid().ToString("N");
        var body = """{"type": "track", "event": "EVENT", "messageId": "MID", "userId": "ada", "properties": {"order": 9}}""".Replace("EVENT", eventName).Replace("MID", messageId);

        var first = await client.PostAsync("/api/inbound/courier", ApiJson.Content(body));
        var second = await client.PostAsync("/api/inbound/courier", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(messageId, (await ApiJson.ReadAsync(first)).GetProperty("messageId").GetString());
        var run = await factory.QueryAsync(db => db.AutomationRuns.SingleAsync(r => r.TemplateId == id));
        Assert.Equal(("ada", """{"order":9}"""), (run.Recipient, run.DataJson));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("false", Assert.Single(second.Headers.GetValues("x-should-retry")));
        Assert.Equal(1, await factory.QueryAsync(db => db.AutomationRuns.CountAsync(r => r.TemplateId == id)));
    }

    [Fact]
    public async Task Inbound_BadInput_Is400NamingField()
    {
        var response = await client.PostAsync("/api/inbound/courier", ApiJson.Content("""{"type": "identify", "event": "x", "messageId": "m", "properties": {}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("type", ApiJson.Field(await ApiJson.ReadAsync(response)));
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(string path, string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ApiJson.Content(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
