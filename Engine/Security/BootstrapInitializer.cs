using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NotificationOps.Engine.Security;

/// <summary>Creates the Bootstrap admin and API key at start-up when configured and missing.</summary>
public sealed class BootstrapInitializer(
    IOptions<BootstrapOptions> options,
    UserAdminService users,
    ApiKeyService keys,
    ILogger<BootstrapInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var bootstrap = options.Value;
        if (!string.IsNullOrWhiteSpace(bootstrap.AdminEmail) && !string.IsNullOrEmpty(bootstrap.AdminPassword))
        {
            var existing = await users.ListAsync(cancellationToken);
            if (!existing.Any(u => string.Equals(u.Email, bootstrap.AdminEmail.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                var result = await users.CreateAsync(bootstrap.AdminEmail, bootstrap.AdminPassword, DashboardRoles.Admin);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(
                        $"Bootstrap:AdminEmail/Bootstrap:AdminPassword could not create the admin: {result.Error}");
                }

                logger.LogInformation("Created the bootstrap admin {Email}", bootstrap.AdminEmail);
            }
        }

        if (!string.IsNullOrEmpty(bootstrap.ApiKey) && await keys.EnsureKeyAsync("Bootstrap key", bootstrap.ApiKey, cancellationToken))
        {
            // The secret itself is never logged.
            logger.LogInformation("Created the bootstrap API key");
        }
    }
}
