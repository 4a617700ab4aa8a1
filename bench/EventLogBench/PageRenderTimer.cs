using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace NotificationOps.Bench;

/// <summary>Times the event log's full server render (prerendered HTML with its data) through the real app.</summary>
public static partial class PageRenderTimer
{
    private const string Email = "bench@example.com";
    private const string Password = "Bench-Passw0rd";

    public static async Task RunAsync(string database, int count)
    {
        await using var app = await DashboardProcess.StartAsync(database, new Dictionary<string, string>
        {
            ["Jobs__ServerEnabled"] = "false",
            ["Bootstrap__AdminEmail"] = Email,
            ["Bootstrap__AdminPassword"] = Password,
        });
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var login = await client.GetStringAsync("/account/login");
        var token = Token().Match(login).Groups["value"].Value;
        var signIn = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = Email,
            ["password"] = Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException("Could not sign in to the dashboard.");
        }

        Console.WriteLine();
        Console.WriteLine($"| page ({count:N0} messages) | p50 ms | p95 ms |");
        Console.WriteLine("|---|---|---|");
        foreach (var path in new[] { "/", "/?status=UNDELIVERABLE", "/?status=UNDELIVERABLE&provider=sendgrid&range=all", "/?tag=vip&range=30d" })
        {
            for (var i = 0; i < 3; i++)
            {
                (await client.GetAsync(path)).EnsureSuccessStatusCode();
            }

            var times = new double[30];
            for (var i = 0; i < times.Length; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                using var response = await client.GetAsync(path);
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsStringAsync();
                times[i] = stopwatch.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| GET {path} | {times[14]:0.0} | {times[28]:0.0} |"));
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex Token();
}
