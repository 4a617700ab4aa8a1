using System.Diagnostics;

namespace NotificationOps.Engine.Tests.TestSupport;

/// <summary>
/// Waiting without sleeping for a fixed time: poll a condition until a deadline, then fail saying what. Shared by
/// both test projects (Dashboard.Tests links this file).
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}.");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Polls until <paramref name="read"/> gives a value that <paramref name="done"/> accepts, and returns it.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var value = default(T)!;
        await HoldsAsync(async () => done(value = await read()), what, timeout);
        return value;
    }
}
