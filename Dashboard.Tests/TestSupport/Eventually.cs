using Microsoft.Playwright;

namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>Waiting without sleeping for a fixed time: poll a condition until a deadline, then fail saying what.</summary>
public static class Eventually
{
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Repeats a browser action until the page reacts: an action taken before the Blazor circuit is connected
    /// is lost, so the first click or keystroke may do nothing.
    /// </summary>
    public static async Task ReactsAsync(Func<Task> act, Func<Task> reacted, int attempts = 15)
    {
        for (var attempt = 1; ; attempt++)
        {
            await act();
            try
            {
                await reacted();
                return;
            }
            catch (PlaywrightException) when (attempt < attempts)
            {
            }
        }
    }
}
