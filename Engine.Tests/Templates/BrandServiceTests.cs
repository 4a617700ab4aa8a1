using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Sending;
using NotificationOps.Engine.Templates;
using NotificationOps.Engine.Tests.TestSupport;
using NotificationOps.Engine.Validation;

namespace NotificationOps.Engine.Tests.Templates;

public sealed class BrandServiceTests
{
    private static Brand Valid() => new() { Name = "Acme", PrimaryColor = "#FF6600", BackgroundColor = "#ffffff", FooterHtml = "Acme · {{profile.email}}" };

    [Fact]
    public async Task Current_IsTheDefault_UntilSaved_ThenTheSavedOne_AndTemplateEmailsUseIt()
    {
        await using var engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        var brands = engine.Services.GetRequiredService<BrandService>();
        Assert.Equal(Brand.Default.Name, brands.Current.Name);

        await brands.SaveAsync(Valid(), "ada@example.com");

        Assert.Equal(("Acme", "#ff6600"), (brands.Current.Name, brands.Current.PrimaryColor));
        var email = engine.Services.GetRequiredService<ContentRenderer>().RenderTemplate(Channels.Email,
            new TemplateContent { Email = new EmailContent { Html = "<p>x</p>" } }, null, new() { ["email"] = "a@example.com" }, brands.Current);
        Assert.Contains("Acme · a@example.com", email.Html);
        await using var db = engine.CreateContext();
        var entry = await db.AuditEntries.SingleAsync();
        Assert.Equal(("brand.updated", "ada@example.com"), (entry.Action, entry.Actor));
        Assert.Contains("name", entry.Detail);
    }

    [Theory]
    [InlineData("primary_color")]
    [InlineData("logo_url")]
    [InlineData("footer_html")]
    [InlineData("name")]
    public async Task SaveAsync_Invalid_NamesTheField_AndKeepsTheBrand(string field)
    {
        await using var engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        var brands = engine.Services.GetRequiredService<BrandService>();
        var brand = Valid();
        switch (field)
        {
            case "primary_color": brand.PrimaryColor = "red;background:url(x)"; break;
            case "logo_url": brand.LogoUrl = "javascript:alert(1)"; break;
            case "footer_html": brand.FooterHtml = "{{#if x}}never closed"; break;
            default: brand.Name = " "; break;
        }

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => brands.SaveAsync(brand, "ada@example.com"));

        Assert.Equal(field, error.Field);
        Assert.Equal(Brand.Default.Name, brands.Current.Name);
        await using var db = engine.CreateContext();
        Assert.Equal(0, await db.Brands.CountAsync());
    }
}
