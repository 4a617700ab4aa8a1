using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;

namespace NotificationOps.Bench;

/// <summary>
/// Issue 19 item 3b: delayed sends made while the measured load runs, each due a few seconds after it is made, and
/// how late each was sent (SentAt − due) on a SQLite store.
/// </summary>
public static class DelayedProbe
{
    public const int Count = 20;

    private static readonly TimeSpan DueAfter = TimeSpan.FromSeconds(3);

    /// <summary>Sends the delayed messages one every 200 ms; answers each recipient's due time.</summary>
    public static async Task<Dictionary<string, DateTimeOffset>> SendAsync(Uri address)
    {
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SendLoad.ApiKey);
        var due = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < Count; i++)
        {
            var recipient = $"delayed{i}@probe.example";
            var until = DateTimeOffset.UtcNow + DueAfter;
            var body = $"{{\"message\":{{\"to\":{{\"email\":\"{recipient}\"}},\"content\":{{\"title\":\"Later\",\"body\":\"Due {until:O}\"}},\"delay\":{{\"until\":\"{until.ToString("O", CultureInfo.InvariantCulture)}\"}}}}}}";
            using var response = await client.PostAsync("/api/send", new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"A delayed send answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            due[recipient] = until;
            await Task.Delay(200);
        }

        return due;
    }

    /// <summary>The median and largest lateness in seconds (SentAt − due), once every probe message was sent.</summary>
    public static async Task<(double Median, double Max)> LatenessAsync(string database, Dictionary<string, DateTimeOffset> due)
    {
        var late = new List<double>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (late.Count < due.Count && DateTime.UtcNow < deadline)
        {
            late.Clear();
            await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT RecipientEmail, SentAt FROM Messages WHERE RecipientEmail LIKE 'delayed%@probe.example' AND SentAt IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var sent = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
                late.Add((sent - due[reader.GetString(0)]).TotalSeconds);
            }

            await Task.Delay(100);
        }

        if (late.Count < due.Count)
        {
            throw new TimeoutException($"Only {late.Count} of {due.Count} delayed messages were sent within 2 minutes.");
        }

        late.Sort();
        return (late[late.Count / 2], late[^1]);
    }
}
