using System.Net;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Tracking;

public sealed class MachineHitClassifierTests
{
    private const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    public static TheoryData<string, string?, string, bool, bool> Cases => new()
    {
        { "GET", Browser, "203.0.113.5", false, false },
        { "HEAD", Browser, "203.0.113.5", true, false },
        { "GET", "Mozilla/5.0", "203.0.113.5", true, false },
        { "GET", Browser, "17.58.100.1", true, false },
        { "GET", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", "66.249.80.1", false, true },
        { "GET", "Mozilla/5.0 (compatible; BingPreview/1.0b) SafeLinks", "40.94.1.1", true, false },
        { "GET", "Mozilla/5.0 Proofpoint URL Defense", "148.163.1.1", true, false },
        { "GET", "Mimecast URL checker", "205.139.110.1", true, false },
        { "GET", "Barracuda Sentinel (EE)", "209.222.80.1", true, false },
        { "GET", "python-requests/2.31", "198.51.100.7", true, false },
        { "GET", null, "198.51.100.7", true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_TellsMachinesFromPeople(string method, string? userAgent, string ip, bool machine, bool proxied)
    {
        var verdict = MachineHitClassifier.Classify(method, userAgent, IPAddress.Parse(ip));

        Assert.Equal(machine, verdict.Machine);
        Assert.Equal(proxied, verdict.Proxied);
        Assert.Equal(machine, verdict.Reason is not null);
    }
}
