using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Dashboard.Tests.TestSupport;
using NotificationOps.Engine.Bulk;
using NotificationOps.Engine.Jobs;

namespace NotificationOps.Dashboard.Tests.Api;

/// <summary>Courier's bulk API; the run is worked directly (the factory has no job server), so each step is observable.</summary>
public sealed class BulkApiTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private const string Definition = """{"message": {"event": "welcome", "content": {"title": "Hi {{name}}", "body": "B"}, "data": {"name": "all"}}}""";

    private readonly HttpClient client = factory.CreateApiClient();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    public static TheoryData<string, string> BadCreates => new()
    {
        { """{}""", "message" },
        { """{"message": {}}""", "message.event" },
        { """{"message": {"event": 5}}""", "message.event" },
        { """{"message": {"event": "e", "data": []}}""", "message.data" },
        { """{"message": {"event": "e", "colour": "red"}}""", "message.colour" },
        { """{"message": {"event": "bad\u0001"}}""", "message.event" },
        { """[]""", "message" },
    };

    public static TheoryData<string, string> BadIngests => new()
    {
        { """{}""", "users" },
        { """{"users": []}""", "users" },
        { """{"users": [5]}""", "users[0]" },
        { """{"users": [{"recipient": "ok"}, {"recipient": "bad\u0001"}]}""", "users[1].recipient" },
        { """{"users": [{"profile": "x"}]}""", "users[0].profile" },
        { """{"users": [{"to": {"list_id": "l"}}]}""", "users[0].to.list_id" },
        { """{"users": [{"data": {"a": 1}}]}""", "users[0]" },
        { """{"users": [{"profile": {"email": "not-an-email"}}]}""", "users[0]" },
        { """{"users": [{"nickname": "n", "recipient": "r"}]}""", "users[0].nickname" },
    };

    [Fact]
    public async Task Job_CreateIngestRun_SendsOneMessagePerUser_AndCountsThem()
    {
        var jobId = await CreateAsync(Definition);
        await IngestAsync(jobId, $$$"""{"users": [{"recipient": "{{{run}}}-a", "profile": {"email": "a@example.com"}, "data": {"name": "Ada"}}, {"profile": {"email": "b@example.com"}}]}""");
        await IngestAsync(jobId, """{"users": [{"to": {"email": "c@example.com"}}]}""");
        Assert.Equal(("CREATED", 3), await StatusAsync(jobId));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/bulk/{jobId}/run", null)).StatusCode);
        Assert.Equal("PROCESSING", (await StatusAsync(jobId)).Status);
        await RunAsync(jobId);

        var job = (await GetAsync($"/api/bulk/{jobId}")).GetProperty("job");
        Assert.Equal(("COMPLETED", 3, 3, 0), (job.GetProperty("status").GetString(), job.GetProperty("received").GetInt32(),
            job.GetProperty("enqueued").GetInt32(), job.GetProperty("failures").GetInt32()));
        Assert.Equal("welcome", job.GetProperty("definition").GetProperty("event").GetString());
        var users = (await GetAsync($"/api/bulk/{jobId}/users")).GetProperty("items").EnumerateArray().ToList();
        Assert.All(users, u => Assert.Equal("ENQUEUED", u.GetProperty("status").GetString()));
        var ids = users.Select(u => u.GetProperty("messageId").GetString()!).ToList();
        Assert.Equal(Enumerable.Range(0, 3).Select(i => BulkRunner.MessageId(jobId, i)), ids);
        var messages = await factory.QueryAsync(db => db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        Assert.Equal(3, messages.Count);
        var ada = messages.Single(m => m.RecipientUserId == $"{run}-a");
        Assert.Contains("\"name\":\"Ada\"", ada.RequestJson);
        Assert.Equal($"{run}-a", users[0].GetProperty("recipient").GetString());
    }

    [Fact]
    public async Task Run_ResumedFromTheStart_SendsNoSecondMessage()
    {
        var jobId = await CreateAsync(Definition);
        await IngestAsync(jobId, """{"users": [{"profile": {"email": "x@example.com"}}, {"profile": {"email": "y@example.com"}}]}""");
        await client.PostAsync($"/api/bulk/{jobId}/run", null);
        await RunAsync(jobId);

        // As after a crash between the messages' commit and the users' rows: the whole run again.
        await factory.QueryAsync(async db =>
        {
            await db.BulkUsers.Where(u => u.JobId == jobId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, BulkUserStatus.Pending).SetProperty(u => u.MessageId, (string?)null));
            return await db.BulkJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, BulkJobStatus.Processing)
                .SetProperty(j => j.Enqueued, 0).SetProperty(j => j.CompletedAt, (DateTimeOffset?)null));
        });
        await RunAsync(jobId);

        var ids = Enumerable.Range(0, 2).Select(i => BulkRunner.MessageId(jobId, i)).ToList();
        Assert.Equal(2, await factory.QueryAsync(db => db.Messages.CountAsync(m => ids.Contains(m.Id) || ids.Contains(m.RequestId!))));
        Assert.Equal(("COMPLETED", 2), ((await StatusAsync(jobId)).Status, (await GetAsync($"/api/bulk/{jobId}")).GetProperty("job").GetProperty("enqueued").GetInt32()));
    }

    [Fact]
    public async Task RecoverySweep_ResumesARunNobodyHolds_AndThenLeavesItAlone()
    {
        var jobId = await CreateAsync(Definition);
        await IngestAsync(jobId, """{"users": [{"profile": {"email": "r@example.com"}}]}""");
        await client.PostAsync($"/api/bulk/{jobId}/run", null);
        var recovery = factory.Services.GetServices<IRecoverySource>().OfType<BulkRecoverySource>().Single();

        Assert.True(await recovery.RecoverAsync(startup: true, CancellationToken.None) >= 1);
        Assert.True(await factory.QueryAsync(db => db.BulkJobs.AnyAsync(j => j.Id == jobId && j.Status == BulkJobStatus.Processing)));
        await RunAsync(jobId);

        Assert.Equal("COMPLETED", (await StatusAsync(jobId)).Status);
        Assert.False(await factory.Services.GetRequiredService<BulkRunner>().RunAsync(jobId, CancellationToken.None));
    }

    [Fact]
    public async Task Ingest_Answers409_AfterRun_AndStoresNothing()
    {
        var jobId = await CreateAsync(Definition);
        await client.PostAsync($"/api/bulk/{jobId}/run", null);

        var response = await client.PostAsync($"/api/bulk/{jobId}", ApiJson.Content("""{"users": [{"recipient": "late"}]}"""));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.BulkUsers.CountAsync(u => u.JobId == jobId)));
    }

    [Fact]
    public async Task Users_PageWithCursor_InIngestOrder()
    {
        var jobId = await CreateAsync(Definition);
        var users = string.Join(",", Enumerable.Range(0, 5).Select(i => $$"""{"recipient": "{{run}}-{{i}}"}"""));
        await IngestAsync(jobId, $$"""{"users": [{{users}}]}""");

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await GetAsync($"/api/bulk/{jobId}/users?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("recipient").GetString()!));
            Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.Equal("PENDING", i.GetProperty("status").GetString()));
            cursor = page.GetProperty("paging").GetProperty("more").GetBoolean() ? page.GetProperty("paging").GetProperty("cursor").GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{run}-{i}"), seen);
    }

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task Create_Answers400NamingField_AndStoresNothing(string body, string field)
    {
        var before = await factory.QueryAsync(db => db.BulkJobs.CountAsync());

        var response = await client.PostAsync("/api/bulk", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.Equal(before, await factory.QueryAsync(db => db.BulkJobs.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(BadIngests))]
    public async Task Ingest_Answers400NamingField_AndStoresNothing(string body, string field)
    {
        var jobId = await CreateAsync(Definition);

        var response = await client.PostAsync($"/api/bulk/{jobId}", ApiJson.Content(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, ApiJson.Field(await ApiJson.ReadAsync(response)));
        Assert.Equal(0, await factory.QueryAsync(db => db.BulkUsers.CountAsync(u => u.JobId == jobId)));
    }

    [Theory]
    [InlineData("%01bad", HttpStatusCode.BadRequest)]
    [InlineData("long", HttpStatusCode.BadRequest)]
    [InlineData("no-such-job", HttpStatusCode.NotFound)]
    public async Task Get_AnswersByJobId_ForBadOrUnknownIds(string id, HttpStatusCode expected)
    {
        id = id == "long" ? new string('x', 256) : id;

        var response = await client.GetAsync($"/api/bulk/{id}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("job_id", ApiJson.Field(await ApiJson.ReadAsync(response)));
    }

    private async Task RunAsync(string jobId) =>
        Assert.True(await factory.Services.GetRequiredService<BulkRunner>().RunAsync(jobId, CancellationToken.None));

    private async Task<(string Status, int Received)> StatusAsync(string jobId)
    {
        var job = (await GetAsync($"/api/bulk/{jobId}")).GetProperty("job");
        return (job.GetProperty("status").GetString()!, job.GetProperty("received").GetInt32());
    }

    private async Task<string> CreateAsync(string body)
    {
        var response = await client.PostAsync("/api/bulk", ApiJson.Content(body));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"create: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiJson.ReadAsync(response)).GetProperty("jobId").GetString()!;
    }

    private async Task IngestAsync(string jobId, string body)
    {
        var response = await client.PostAsync($"/api/bulk/{jobId}", ApiJson.Content(body));
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"ingest: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ApiJson.ReadAsync(response);
    }
}
