using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Import;
using NewsSite.Core.Markdown;
using NewsSite.Core.Tests.Support;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Reliability;

/// <summary>
/// The import killed (SIGKILL, as by the OOM killer or a power cut of the process) in the middle of a large folder:
/// the database holds whole articles only, each with its tags, search row and revision, the counters agree, and
/// running the same import again completes it.
/// </summary>
[SqliteOnly]
public class ImportCrashTests
{
    private const int FileCount = 3000;

    // Killed once this many articles are committed: several batches in, far from the end.
    private const int KillAfter = 3 * ArticleImporter.BatchSize;

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportKilledMidway_LeavesOnlyWholeArticles_AndRunningItAgainCompletesIt()
    {
        var corpus = Path.Combine(Repository.NewTempDirectory(), "korpus");
        var data = Repository.NewTempDirectory();
        var database = Path.Combine(data, SqliteDatabase.FileName);
        var workingDirectory = Repository.NewTempDirectory();
        var environment = new Dictionary<string, string> { ["NewsSite__DataDirectory"] = data, ["NewsSite__BaseUrl"] = "https://nachrichten.example" };
        var (generated, generatedOutput, generatedErrors) = await AppProcess.RunAsync(
            AppProcess.App(AppContext.BaseDirectory, workingDirectory, environment,
                "generate", "--articles", $"{FileCount}", "--tags", "60", "--markdown", corpus, "--seed", "5"),
            Limit);
        Assert.True(generated == 0, generatedOutput + generatedErrors);
        var files = Directory.EnumerateFiles(corpus, "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(corpus, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(FileCount, files.Count);

        var committed = await ImportAndKillAsync(AppProcess.App(AppContext.BaseDirectory, workingDirectory, environment, "import", corpus), database);

        // Batches commit whole or not at all, in path order: the kill lost the open batch, nothing else.
        Assert.InRange(committed, KillAfter, FileCount - ArticleImporter.BatchSize);
        var afterKill = await AuditAsync(database, corpus);
        Assert.Equal(0, afterKill.Count % ArticleImporter.BatchSize);
        Assert.Equal(files.Take(afterKill.Count), afterKill);

        var (again, output, errors) = await AppProcess.RunAsync(
            AppProcess.App(AppContext.BaseDirectory, workingDirectory, environment, "import", corpus), Limit);

        Assert.True(again == 0, output + errors);
        Assert.Contains($"{FileCount - afterKill.Count} neu, 0 geändert, {afterKill.Count} unverändert, 0 fehlgeschlagen", output, StringComparison.Ordinal);
        Assert.Equal(files, await AuditAsync(database, corpus));
    }

    /// <summary>
    /// Runs the import, watching the database from outside (read-only), and kills it once
    /// <see cref="KillAfter"/> articles are committed. Returns how many were committed just before the kill.
    /// </summary>
    private static async Task<int> ImportAndKillAsync(ProcessStartInfo start, string database)
    {
        using var process = AppProcess.Start(start);
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var errors = process.StandardError.ReadToEndAsync(Token);
        var deadline = Stopwatch.StartNew();
        var seen = 0;
        try
        {
            while (seen < KillAfter)
            {
                if (process.HasExited)
                {
                    Assert.Fail($"Der Import endete vor dem Abbruch ({seen} Artikel gesehen): {await output}{await errors}");
                }

                if (deadline.Elapsed > Limit)
                {
                    Assert.Fail($"Nach {Limit} erst {seen} Artikel.");
                }

                seen = await CountArticlesAsync(database) ?? 0;
                if (seen < KillAfter)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20), Token);
                }
            }

            return seen;
        }
        finally
        {
            // SIGKILL: no finally blocks, no disposal, no rollback in the process; only SQLite's journal protects the file.
            process.Kill();
            await process.WaitForExitAsync(Token);
        }
    }

    /// <summary>Null while the import has not created the file or its tables yet.</summary>
    private static async Task<int?> CountArticlesAsync(string database)
    {
        if (!File.Exists(database))
        {
            return null;
        }

        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        try
        {
            await connection.OpenAsync(Token);
            return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM articles;");
        }
        catch (SqliteException)
        {
            // Between creating the file and migrating it, the tables are missing.
            return null;
        }
    }

    /// <summary>
    /// Checks the database as a whole and every article against its file; returns the stored articles' files in
    /// path order.
    /// </summary>
    private static async Task<List<string>> AuditAsync(string database, string corpus)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync(Token);

        Assert.Equal(["ok"], await connection.QueryAsync<string>("PRAGMA integrity_check;"));
        Assert.Empty(await connection.QueryAsync("PRAGMA foreign_key_check;"));
        await connection.ExecuteAsync("INSERT INTO article_search (article_search) VALUES ('integrity-check');"); // throws if the index is corrupt
        Assert.Empty(await DatabaseAudit.IncompleteArticlesAsync(connection));
        Assert.Empty(await DatabaseAudit.CounterDisagreementsAsync(connection));
        Assert.Empty(await connection.QueryAsync<string>(
            """
            SELECT 'tag ' || slug FROM tags t WHERE NOT EXISTS (SELECT 1 FROM article_tags at WHERE at.tag_id = t.id)
            UNION ALL
            SELECT 'autor ' || slug FROM authors au WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.author_id = au.id)
            UNION ALL
            SELECT 'artikel ' || id || ' in Version ' || revision FROM articles WHERE revision <> 1;
            """));

        // Every stored article is its file, whole: title, body (by hash) and tags in the file's order.
        var parser = new ArticleParser(new MarkdownRenderer());
        var stored = (await connection.QueryAsync<(string SourceKey, string Title, string ContentHash, string? Tags)>(
                """
                SELECT a.source_key, a.title, a.content_hash,
                       (SELECT group_concat(name_key, char(31)) FROM
                           (SELECT t.name_key FROM article_tags at JOIN tags t ON t.id = at.tag_id
                            WHERE at.article_id = a.id ORDER BY at.position))
                FROM articles a
                ORDER BY a.source_key;
                """))
            .ToList();
        foreach (var article in stored)
        {
            var file = parser.Parse(article.SourceKey, await File.ReadAllBytesAsync(Path.Combine(corpus, article.SourceKey), Token));
            Assert.Equal((file.Title, file.ContentHash), (article.Title, article.ContentHash));
            Assert.Equal(file.Tags.Select(t => t.Key), article.Tags?.Split('\u001f') ?? []);
        }

        return [.. stored.Select(a => a.SourceKey).Order(StringComparer.Ordinal)];
    }
}
