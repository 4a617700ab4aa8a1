namespace NotificationOps.Dashboard.Tests.TestSupport;

/// <summary>The checkout's top folder (the one holding NotificationOps.sln), found above the test output.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "NotificationOps.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("NotificationOps.sln not found above the test output.");
    }
}
