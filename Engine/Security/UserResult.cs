namespace NotificationOps.Engine.Security;

/// <summary>The outcome of a user operation, with a sentence to show when it failed.</summary>
public sealed record UserResult(bool Succeeded, string? UserId, string? Error)
{
    public static UserResult Ok(string userId) => new(true, userId, null);

    public static UserResult Fail(string error) => new(false, null, error);
}
