using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Web.Commands;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Commands;

public class ImportCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string title, string tags = "[A]") => $"---\ntitle: \"{title}\"\ndate: 2025-01-01\ntags: {tags}\n---\n\nText.\n";

    private static Task<(int ExitCode, string Output)> Run(IServiceProvider services, params string[] args) =>
        OperatorCommands.RunAsync(services, args);

    [Fact]
    public async Task Import_ReportsEachFileAndIsIdempotent()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        var folder = NewsSiteFactory.ContentFolder(("eins.md", Article("Eins")), ("zwei.md", Article("Zwei")));

        var (firstCode, first) = await Run(site.Services, "import", folder);
        var (secondCode, second) = await Run(site.Services, "import", folder);
        File.WriteAllText(Path.Combine(folder, "zwei.md"), Article("Zwei", "[A, B]"));
        var (_, third) = await Run(site.Services, "import", folder);

        Assert.Equal(0, firstCode);
        Assert.Contains("  neu          eins.md → /artikel/eins", first, StringComparison.Ordinal);
        Assert.EndsWith("2 neu, 0 geändert, 0 unverändert, 0 fehlgeschlagen" + Environment.NewLine, first, StringComparison.Ordinal);
        Assert.Equal(0, secondCode);
        Assert.Contains("0 neu, 0 geändert, 2 unverändert, 0 fehlgeschlagen", second, StringComparison.Ordinal);
        Assert.Contains("  geändert     zwei.md → /artikel/zwei", third, StringComparison.Ordinal);
        Assert.Contains("0 neu, 1 geändert, 1 unverändert, 0 fehlgeschlagen", third, StringComparison.Ordinal);
        var (_, page) = await site.GetPageAsync("/artikel/zwei");
        Assert.Equal(["A", "B"], page.QuerySelectorAll("a[rel=tag]").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Import_ReportsAuthorProfilesWithTheirPage()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        var folder = NewsSiteFactory.ContentFolder(
            ("eins.md", Article("Eins")),
            // Her page exists once she has a published article (a profile alone names no one to readers).
            ("leas.md", "---\ntitle: Leas Bericht\nauthor: Lea Graf\ndate: 2025-01-02\n---\n\nText.\n"),
            ("authors/lea-graf.md", "---\nname: Lea Graf\n---\n\nLea schreibt.\n"),
            ("authors/Kaputt.md", "Text.\n"));

        var (code, output) = await Run(site.Services, "import", folder);

        Assert.Equal(1, code);
        Assert.Contains("  neu          authors/lea-graf.md → /autor/lea-graf (Autorenprofil)", output, StringComparison.Ordinal);
        Assert.Contains("  FEHLER       authors/Kaputt.md: „Kaputt.md“ ist kein gültiger Name für ein Autorenprofil", output, StringComparison.Ordinal);
        Assert.Contains("3 neu, 0 geändert, 0 unverändert, 1 fehlgeschlagen", output, StringComparison.Ordinal);
        Assert.Equal("Lea schreibt.", (await site.GetPageAsync("/autor/lea-graf")).Document.QuerySelector(".author-bio")!.TextContent.Trim());
    }

    [Fact]
    public async Task Import_WithAFailingFile_ImportsTheRestAndExitsWithOne()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        var folder = NewsSiteFactory.ContentFolder(("gut.md", Article("Gut")), ("kaputt.md", "---\ntitle: T\nfarbe: rot\n---\n"));

        var (exitCode, output) = await Run(site.Services, "import", folder);

        Assert.Equal(1, exitCode);
        Assert.Contains("  FEHLER       kaputt.md, Zeile 3, Feld „farbe“: Unbekanntes Feld.", output, StringComparison.Ordinal);
        Assert.Contains("1 neu, 0 geändert, 0 unverändert, 1 fehlgeschlagen", output, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await site.GetPageAsync("/artikel/gut")).Response.StatusCode);
    }

    [Fact]
    public async Task DryRun_ReportsButWritesNothing()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        var folder = NewsSiteFactory.ContentFolder(("eins.md", Article("Eins")));

        var (exitCode, output) = await Run(site.Services, "import", folder, "--dry-run");

        Assert.Equal(0, exitCode);
        Assert.Contains("Probelauf", output, StringComparison.Ordinal);
        Assert.Contains("1 neu", output, StringComparison.Ordinal);
        Assert.Equal(0, await site.Services.GetRequiredService<IArticleStore>().CountAsync(Token));
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import", "a", "b")]
    [InlineData("import", "--force")]
    public async Task WrongArguments_PrintTheUsage(params string[] args)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());

        var (exitCode, output) = await Run(site.Services, args);

        Assert.Equal(2, exitCode);
        Assert.Contains("Aufruf: import <ordner> [--dry-run]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFolder_IsNamed()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());

        var (exitCode, output) = await Run(site.Services, "import", "/gibt/es/nicht");

        Assert.Equal(2, exitCode);
        Assert.Contains("„/gibt/es/nicht“ existiert nicht", output, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherArguments_StartTheWebServer()
    {
        Assert.Null(CommandLine.Parse([]));
        Assert.Null(CommandLine.Parse(["--urls", "http://127.0.0.1:5000"]));
    }

    /// <summary>The app as an operator starts it: its dll, from another folder, configured by environment variables.</summary>
    [SqliteOnly]
    [Fact]
    public async Task ImportCommand_RunsAsAProcessAndHonoursTheDataDirectoryVariable()
    {
        var data = Path.Combine(Repository.NewTempDirectory(), "daten");
        var folder = NewsSiteFactory.ContentFolder(("eins.md", Article("Eins")));
        var elsewhere = Repository.NewTempDirectory();

        var (exitCode, output, errors) = await AppProcess.RunAsync(
            AppProcess.App(AppContext.BaseDirectory, elsewhere, new Dictionary<string, string> { ["NewsSite__DataDirectory"] = data, ["NewsSite__BaseUrl"] = "https://nachrichten.example" }, "import", folder),
            TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, output + errors);
        Assert.Contains("1 neu, 0 geändert, 0 unverändert, 0 fehlgeschlagen", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, SqliteDatabase.FileName)));
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "data")));
    }
}
