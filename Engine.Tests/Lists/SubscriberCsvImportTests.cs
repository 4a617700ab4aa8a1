using System.Text;
using NotificationOps.Engine.Lists;

namespace NotificationOps.Engine.Tests.Lists;

public sealed class SubscriberCsvImportTests
{
    private static Task<(int Rows, List<string> Accepted, List<RefusedCsvRow> Refused)> ReadAsync(string csv) =>
        SubscriberCsvImport.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);

    [Fact]
    public async Task ReadAsync_PicksTheUserIdColumn_WhenAHeaderNamesIt()
    {
        var (rows, accepted, refused) = await ReadAsync("email,user_id,plan\na@example.com,u1,pro\n\"b,c@example.com\",u2,free\n");

        Assert.Equal(2, rows);
        Assert.Equal(["u1", "u2"], accepted);
        Assert.Empty(refused);
    }

    [Fact]
    public async Task ReadAsync_TakesTheFirstColumn_WithoutAHeader()
    {
        var (rows, accepted, _) = await ReadAsync("u1;x\n u2 ;y\nu3\n");

        Assert.Equal(3, rows);
        Assert.Equal(["u1", "u2", "u3"], accepted);
    }

    [Fact]
    public async Task ReadAsync_RefusesBadRows_WithTheirLineAndReason()
    {
        var tooLong = new string('x', 256);
        var csv = $"recipientId\nok-1\n\"\"\n{tooLong}\n\"bell\u0007\"\nok-1\nbad\"quote\nok-2\n";

        var (rows, accepted, refused) = await ReadAsync(csv);

        Assert.Equal(["ok-1", "ok-2"], accepted);
        Assert.Equal(7, rows);
        Assert.Collection(refused,
            r => Assert.Equal((3, "no user id"), (r.Line, r.Reason)),
            r => Assert.Equal((4, "user id longer than 255 characters"), (r.Line, r.Reason)),
            r => Assert.Equal((5, "user id with control characters"), (r.Line, r.Reason)),
            r => Assert.Equal((6, "same user id as line 2"), (r.Line, r.Reason)),
            r => Assert.Equal((7, "malformed CSV (a quote inside an unquoted field)"), (r.Line, r.Reason)));
        Assert.EndsWith("…", refused[1].Value);
    }
}
