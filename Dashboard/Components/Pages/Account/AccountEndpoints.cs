using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NotificationOps.Engine.RateLimiting;
using NotificationOps.Engine.Security;

namespace NotificationOps.Dashboard.Components.Pages.Account;

/// <summary>The form posts of the sign-in pages: sign in, create the first admin, sign out.</summary>
public static class AccountEndpoints
{
    public const string SetupPath = "/account/setup";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account").ExcludeFromDescription();

        account.MapPost("/signin", async (
                [FromForm] string email,
                [FromForm] string password,
                [FromForm] string? returnUrl,
                [FromForm] bool? rememberMe,
                SignInManager<IdentityUser> signIn) =>
            {
                var result = await signIn.PasswordSignInAsync(email.Trim(), password, rememberMe == true, lockoutOnFailure: true);
                if (result.Succeeded)
                {
                    return Results.LocalRedirect(SafeReturnUrl(returnUrl));
                }

                // One answer for a wrong password and a locked account: telling them apart would tell an attacker
                // which addresses have accounts and when guessing has locked one.
                const string error = "Wrong email or password, or too many failed attempts: try again in a few minutes.";
                return Results.Redirect(
                    $"{DashboardExtensions.LoginPath}?error={Uri.EscapeDataString(error)}&email={Uri.EscapeDataString(email)}&returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}");
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitingExtensions.SignInPolicy);

        account.MapPost("/create-admin", async (
                [FromForm] string email,
                [FromForm] string password,
                [FromForm] string confirmPassword,
                UserAdminService users,
                SignInManager<IdentityUser> signIn) =>
            {
                if (await users.AnyUsersAsync())
                {
                    return Results.Text("An admin already exists; the first-admin page is closed. Sign in instead.", statusCode: StatusCodes.Status403Forbidden);
                }

                if (password != confirmPassword)
                {
                    return SetupError("The two passwords differ.", email);
                }

                var created = await users.CreateFirstAdminAsync(email, password);
                if (!created.Succeeded)
                {
                    return created.Error!.StartsWith("An admin already exists", StringComparison.Ordinal)
                        ? Results.Text(created.Error, statusCode: StatusCodes.Status403Forbidden)
                        : SetupError(created.Error, email);
                }

                var user = await signIn.UserManager.FindByIdAsync(created.UserId!);
                await signIn.SignInAsync(user!, isPersistent: false);
                return Results.LocalRedirect("/");
            })
            .AllowAnonymous();

        account.MapPost("/logout", async (HttpContext context, SignInManager<IdentityUser> signIn, IAntiforgery antiforgery) =>
            {
                // Signing out changes state: only a form of ours, carrying its antiforgery token, may ask for it.
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.BadRequest();
                }

                // A new security stamp makes every copy of this session's cookie fail validation (checked on each
                // request), so a cookie copied before the sign-out opens nothing afterwards.
                if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
                {
                    await signIn.UserManager.UpdateSecurityStampAsync(user);
                }

                await signIn.SignOutAsync();
                return Results.LocalRedirect(DashboardExtensions.LoginPath);
            });

        return endpoints;
    }

    /// <summary>Only same-site paths: an open redirect through the login page would be a phishing aid.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl)
        && returnUrl.StartsWith('/')
        && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
        && !returnUrl.StartsWith(DashboardExtensions.LoginPath, StringComparison.OrdinalIgnoreCase)
        // Browsers drop tabs and newlines from URLs, so "/\t/evil" would leave as "//evil", off-site.
        && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";

    private static IResult SetupError(string? error, string email) =>
        Results.Redirect($"{SetupPath}?error={Uri.EscapeDataString(error ?? "The admin could not be created.")}&email={Uri.EscapeDataString(email)}");
}
