using System.Security.Cryptography;
using System.Text;
using NotificationOps.Engine.Messages;

namespace NotificationOps.Engine.Automations;

/// <summary>
/// Run ids are time-ordered like message ids. What a step creates (a send step's message, an invoke step's run)
/// takes an id derived from run and step, so a step that runs twice finds its own earlier work instead of repeating it.
/// </summary>
public static class AutomationIds
{
    public static string NewRun() => MessageIds.New();

    public static string ForStep(string runId, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"automation:{runId}:{index}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
