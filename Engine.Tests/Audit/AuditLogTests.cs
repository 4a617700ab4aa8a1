using Microsoft.Extensions.DependencyInjection;
using NotificationOps.Engine.Audit;
using NotificationOps.Engine.Tests.TestSupport;

namespace NotificationOps.Engine.Tests.Audit;

public sealed class AuditLogTests
{
    [Fact]
    public async Task PageAsync_NewestFirst_KeysetPagesToTheEnd()
    {
        await using var engine = await EngineHost.CreateAsync(new Dictionary<string, string?>());
        var audit = engine.Services.GetRequiredService<AuditLog>();
        await using (var db = engine.CreateContext())
        {
            for (var i = 1; i <= 5; i++)
            {
                audit.Add(db, "ada", "template.edited", "template", $"t{i % 2}", "welcome", $"change {i}");
            }

            await db.SaveChangesAsync();
        }

        var first = await audit.PageAsync(null, 2);
        var second = await audit.PageAsync(first.NextBefore, 2);
        var third = await audit.PageAsync(second.NextBefore, 2);
        var oneSubject = await audit.PageAsync(null, 10, subjectId: "t0");

        Assert.Equal(["change 5", "change 4"], first.Entries.Select(e => e.Detail));
        Assert.Equal(["change 3", "change 2"], second.Entries.Select(e => e.Detail));
        Assert.Equal(["change 1"], third.Entries.Select(e => e.Detail));
        Assert.Null(third.NextBefore);
        Assert.Equal(["change 4", "change 2"], oneSubject.Entries.Select(e => e.Detail));
    }
}
