using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace NotificationOps.Engine.Api;

/// <summary>Documents that every /api operation takes <c>Authorization: Bearer &lt;api key&gt;</c>.</summary>
public sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "NotificationOps API";
        // Markdown: the header in a code span, or a reader renders "<api key>" as an unknown HTML tag and shows nothing.
        document.Info.Description = "Courier-compatible notification API. Authenticate every request with the header "
            + "`Authorization: Bearer <api key>`; create keys in the dashboard under Settings → API keys.\n\n"
            + "[← Back to the dashboard](/)";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "API key",
            Description = "An API key created in Settings → API keys.",
        };

        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] };
        foreach (var operation in document.Paths.Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.Operations?.Values.AsEnumerable() ?? []))
        {
            operation.Security ??= [];
            operation.Security.Add(requirement);
        }

        return Task.CompletedTask;
    }
}
