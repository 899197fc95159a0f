namespace NewsSite.Web.Tests.Support;

public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ContentDirectory => Path.Combine(Root, "content");

    public static string NewTempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "newssite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NewsSite.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("NewsSite.sln nicht gefunden.");
    }
}
