using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Security;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Security;

public sealed class UserAdminServiceTests : IAsyncLifetime
{
    private EngineHost engine = null!;
    private IServiceScope scope = null!;
    private UserAdminService users = null!;

    public async Task InitializeAsync()
    {
        engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        scope = engine.Services.CreateScope();
        users = scope.ServiceProvider.GetRequiredService<UserAdminService>();
    }

    public async Task DisposeAsync()
    {
        scope.Dispose();
        await engine.DisposeAsync();
    }

    [Fact]
    public async Task CreateFirstAdminAsync_MakesAnAdmin()
    {
        var result = await users.CreateFirstAdminAsync("first@example.com", "Passw0rd-Long");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(DashboardRoles.Admin, (await users.ListAsync()).Single().Role);
    }

    [Fact]
    public async Task SetRoleAsync_ChangesRole_ButKeepsTheLastAdminAndRefusesOwnRole()
    {
        var admin = (await users.CreateAsync("admin@example.com", "Passw0rd-Long", DashboardRoles.Admin)).UserId!;
        var other = (await users.CreateAsync("other@example.com", "Passw0rd-Long", DashboardRoles.Viewer)).UserId!;

        Assert.True((await users.SetRoleAsync(other, DashboardRoles.Editor, admin)).Succeeded);
        Assert.False((await users.SetRoleAsync(admin, DashboardRoles.Viewer, admin)).Succeeded);
        Assert.Equal("The last Admin must stay an Admin.", (await users.SetRoleAsync(admin, DashboardRoles.Viewer, other)).Error);
        Assert.Equal("The last Admin cannot be removed.", (await users.DeleteAsync(admin, other)).Error);
        Assert.False((await users.CreateAsync("x@example.com", "Passw0rd-Long", "Owner")).Succeeded);

        var list = await users.ListAsync();
        Assert.Equal([DashboardRoles.Admin, DashboardRoles.Editor], list.Select(u => u.Role));
    }

    [Fact]
    public async Task Migration_MakesUsersWithoutRoleAdmins()
    {
        // A user from before roles: no role row, as the upgrade finds them.
        var id = (await users.CreateAsync("old@example.com", "Passw0rd-Long", DashboardRoles.Viewer)).UserId!;
        await using (var db = engine.CreateContext())
        {
            db.UserRoles.RemoveRange(db.UserRoles);
            await db.SaveChangesAsync();
            var migration = new NotificationOps.Engine.Persistence.Migrations.ScopesAndRoles();
            foreach (var operation in migration.UpOperations.OfType<Microsoft.EntityFrameworkCore.Migrations.Operations.SqlOperation>())
            {
                await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, operation.Sql);
            }
        }

        Assert.Equal(DashboardRoles.Admin, (await users.ListAsync()).Single(u => u.Id == id).Role);
    }
}
