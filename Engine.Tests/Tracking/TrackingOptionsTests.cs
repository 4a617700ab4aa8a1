using System.ComponentModel.DataAnnotations;
using NotificationOps.Engine.Tracking;

namespace NotificationOps.Engine.Tests.Tracking;

public sealed class TrackingOptionsTests
{
    [Fact]
    public void Validate_AcceptsTheShippedDefaults_AndTracksEmailOnly()
    {
        var options = new TrackingOptions();

        Assert.Empty(Errors(options));
        Assert.True(options.IsEnabled("email"));
        Assert.False(options.IsEnabled("sms"));
    }

    [Fact]
    public void Validate_NamesTheKeyToFix_ForEachBadValue()
    {
        var options = new TrackingOptions
        {
            BaseUrl = "links.example.com",
            SigningKey = "short",
            TrustedProxies = ["10.0.0.0/8", "proxy.local"],
            Channels = new(StringComparer.OrdinalIgnoreCase) { ["fax"] = true },
            AggregationCron = "often",
        };

        var errors = Errors(options);

        Assert.Equal(["Tracking:BaseUrl", "Tracking:SigningKey", "Tracking:TrustedProxies", "Tracking:Channels:fax", "Tracking:AggregationCron"],
            errors.Select(e => e.Split(' ')[0]));
    }

    private static List<string> Errors(TrackingOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }
}
