using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NotificationOps.Engine.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the dashboard.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<NotificationsDbContext>
{
    public NotificationsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<NotificationsDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .Options;
        return new NotificationsDbContext(options);
    }
}
