using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Data.Postgres;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Hosting;

public class StartupTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string title) => $"---\ntitle: \"{title}\"\ndate: 2025-01-01\n---\n\nText.\n";

    [Fact]
    public async Task FirstStart_CreatesTheDatabaseInTheDataDirectoryAndImportsTheContent()
    {
        await using var site = new SeededSite();
        var (response, _) = await site.GetPageAsync("/");

        response.EnsureSuccessStatusCode();
        // On PostgreSQL the database is the server's (its own schema here), not a file.
        Assert.Equal(!TestDatabases.OnPostgres, File.Exists(Path.Combine(site.DataDirectory, SqliteDatabase.FileName)));
        Assert.Equal(Directory.GetFiles(Repository.ContentDirectory, "*.md").Length,
            await site.Services.GetRequiredService<IArticleStore>().CountAsync(Token));
        var database = site.Services.GetRequiredService<IDatabase>();
        Assert.Equal(TestDatabases.OnPostgres ? PostgresSchemaMigrator.LatestVersion : SqliteSchemaMigrator.LatestVersion, database.LatestSchemaVersion);
        Assert.Equal(database.LatestSchemaVersion, await database.GetSchemaVersionAsync(Token));
    }

    [Fact]
    public async Task LaterStarts_DoNotImportAgain()
    {
        var data = Repository.NewTempDirectory();
        var content = NewsSiteFactory.ContentFolder(("eins.md", Article("Eins")));
        await using (var first = new NewsSiteFactory(content, dataDirectory: data))
        {
            (await first.GetPageAsync("/")).Response.EnsureSuccessStatusCode();
        }

        // A file added later is the import command's job, not the next start's.
        File.WriteAllText(Path.Combine(content, "zwei.md"), Article("Zwei"));
        await using var second = new NewsSiteFactory(content, dataDirectory: data);
        var (_, page) = await second.GetPageAsync("/");

        Assert.Equal(["Eins"], page.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));
    }

    /// <summary>
    /// A kill skips every finally block: a restore killed midway leaves its working copy (as large as the database)
    /// in the data directory. The next start removes it, and leaves the database alone.
    /// </summary>
    [SqliteOnly]
    [Fact]
    public async Task Start_RemovesWhatAKilledRestoreLeftInTheDataDirectory()
    {
        var data = Repository.NewTempDirectory();
        var content = NewsSiteFactory.ContentFolder(("eins.md", Article("Eins")));
        await using (var first = new NewsSiteFactory(content, dataDirectory: data))
        {
            (await first.GetPageAsync("/")).Response.EnsureSuccessStatusCode();
        }

        using var killed = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        await killed.WaitForExitAsync(Token);
        var leftover = Path.Combine(data, $"{SqliteDatabase.FileName}.restore.{killed.Id}-{Guid.NewGuid():N}.tmp");
        File.Copy(Path.Combine(data, SqliteDatabase.FileName), leftover);
        await File.WriteAllBytesAsync(leftover + "-journal", new byte[4096], Token);

        await using var second = new NewsSiteFactory(content, dataDirectory: data);
        var (response, page) = await second.GetPageAsync("/");

        response.EnsureSuccessStatusCode();
        Assert.Equal(["Eins"], page.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));
        Assert.Empty(Directory.GetFiles(data, "*.tmp*"));
    }

    [Fact]
    public async Task BrokenContentFile_IsSkippedAndTheSiteStillStarts()
    {
        var content = NewsSiteFactory.ContentFolder(("gut.md", Article("Gut")), ("kaputt.md", "---\ntitle: [\n---\n"));
        await using var site = new NewsSiteFactory(content);

        var (response, page) = await site.GetPageAsync("/");

        response.EnsureSuccessStatusCode();
        Assert.Equal(["Gut"], page.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));
    }

    [Fact]
    public async Task MissingContentDirectory_StartsWithAnEmptySite()
    {
        await using var site = new NewsSiteFactory(Path.Combine(Repository.NewTempDirectory(), "fehlt"));

        var (response, page) = await site.GetPageAsync("/");

        response.EnsureSuccessStatusCode();
        Assert.Contains("Noch keine Artikel", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredSiteName_IsShownInTheHeaderAndTitle()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder()) { SiteName = "Kölner Tageblatt" };

        var (_, page) = await site.GetPageAsync("/");

        Assert.Equal("Kölner Tageblatt", page.QuerySelector(".site-name")!.TextContent);
        Assert.Equal("Kölner Tageblatt", page.Title);
    }

    [Fact]
    public async Task InvalidSettings_StopTheStartWithAGermanMessageAndNoStackTrace()
    {
        var settings = new Dictionary<string, string>
        {
            ["NewsSite__DataDirectory"] = Repository.NewTempDirectory(),
            ["NewsSite__PageSize"] = "0",
            ["NewsSite__SiteName"] = "",
            ["NewsSite__Culture"] = "fr-FR",
        };

        var (exitCode, output, errors) = await AppProcess.RunAsync(
            AppProcess.App(AppContext.BaseDirectory, Repository.NewTempDirectory(), settings), TimeSpan.FromMinutes(1));

        Assert.Equal(1, exitCode);
        Assert.Contains("Die Konfiguration ist ungültig:", errors, StringComparison.Ordinal);
        Assert.Contains("NewsSite:PageSize muss zwischen 1 und 100 liegen.", errors, StringComparison.Ordinal);
        Assert.Contains("NewsSite:SiteName darf nicht leer sein.", errors, StringComparison.Ordinal);
        Assert.Contains("NewsSite:Culture muss „de-DE“ oder „en-US“ sein.", errors, StringComparison.Ordinal);
        Assert.Contains("NewsSite:BaseUrl fehlt: die öffentliche Adresse der Website", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nachrichten.example")]
    [InlineData("ftp://nachrichten.example")]
    [InlineData("https://nachrichten.example/news")]
    [InlineData("https://nachrichten.example/?a=1")]
    [InlineData("https://user:pass@nachrichten.example")]
    public async Task BaseUrlThatIsNotAPlainHttpAddress_StopsTheStart(string baseUrl)
    {
        var settings = new Dictionary<string, string>
        {
            ["NewsSite__DataDirectory"] = Repository.NewTempDirectory(),
            ["NewsSite__BaseUrl"] = baseUrl,
        };

        var (exitCode, _, errors) = await AppProcess.RunAsync(
            AppProcess.App(AppContext.BaseDirectory, Repository.NewTempDirectory(), settings), TimeSpan.FromMinutes(1));

        Assert.Equal(1, exitCode);
        Assert.Contains($"NewsSite:BaseUrl „{baseUrl}“ ist keine gültige Adresse", errors, StringComparison.Ordinal);
    }

    [SqliteOnly]
    [Fact]
    public async Task DatabaseUsesWalAndForeignKeys()
    {
        await using var site = new SeededSite();
        (await site.GetPageAsync("/")).Response.EnsureSuccessStatusCode();

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(site.DataDirectory, SqliteDatabase.FileName)}");
        await connection.OpenAsync(Token);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;"));
    }
}
