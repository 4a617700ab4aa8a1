using System.ComponentModel.DataAnnotations;
using NotificationOps.Engine.Preferences;

namespace NotificationOps.Engine.Tests.Preferences;

public sealed class UnsubscribeOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("unsubscribe@example.com")]
    public void Validate_Accepts_NoMailtoOrABareAddress(string? mailto)
    {
        Assert.Empty(Errors(new UnsubscribeOptions { Mailto = mailto }));
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("Acme <unsubscribe@example.com>")]
    [InlineData("unsubscribe")]
    public void Validate_NamesTheKey_ForAnythingButABareAddress(string mailto)
    {
        var error = Assert.Single(Errors(new UnsubscribeOptions { Mailto = mailto }));

        Assert.Contains("Unsubscribe:Mailto", error.ErrorMessage);
    }

    private static List<ValidationResult> Errors(UnsubscribeOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
