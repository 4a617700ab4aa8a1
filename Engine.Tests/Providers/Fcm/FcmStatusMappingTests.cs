using NotificationOps.Engine.Providers;
using NotificationOps.Engine.Providers.Fcm;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Providers.Fcm;

/// <summary>Every FCM v1 error code, answered in FCM's error shape, is classified by its row.</summary>
public sealed class FcmStatusMappingTests
{
    public static TheoryData<string> Codes => new(FcmStatusMapping.Table.Rules.Where(r => r.ErrorClass is not null).Select(r => r.ProviderStatus));

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Provider_ClassifiesErrorCode_AsItsRowSays(string code)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Responder = ProviderTestSettings.TokenEndpoint;
        fake.Default = new FakeResponse(400, $$$"""{"error":{"code":400,"message":"fixture","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"{{{code}}}"}]}}""");
        var provider = ProviderTestSettings.Create("fcm", fake.BaseAddress);

        var result = await provider.SendAsync(ProviderTestSettings.Message("fcm"), CancellationToken.None);

        var transient = FcmStatusMapping.Table.Find(code)!.ErrorClass == ErrorClasses.Transient;
        Assert.Equal(transient ? ProviderOutcome.TransientFailure : ProviderOutcome.PermanentFailure, result.Outcome);
    }
}
