using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace NotificationOps.Dashboard.Security;

/// <summary>
/// The server-side check every state-changing Blazor event handler makes before acting. Hiding a button is not
/// enough: a circuit can invoke any handler its page rendered, so the handler itself asks the signed-in user's role.
/// </summary>
public sealed class RoleGuard(AuthenticationStateProvider authentication, ISnackbar snackbar)
{
    /// <summary>Whether the signed-in user may do <paramref name="action"/> (for showing or disabling buttons).</summary>
    public async Task<bool> AllowsAsync(DashboardAction action) =>
        Allows((await authentication.GetAuthenticationStateAsync()).User, action);

    /// <summary>True when allowed; otherwise tells the user why not and returns false, so the handler stops.</summary>
    public async Task<bool> EnsureAsync(DashboardAction action)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (Allows(user, action))
        {
            return true;
        }

        var roles = DashboardActionRoles.For(action);
        snackbar.Add($"Refused: this needs the {string.Join(" or ", roles)} role.", Severity.Warning);
        return false;
    }

    public static bool Allows(ClaimsPrincipal user, DashboardAction action) =>
        user.Identity?.IsAuthenticated == true && DashboardActionRoles.For(action).Any(user.IsInRole);
}
