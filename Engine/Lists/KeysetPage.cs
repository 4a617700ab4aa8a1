namespace NotificationOps.Engine.Lists;

/// <summary>One page of a keyset-paged query and the cursor of the next page (null on the last page).</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    public bool More => NextCursor is not null;
}
