using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Fcm;

public sealed class FcmProviderTests
{
    [Fact]
    public async Task SendAsync_ExchangesSignedJwt_ThenPostsMessagesSend_WithAccessToken()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Responder = ProviderTestSettings.TokenEndpoint;
        fake.Default = new FakeResponse(200, """{"name":"projects/acme-push/messages/0:1500415314455276%31bd1c9631bd1c96"}""");
        var provider = ProviderTestSettings.Create("fcm", fake.BaseAddress);

        var first = await provider.SendAsync(ProviderTestSettings.Message("fcm"), CancellationToken.None);
        var second = await provider.SendAsync(ProviderTestSettings.Message("fcm"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.Accepted, first.Outcome);
        Assert.Equal(ProviderOutcome.Accepted, second.Outcome);
        Assert.Equal("projects/acme-push/messages/0:1500415314455276%31bd1c9631bd1c96", first.ProviderMessageId);
        var requests = fake.Requests;
        Assert.Equal(["/token", $"/v1/projects/{ProviderTestSettings.FcmProject}/messages:send", $"/v1/projects/{ProviderTestSettings.FcmProject}/messages:send"],
            requests.Select(r => r.PathAndQuery));

        var form = HttpUtility.ParseQueryString(requests[0].Body);
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", form["grant_type"]);
        var jwt = form["assertion"]!.Split('.');
        Assert.Equal(3, jwt.Length);
        var claims = JsonNode.Parse(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(jwt[1])))!;
        Assert.Equal("push@acme-push.iam.gserviceaccount.com", claims["iss"]!.GetValue<string>());
        Assert.Equal("https://www.googleapis.com/auth/firebase.messaging", claims["scope"]!.GetValue<string>());
        Assert.Equal(new Uri(fake.BaseAddress, "token").ToString(), claims["aud"]!.GetValue<string>());

        Assert.Equal($"Bearer {ProviderTestSettings.FcmAccessToken}", requests[1].Headers["Authorization"]);
        var message = JsonNode.Parse(requests[1].Body)!["message"]!;
        Assert.Equal("device-token-1", message["token"]!.GetValue<string>());
        Assert.Equal("Your sign-in code", message["notification"]!["title"]!.GetValue<string>());
        Assert.Equal("Your code is 42", message["notification"]!["body"]!.GetValue<string>());
        Assert.Equal("msg-1", message["data"]![ProviderCustomArgs.MessageId]!.GetValue<string>());
        Assert.DoesNotContain(ProviderTestSettings.FcmAccessToken, first.RequestSummary);
    }

    [Fact]
    public async Task SendAsync_SendsTheTemplatesPushData_AsStrings_BesideOurMessageId()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Responder = ProviderTestSettings.TokenEndpoint;
        fake.Default = new FakeResponse(200, """{"name":"projects/acme-push/messages/1"}""");
        var provider = ProviderTestSettings.Create("fcm", fake.BaseAddress);
        var outgoing = ProviderTestSettings.Message("fcm") with
        {
            Data = new JsonObject { ["order"] = "A-1001", ["count"] = 3, ["deep"] = new JsonObject { ["a"] = true } },
        };

        var result = await provider.SendAsync(outgoing, CancellationToken.None);

        Assert.Equal(ProviderOutcome.Accepted, result.Outcome);
        var data = JsonNode.Parse(fake.Requests[^1].Body)!["message"]!["data"]!.AsObject();
        Assert.Equal(
            [("count", "3"), ("deep", """{"a":true}"""), (ProviderCustomArgs.MessageId, "msg-1"), ("order", "A-1001")],
            data.Select(p => (p.Key, p.Value!.GetValue<string>())).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(404, "NOT_FOUND", "UNREGISTERED", ProviderOutcome.PermanentFailure)]
    [InlineData(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", ProviderOutcome.PermanentFailure)]
    [InlineData(403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH", ProviderOutcome.PermanentFailure)]
    [InlineData(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", ProviderOutcome.TransientFailure)]
    [InlineData(503, "UNAVAILABLE", "UNAVAILABLE", ProviderOutcome.TransientFailure)]
    [InlineData(401, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR", ProviderOutcome.PermanentFailure)]
    public async Task SendAsync_ClassifiesFcmErrorCodes(int status, string rpcStatus, string errorCode, ProviderOutcome outcome)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Responder = ProviderTestSettings.TokenEndpoint;
        fake.Default = new FakeResponse(status, $$$"""{"error":{"code":{{{status}}},"message":"Requested entity was not found.","status":"{{{rpcStatus}}}","details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"{{{errorCode}}}"}]}}""");
        var provider = ProviderTestSettings.Create("fcm", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("fcm"), CancellationToken.None);

        Assert.Equal(outcome, result.Outcome);
        Assert.Contains(errorCode, result.Error);
    }

    [Fact]
    public async Task SendAsync_FailsPermanently_WhenTokenExchangeIsRefused()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Default = new FakeResponse(400, """{"error":"invalid_grant","error_description":"Invalid JWT Signature."}""");
        var provider = ProviderTestSettings.Create("fcm", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("fcm"), CancellationToken.None);

        Assert.Equal(ProviderOutcome.PermanentFailure, result.Outcome);
        Assert.Contains("invalid_grant", result.Error);
        Assert.Single(fake.Requests);
    }
}
