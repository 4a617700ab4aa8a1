using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace NotificationOps.Engine.Security;

/// <summary>Dashboard users: the first admin, the users list, add, remove, roles and change password.</summary>
public sealed class UserAdminService(UserManager<IdentityUser> users)
{
    // Two browsers racing through "create the first admin" must not both succeed.
    private static readonly SemaphoreSlim FirstAdminGate = new(1, 1);

    public Task<bool> AnyUsersAsync(CancellationToken cancellationToken = default) =>
        users.Users.AnyAsync(cancellationToken);

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var summaries = new List<UserSummary>(list.Count);
        foreach (var user in list)
        {
            summaries.Add(new UserSummary(user.Id, user.Email ?? user.UserName ?? user.Id, await RoleOfAsync(user)));
        }

        return summaries;
    }

    /// <summary>Creates the first admin; refused once any user exists.</summary>
    public async Task<UserResult> CreateFirstAdminAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        await FirstAdminGate.WaitAsync(cancellationToken);
        try
        {
            if (await AnyUsersAsync(cancellationToken))
            {
                return UserResult.Fail("An admin already exists. Sign in instead.");
            }

            return await CreateAsync(email, password, DashboardRoles.Admin);
        }
        finally
        {
            FirstAdminGate.Release();
        }
    }

    public async Task<UserResult> CreateAsync(string email, string password, string role)
    {
        if (!DashboardRoles.All.Contains(role))
        {
            return UserResult.Fail($"Choose a role: {string.Join(", ", DashboardRoles.All)}.");
        }

        email = (email ?? string.Empty).Trim();
        if (email.Length == 0 || !email.Contains('@'))
        {
            return UserResult.Fail("Enter a valid email address.");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return UserResult.Fail($"A user with the email {email} already exists.");
        }

        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password ?? string.Empty);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        return result.Succeeded ? UserResult.Ok(user.Id) : UserResult.Fail(Describe(result));
    }

    /// <summary>Gives the user exactly <paramref name="role"/>. Nobody changes their own role, and the last Admin stays one.</summary>
    public async Task<UserResult> SetRoleAsync(string userId, string role, string? currentUserId)
    {
        if (!DashboardRoles.All.Contains(role))
        {
            return UserResult.Fail($"Choose a role: {string.Join(", ", DashboardRoles.All)}.");
        }

        if (userId == currentUserId)
        {
            return UserResult.Fail("You cannot change your own role.");
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserResult.Fail("That user no longer exists.");
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(DashboardRoles.Admin) && role != DashboardRoles.Admin && await IsLastAdminAsync())
        {
            return UserResult.Fail("The last Admin must stay an Admin.");
        }

        var result = await users.RemoveFromRolesAsync(user, current);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        if (result.Succeeded)
        {
            // A new stamp makes the cookie's periodic check re-issue the user's claims with the new role.
            result = await users.UpdateSecurityStampAsync(user);
        }

        return result.Succeeded ? UserResult.Ok(userId) : UserResult.Fail(Describe(result));
    }

    public async Task<UserResult> DeleteAsync(string userId, string? currentUserId)
    {
        if (userId == currentUserId)
        {
            return UserResult.Fail("You cannot remove yourself.");
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserResult.Fail("That user no longer exists.");
        }

        if (await users.Users.CountAsync() <= 1)
        {
            return UserResult.Fail("The last user cannot be removed.");
        }

        if (await users.IsInRoleAsync(user, DashboardRoles.Admin) && await IsLastAdminAsync())
        {
            return UserResult.Fail("The last Admin cannot be removed.");
        }

        var result = await users.DeleteAsync(user);
        return result.Succeeded ? UserResult.Ok(userId) : UserResult.Fail(Describe(result));
    }

    public async Task<UserResult> ChangePasswordAsync(string userId, string currentPassword, string newPassword)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserResult.Fail("That user no longer exists.");
        }

        var result = await users.ChangePasswordAsync(user, currentPassword ?? string.Empty, newPassword ?? string.Empty);
        return result.Succeeded ? UserResult.Ok(userId) : UserResult.Fail(Describe(result));
    }

    private async Task<string?> RoleOfAsync(IdentityUser user) =>
        (await users.GetRolesAsync(user)).OrderBy(r => DashboardRoles.All.ToList().IndexOf(r)).FirstOrDefault();

    private async Task<bool> IsLastAdminAsync() =>
        (await users.GetUsersInRoleAsync(DashboardRoles.Admin)).Count <= 1;

    private static string Describe(IdentityResult result) =>
        string.Join(" ", result.Errors.Select(e => e.Description));
}
