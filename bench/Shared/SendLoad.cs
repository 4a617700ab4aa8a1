using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;

namespace NotificationOps.Bench;

/// <summary>The send load the benchmarks share: concurrent POST /api/send, and waiting for DELIVERED in the store.</summary>
public static class SendLoad
{
    private static int retried;

    /// <summary>Requests answered 503 (storage unavailable) and sent again, over the whole run.</summary>
    public static int Retried => retried;

    public const string ApiKey = "nops_bench_key_0123456789abcdef";

    public static string Body(int i) =>
        $"{{\"message\":{{\"to\":{{\"email\":\"user{i}@example.com\"}},\"content\":{{\"title\":\"Hi {{{{name}}}}\",\"body\":\"Hello **{{{{name}}}}**, your code is {{{{code}}}}.\"}},\"data\":{{\"name\":\"User {i}\",\"code\":\"{i:D6}\"}},\"routing\":{{\"method\":\"single\",\"channels\":[\"email\"]}},\"metadata\":{{\"tags\":[\"bench\"]}}}}}}";

    /// <summary>Sends <paramref name="messages"/> requests over <paramref name="concurrency"/> connections; answers the time it took.</summary>
    public static async Task<TimeSpan> LoadAsync(Uri address, int messages, int concurrency, int offset = 0)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages)
            {
                for (var attempt = 1; ; attempt++)
                {
                    using var response = await client.PostAsync("/api/send", new StringContent(Body(offset + i), Encoding.UTF8, "application/json"));
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        break;
                    }

                    // 503 storage_unavailable: nothing was stored and the answer asks for a retry, as a client would
                    // (it happens when the shared machine is so loaded that a write waits out its timeout).
                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5)
                    {
                        throw new InvalidOperationException($"POST /api/send answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }

                    Interlocked.Increment(ref retried);
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        }));
        return stopwatch.Elapsed;
    }

    public static async Task WaitDeliveredAsync(string database, int expected)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        while (DateTime.UtcNow < deadline)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Messages WHERE Status = 2";
            var delivered = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            if (delivered >= expected)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Not all {expected} messages were DELIVERED within 10 minutes.");
    }
}
