using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Api;

public sealed class ProfilesApiTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    private readonly HttpClient client = factory.CreateApiClient();

    public static TheoryData<string, string> BodiesWithoutProfile => new()
    {
        { "POST", """{}""" },
        { "PUT", """{}""" },
        { "POST", """{"profile": null}""" },
        { "PUT", """{"profile": "ada@example.com"}""" },
        { "POST", """{"email": "ada@example.com"}""" },
        { "PUT", """[{"profile": {}}]""" },
    };

    public static TheoryData<string, string, string> InvalidProfiles => new()
    {
        { "POST", """{"profile": {"email": "not-an-email"}}""", "profile.email" },
        { "PUT", """{"profile": {"email": "not-an-email"}}""", "profile.email" },
        { "POST", """{"profile": {"email": 42}}""", "profile.email" },
        { "PUT", """{"profile": {"name": "Ada", "email": "ada@localhost"}}""", "profile.email" },
        { "POST", """{"profile": {"phone_number": "12"}}""", "profile.phone_number" },
        { "PUT", """{"profile": {"email": "ada@example.com", "phone_number": "call me"}}""", "profile.phone_number" },
    };

    [Fact]
    public async Task Post_MergesKeys_KeepingUntouchedOnes()
    {
        var user = NewUser();
        await WriteAsync(HttpMethod.Post, user, """{"profile": {"email": "ada@example.com", "name": "Ada", "plan": "free"}}""");

        await WriteAsync(HttpMethod.Post, user, """{"profile": {"plan": "pro", "phone_number": "+14155550100"}}""");

        var profile = await GetProfileAsync(user);
        Assert.Equal("ada@example.com", profile["email"]!.GetValue<string>());
        Assert.Equal("Ada", profile["name"]!.GetValue<string>());
        Assert.Equal("pro", profile["plan"]!.GetValue<string>());
        Assert.Equal("+14155550100", profile["phone_number"]!.GetValue<string>());
        var stored = await factory.QueryAsync(db => db.Profiles.SingleAsync(p => p.UserId == user));
        Assert.Equal("ada@example.com", stored.Email);
        Assert.Equal("+14155550100", stored.PhoneNumber);
    }

    [Fact]
    public async Task Post_RemovesKey_WhenSetToNull()
    {
        var user = NewUser();
        await WriteAsync(HttpMethod.Post, user, """{"profile": {"email": "grace@example.com", "name": "Grace"}}""");

        await WriteAsync(HttpMethod.Post, user, """{"profile": {"email": null}}""");

        var profile = await GetProfileAsync(user);
        Assert.False(profile.ContainsKey("email"));
        Assert.Equal("Grace", profile["name"]!.GetValue<string>());
        Assert.Null((await factory.QueryAsync(db => db.Profiles.SingleAsync(p => p.UserId == user))).Email);
    }

    [Fact]
    public async Task Post_CreatesProfile_WhenNoneExists()
    {
        var user = NewUser();

        await WriteAsync(HttpMethod.Post, user, """{"profile": {"email": "new@example.com"}}""");

        Assert.Equal("new@example.com", (await GetProfileAsync(user))["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_ReplacesWholeProfile()
    {
        var user = NewUser();
        await WriteAsync(HttpMethod.Post, user, """{"profile": {"email": "linus@example.com", "name": "Linus", "plan": "free"}}""");

        await WriteAsync(HttpMethod.Put, user, """{"profile": {"name": "Linus T."}}""");

        var profile = await GetProfileAsync(user);
        Assert.Equal(["name"], profile.Select(p => p.Key));
        Assert.Equal("Linus T.", profile["name"]!.GetValue<string>());
        Assert.Null((await factory.QueryAsync(db => db.Profiles.SingleAsync(p => p.UserId == user))).Email);
    }

    [Fact]
    public async Task Get_ReturnsProfileObject_AsWritten()
    {
        var user = NewUser();
        await WriteAsync(HttpMethod.Put, user, """{"profile": {"email": "shape@example.com", "custom": {"nested": [1, 2]}}}""");

        var response = await client.GetAsync($"/api/profiles/{user}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiJson.ReadAsync(response);
        var profile = body.GetProperty("profile");
        Assert.Equal(JsonValueKind.Object, profile.ValueKind);
        Assert.Equal("shape@example.com", profile.GetProperty("email").GetString());
        Assert.Equal([1, 2], profile.GetProperty("custom").GetProperty("nested").EnumerateArray().Select(n => n.GetInt32()));
    }

    [Fact]
    public async Task Get_Answers404_ForUnknownUser()
    {
        var response = await client.GetAsync($"/api/profiles/{NewUser()}");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "not_found", field: null);
    }

    [Fact]
    public async Task Delete_Answers204_ThenGetAnswers404()
    {
        var user = NewUser();
        await WriteAsync(HttpMethod.Put, user, """{"profile": {"email": "gone@example.com"}}""");

        var deleted = await client.DeleteAsync($"/api/profiles/{user}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/profiles/{user}")).StatusCode);
        Assert.False(await factory.QueryAsync(db => db.Profiles.AnyAsync(p => p.UserId == user)));
        await AssertErrorAsync(await client.DeleteAsync($"/api/profiles/{user}"), HttpStatusCode.NotFound, "not_found", field: null);
    }

    [Theory]
    [MemberData(nameof(BodiesWithoutProfile))]
    public async Task Write_Answers400AndStoresNothing_WithoutProfileObject(string method, string body)
    {
        await AssertRefusedAsync(new HttpMethod(method), ApiJson.Content(body), HttpStatusCode.BadRequest, "invalid_request", "profile");
    }

    [Theory]
    [MemberData(nameof(InvalidProfiles))]
    public async Task Write_Answers422NamingFieldAndStoresNothing_ForInvalidContact(string method, string body, string field)
    {
        await AssertRefusedAsync(new HttpMethod(method), ApiJson.Content(body), HttpStatusCode.UnprocessableEntity, "invalid_request", field);
    }

    [Theory]
    [InlineData("POST", "text/plain")]
    [InlineData("PUT", "application/x-www-form-urlencoded")]
    public async Task Write_Answers400AndStoresNothing_ForWrongContentType(string method, string mediaType)
    {
        var content = ApiJson.Content("""{"profile": {"email": "typed@example.com"}}""", mediaType);

        await AssertRefusedAsync(new HttpMethod(method), content, HttpStatusCode.BadRequest, "invalid_content_type", field: null);
    }

    [Theory]
    [InlineData("POST", """{"profile": {"email": "a@example.com"}""")]
    [InlineData("PUT", "profile=1")]
    public async Task Write_Answers400AndStoresNothing_ForMalformedJson(string method, string body)
    {
        await AssertRefusedAsync(new HttpMethod(method), ApiJson.Content(body), HttpStatusCode.BadRequest, "invalid_json", field: null);
    }

    [Fact]
    public async Task Write_Answers413AndStoresNothing_ForBodyOverOneMegabyte()
    {
        var body = JsonSerializer.Serialize(new { profile = new { email = "big@example.com", notes = new string('x', 1024 * 1024) } });

        await AssertRefusedAsync(HttpMethod.Put, ApiJson.Content(body), HttpStatusCode.RequestEntityTooLarge, "payload_too_large", field: null);
    }

    [Fact]
    public async Task Write_Answers400_ForUserIdLongerThan256()
    {
        var user = new string('u', 257);

        var response = await client.PutAsync($"/api/profiles/{user}", ApiJson.Content("""{"profile": {"name": "Long"}}"""));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", "user_id");
        Assert.False(await factory.QueryAsync(db => db.Profiles.AnyAsync(p => p.UserId == user)));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task RefusedWrite_LeavesExistingProfileUnchanged(string method)
    {
        var user = NewUser();
        await WriteAsync(HttpMethod.Put, user, """{"profile": {"email": "kept@example.com", "name": "Kept"}}""");
        var before = (await GetProfileAsync(user)).ToJsonString();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/profiles/{user}")
        {
            Content = ApiJson.Content("""{"profile": {"name": "Changed", "email": "broken@"}}"""),
        });

        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "invalid_request", "profile.email");
        Assert.Equal(before, (await GetProfileAsync(user)).ToJsonString());
    }

    private static string NewUser() => $"user-{Guid.NewGuid():N}";

    private async Task WriteAsync(HttpMethod method, string user, string body)
    {
        var response = await client.SendAsync(new HttpRequestMessage(method, $"/api/profiles/{user}") { Content = ApiJson.Content(body) });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} profile: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("SUCCESS", (await ApiJson.ReadAsync(response)).GetProperty("status").GetString());
    }

    private async Task<JsonObject> GetProfileAsync(string user)
    {
        var response = await client.GetAsync($"/api/profiles/{user}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return Assert.IsType<JsonObject>(body["profile"]);
    }

    private async Task AssertRefusedAsync(HttpMethod method, HttpContent content, HttpStatusCode status, string type, string? field)
    {
        var user = NewUser();
        var before = await factory.CountRowsAsync();

        var response = await client.SendAsync(new HttpRequestMessage(method, $"/api/profiles/{user}") { Content = content });

        await AssertErrorAsync(response, status, type, field);
        Assert.False(await factory.QueryAsync(db => db.Profiles.AnyAsync(p => p.UserId == user)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/profiles/{user}")).StatusCode);
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string? field)
    {
        Assert.Equal(status, response.StatusCode);
        var error = await ApiJson.ReadAsync(response);
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        if (field is not null)
        {
            Assert.Equal(field, ApiJson.Field(error));
        }
    }
}
