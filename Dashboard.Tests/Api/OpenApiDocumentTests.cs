using System.Net;
using System.Text.Json;
using NotificationOps.Dashboard.Tests.TestSupport;

namespace NotificationOps.Dashboard.Tests.Api;

/// <summary>Issue 12, item 5: /openapi/v1.json answers to an API key and describes every success body under /api.</summary>
public sealed class OpenApiDocumentTests(ApiDashboardFactory factory) : IClassFixture<ApiDashboardFactory>
{
    [Fact]
    public async Task OpenApiDocument_AnswersToApiKey()
    {
        var response = await factory.CreateApiClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"/api/templates\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_Answers401Json_ForUnknownApiKey()
    {
        var response = await factory.CreateApiClient("nops_not_a_key").GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_HasSchemaForEveryApiSuccessBody()
    {
        using var document = JsonDocument.Parse(await factory.CreateApiClient().GetStringAsync("/openapi/v1.json"));
        var operations = 0;
        var missing = new List<string>();

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                operations++;
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject()
                    .Where(r => r.Name.StartsWith('2') && r.Name != "204"))
                {
                    var hasSchema = response.Value.TryGetProperty("content", out var content)
                        && content.EnumerateObject().Any(media => media.Value.TryGetProperty("schema", out var schema) && schema.EnumerateObject().Any());
                    if (!hasSchema)
                    {
                        missing.Add($"{operation.Name.ToUpperInvariant()} {path.Name} {response.Name}");
                    }
                }
            }
        }

        Assert.True(operations >= 15, $"only {operations} operations under /api");
        Assert.Empty(missing);
    }

    [Fact]
    public async Task OpenApiDocument_DeclaresBearerOnEveryApiOperation_AndTheHeaderInTheIntro()
    {
        using var document = JsonDocument.Parse(await factory.CreateApiClient().GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        Assert.Equal("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var without = new List<string>();
        foreach (var path in root.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var declared = operation.Value.TryGetProperty("security", out var security)
                    && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("Bearer", out _));
                if (!declared)
                {
                    without.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                }
            }
        }

        Assert.Empty(without);
        Assert.Contains("`Authorization: Bearer <api key>`", root.GetProperty("info").GetProperty("description").GetString());
    }
}
