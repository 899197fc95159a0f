using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Generation;
using NewsSite.Web.Commands;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Commands;

[SqliteOnly]
public class GenerateCommandTests
{
    private const string Until = "2025-06-01";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<(int ExitCode, string Output)> Run(IServiceProvider services, params string[] args) =>
        OperatorCommands.RunAsync(services, args);

    private static SqliteConnection Open(NewsSiteFactory site)
    {
        var connection = new SqliteConnection($"Data Source={site.Services.GetRequiredService<IDatabase>().Location};Mode=ReadOnly");
        connection.Open();
        return connection;
    }

    [Fact]
    public async Task Generate_FillsTheDataDirectoryThroughTheNormalWrite_AndTheSiteServesIt()
    {
        var data = Repository.NewTempDirectory();
        string[] args = ["generate", "--articles", "300", "--tags", "40", "--data", data, "--seed", "7", "--until", Until];
        Assert.Equal([new("NewsSite:DataDirectory", data)], CommandLine.Parse(args)!.Settings);
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(), dataDirectory: data);

        var (exitCode, output) = await Run(site.Services, args);

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"^Fertig: 300 Artikel, \d+ Tags, \d+ Autoren in \d+,\d s\. Datenbank .*newssite\.db: \d+,\d MB\.\s*$", output);
        using var connection = Open(site);
        Assert.Equal(300, connection.ExecuteScalar<int>("SELECT count(*) FROM articles;"));
        Assert.Equal(0, connection.ExecuteScalar<int>(
            "SELECT count(*) FROM articles a WHERE (SELECT count(*) FROM revisions r WHERE r.article_id = a.id) <> 1;"));
        Assert.Equal(0, connection.ExecuteScalar<int>(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.rowid = a.id);"));
        Assert.InRange(connection.ExecuteScalar<int>("SELECT count(*) FROM tags;"), 2, 40);
        Assert.InRange(connection.ExecuteScalar<int>("SELECT count(*) FROM authors;"), 10, CorpusGenerator.AuthorCount);

        // The same seed, tag count and date make the same corpus: every article has the tags its file names.
        var expected = new CorpusGenerator(40, 7, DateTimeOffset.Parse(Until + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture))
            .Generate(300).ToDictionary(a => a.RelativePath);
        var stored = connection.Query<(string SourceKey, string Slug, string Title, long Tags)>(
            """
            SELECT a.source_key, a.slug, a.title, (SELECT count(*) FROM article_tags at WHERE at.article_id = a.id)
            FROM articles a ORDER BY a.id;
            """).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), stored.Select(s => s.SourceKey).Order(StringComparer.Ordinal));
        Assert.All(stored, s => Assert.Equal(expected[s.SourceKey].Tags.Count, s.Tags));

        // The tag frequencies the related articles weigh by, and the totals the listings count with, equal a recount
        // of what was generated: the generator's batches keep them like any other write.
        var expectedFrequencies = expected.Values.SelectMany(a => a.Tags)
            .GroupBy(tag => NewsSite.Core.Tags.TagName.TryCreate(tag)!.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var storedFrequencies = connection.Query<(string Key, long Live)>("SELECT name_key, live_articles FROM tags;")
            .ToDictionary(t => t.Key, t => (int)t.Live, StringComparer.Ordinal);
        Assert.Equal(expectedFrequencies.OrderBy(f => f.Key, StringComparer.Ordinal), storedFrequencies.OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Equal(300, connection.ExecuteScalar<int>("SELECT live_articles FROM article_totals;"));
        Assert.Equal(300, connection.ExecuteScalar<int>("SELECT sum(live_articles) FROM authors;"));
        Assert.True(expectedFrequencies.Values.Max() > 5 * expectedFrequencies.Values.Order().ElementAt(expectedFrequencies.Count / 2),
            "Zipf: the most common tag is far more common than the median one");

        var sample = stored[123];
        var (response, page) = await site.GetPageAsync("/artikel/" + sample.Slug);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sample.Title, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(expected[sample.SourceKey].Tags, page.QuerySelectorAll("a[rel=tag]").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Generate_RefusesADatabaseWithArticles()
    {
        await using var site = new NewsSiteFactory();
        var before = await site.Services.GetRequiredService<IArticleStore>().CountAsync(Token);

        var (exitCode, output) = await Run(site.Services, "generate", "--articles", "10", "--tags", "5", "--data", site.DataDirectory);

        Assert.Equal(1, exitCode);
        Assert.Contains($"enthält bereits {before} Artikel", output, StringComparison.Ordinal);
        Assert.True(before > 0);
        Assert.Equal(before, await site.Services.GetRequiredService<IArticleStore>().CountAsync(Token));
    }

    [Fact]
    public async Task GenerateMarkdown_WritesYearFoldersThatImportWithoutFailures()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        var folder = Path.Combine(Repository.NewTempDirectory(), "korpus");

        var (exitCode, output) = await Run(site.Services, "generate", "--articles", "60", "--tags", "8", "--markdown", folder, "--until", Until);
        var (importCode, imported) = await Run(site.Services, "import", folder);
        var (againCode, again) = await Run(site.Services, "generate", "--articles", "5", "--tags", "8", "--markdown", folder);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Fertig: 60 Markdown-Dateien", output, StringComparison.Ordinal);
        var files = Directory.GetFiles(folder, "*.md", SearchOption.AllDirectories);
        Assert.Equal(60, files.Length);
        Assert.All(files, f => Assert.Matches(@"^20\d\d$", Path.GetFileName(Path.GetDirectoryName(f))));
        Assert.Equal(0, importCode);
        Assert.Contains("60 neu, 0 geändert, 0 unverändert, 0 fehlgeschlagen", imported, StringComparison.Ordinal);
        Assert.Equal(1, againCode);
        Assert.Contains("ist nicht leer", again, StringComparison.Ordinal);
        Assert.Equal(60, Directory.GetFiles(folder, "*.md", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task TheFilesOfACorpus_ImportUnchangedIntoTheDatabaseOfTheSameCorpus()
    {
        var data = Repository.NewTempDirectory();
        var folder = Path.Combine(Repository.NewTempDirectory(), "korpus");
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(), dataDirectory: data);

        var (generated, _) = await Run(site.Services, "generate", "--articles", "50", "--tags", "9", "--data", data, "--seed", "3", "--until", Until);
        var (written, _) = await Run(site.Services, "generate", "--articles", "50", "--tags", "9", "--markdown", folder, "--seed", "3", "--until", Until);
        var (importCode, imported) = await Run(site.Services, "import", folder);

        Assert.Equal((0, 0, 0), (generated, written, importCode));
        Assert.Contains("0 neu, 0 geändert, 50 unverändert, 0 fehlgeschlagen", imported, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("generate")]
    [InlineData("generate", "--articles", "10", "--tags", "5")]
    [InlineData("generate", "--articles", "0", "--tags", "5", "--data", "d")]
    [InlineData("generate", "--articles", "1000001", "--tags", "5", "--data", "d")]
    [InlineData("generate", "--articles", "-5", "--tags", "5", "--data", "d")]
    [InlineData("generate", "--articles", "zehn", "--tags", "5", "--data", "d")]
    [InlineData("generate", "--articles", "10", "--tags", "0", "--data", "d")]
    [InlineData("generate", "--articles", "10", "--tags", "100001", "--data", "d")]
    [InlineData("generate", "--articles", "10", "--data", "d")]
    [InlineData("generate", "--articles", "10", "--tags", "5", "--data", "d", "--markdown", "m")]
    [InlineData("generate", "--articles", "10", "--tags", "5", "--data")]
    [InlineData("generate", "--articles", "10", "--articles", "10", "--tags", "5", "--data", "d")]
    [InlineData("generate", "--articles", "10", "--tags", "5", "--data", "d", "--seed", "x")]
    [InlineData("generate", "--articles", "10", "--tags", "5", "--data", "d", "--until", "gestern")]
    [InlineData("generate", "--articles", "10", "--tags", "5", "--data", "d", "--force", "1")]
    public async Task WrongArguments_PrintTheUsage(params string[] args)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());

        var (exitCode, output) = await Run(site.Services, args);

        Assert.Equal(2, exitCode);
        Assert.Contains("generate --articles <anzahl> --tags <anzahl> --data <ordner>", output, StringComparison.Ordinal);
        Assert.Empty(CommandLine.Parse(args)!.Settings);
        Assert.False(Directory.Exists(Path.Combine(site.DataDirectory, "d")));
    }

    [Fact]
    public void TheLimits_AreAccepted()
    {
        Assert.NotEmpty(CommandLine.Parse(["generate", "--articles", "1000000", "--tags", "100000", "--data", "/tmp/x"])!.Settings);
        Assert.NotEmpty(CommandLine.Parse(["generate", "--tags", "1", "--articles", "1", "--data", "/tmp/x", "--seed", "-3"])!.Settings);
    }

    /// <summary>Run as an operator runs it: --data alone decides where the database goes (Program applies the setting).</summary>
    [Fact]
    public async Task GenerateCommand_RunsAsAProcessAndWritesIntoTheGivenDataDirectory()
    {
        var data = Path.Combine(Repository.NewTempDirectory(), "korpus");
        var elsewhere = Repository.NewTempDirectory();

        var (exitCode, output, errors) = await AppProcess.RunAsync(
            AppProcess.App(AppContext.BaseDirectory, elsewhere, new Dictionary<string, string> { ["NewsSite__BaseUrl"] = "https://nachrichten.example" },
                "generate", "--articles", "25", "--tags", "5", "--data", data),
            TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, output + errors);
        Assert.Contains("Fertig: 25 Artikel", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, SqliteDatabase.FileName)));
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "data")));
    }
}
