using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Core.Audit;
using NewsSite.Core.Editing;
using NewsSite.Core.Previews;
using NewsSite.Core.Ressorts;
using NewsSite.Core.Tags;
using NewsSite.Core.Tests.Support;
using NewsSite.Web.Accounts;
using NewsSite.Web.Tests.Authors;
using NewsSite.Web.Tests.Support;
using Npgsql;

namespace NewsSite.Web.Tests.Commands;

/// <summary>
/// copy-to-postgres end to end: a SQLite site with content in every table, moved by the command into a fresh schema
/// of the PostgreSQL test server, then the site started on that schema: the same article pages, feed ids and search
/// hits, and the copied account logs in. SqliteOnly: the source is always SQLite, so the PostgreSQL pass would only
/// repeat it; it needs NEWSSITE_TEST_POSTGRES in both.
/// </summary>
[SqliteOnly]
public class CopyToPostgresTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static NewsSiteFactory OnPostgres(TestSchema schema) =>
        new(NewsSiteFactory.ContentFolder())
        {
            Settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = schema.ConnectionString },
        };

    private static SqliteConnection OpenSqlite(NewsSiteFactory site)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(site.DataDirectory, "newssite.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>The repository's content (pictures, corrections, Ressorts, site pages), co-authors, an account and its traces.</summary>
    private static async Task<NewsSiteFactory> FullSiteAsync()
    {
        var site = new NewsSiteFactory();
        var (imported, output) = await OperatorCommands.RunAsync(site.Services, ["import", AuthorSite.Content()]);
        Assert.True(imported == 0, output);
        // The same file under a new address: the old one becomes a redirect.
        (imported, output) = await OperatorCommands.RunAsync(site.Services, ["import", NewsSiteFactory.ContentFolder(
            ("03-allein.md", AuthorSite.Article("allein-unterwegs", "Allein", "author: Markus Lehmann", "2025-05-03T10:00:00")))]);
        Assert.True(imported == 0, output);
        await AdminClient.LoginAsync(site, "anna", UserRole.Admin);
        long draft, tag, author;
        using (var connection = OpenSqlite(site))
        {
            draft = connection.ExecuteScalar<long>("SELECT id FROM articles WHERE slug = 'entwurf';");
            tag = connection.ExecuteScalar<long>("SELECT id FROM tags WHERE slug = 'kultur';");
            author = connection.ExecuteScalar<long>("SELECT id FROM authors WHERE slug = 'markus-lehmann';");

            // An author's former address comes from renaming a linked account, a longer way than this test needs to go.
            connection.Execute(
                "INSERT INTO author_redirects (slug, author_id, created_at) VALUES ('m-lehmann', @Author, '2025-05-01T10:00:00.0000000Z');",
                new { Author = author });
        }

        var now = DateTimeOffset.UtcNow;
        var ressorts = site.Services.GetRequiredService<IRessortStore>();
        var ressort = (await ressorts.ListAsync(Token))[0];
        await ressorts.UpdateAsync(ressort.Id, new RessortDraft(ressort.Name, ressort.Slug + "-neu"), Token);
        await site.Services.GetRequiredService<ITagStore>().AddAliasAsync(tag, "Kultursachen", Token);
        await site.Services.GetRequiredService<IPreviewLinkStore>().CreateAsync(draft, new string('a', 64), now.AddDays(2), "anna", null, Token);
        await site.Services.GetRequiredService<IAutosaveStore>().SaveAsync("anna", draft, 1, EditorForm.Empty, now, Token);
        await site.Services.GetRequiredService<ITagStore>().RenameAsync(tag, "Kultur und Kunst", "anna", Token);
        await site.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEvent("anna", AuditAction.PasswordChanged, Subject: "an\0na"), Token);
        return site;
    }

    private static async Task<string> MainOfAsync(NewsSiteFactory site, string path)
    {
        var (response, page) = await site.GetPageAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        return page.QuerySelector("main")!.InnerHtml;
    }

    private static async Task<List<string>> FeedIdsAsync(NewsSiteFactory site)
    {
        var json = await site.CreateClient().GetStringAsync(new Uri("/feed.json", UriKind.Relative), Token);
        return [.. JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    private static async Task<List<string>> SearchHitsAsync(NewsSiteFactory site, string query)
    {
        var (_, page) = await site.GetPageAsync("/suche?q=" + Uri.EscapeDataString(query));
        return [.. page.QuerySelectorAll("main a[href^='/artikel/']").Select(a => a.GetAttribute("href")!)];
    }

    [Fact]
    public async Task ASiteWithEveryKindOfContent_MovesToPostgres_AndServesTheSamePages()
    {
        await using var sqliteSite = await FullSiteAsync();
        List<string> slugs;
        using (var connection = OpenSqlite(sqliteSite))
        {
            slugs = [.. connection.Query<string>("SELECT slug FROM articles WHERE NOT is_draft AND trashed_at IS NULL ORDER BY id;")];
            foreach (var table in Core.Data.Moving.SiteTables.Copied.Where(t => t != "article_totals"))
            {
                Assert.True(connection.ExecuteScalar<long>($"SELECT count(*) FROM {table};") > 0, $"Die Quelle hat keine Zeile in {table}.");
            }
        }

        var pages = new Dictionary<string, string>();
        foreach (var slug in slugs)
        {
            pages[slug] = await MainOfAsync(sqliteSite, "/artikel/" + slug);
        }

        var feedIds = await FeedIdsAsync(sqliteSite);
        var searches = new[] { "köln", "ukraine", "gemeinsam" };
        var hits = new List<List<string>>();
        foreach (var query in searches)
        {
            hits.Add(await SearchHitsAsync(sqliteSite, query));
        }

        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        int exitCode;
        string output;
        await using (var command = OnPostgres(schema))
        {
            (exitCode, output) = await OperatorCommands.RunAsync(command.Services, ["copy-to-postgres", "--data", sqliteSite.DataDirectory]);
        }

        Assert.True(exitCode == 0, output);
        Assert.Contains("Tabelle                | Zeilen SQLite | Zeilen PostgreSQL | Prüfsumme gleich", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NEIN", output, StringComparison.Ordinal);
        Assert.Contains("ANGEPASST: audit_log.subject: 1 Texte", output, StringComparison.Ordinal);
        Assert.Contains("Nicht kopiert: 1 Sitzungen", output, StringComparison.Ordinal);

        await using var postgresSite = OnPostgres(schema);
        foreach (var slug in slugs)
        {
            Assert.Equal(pages[slug], await MainOfAsync(postgresSite, "/artikel/" + slug));
        }

        Assert.NotEmpty(feedIds);
        Assert.Equal(feedIds, await FeedIdsAsync(postgresSite));
        for (var i = 0; i < searches.Length; i++)
        {
            // The same articles found; their order is each database's ranking (bm25, ts_rank), which differ by design.
            Assert.NotEmpty(hits[i]);
            Assert.Equal(hits[i].Order(StringComparer.Ordinal), (await SearchHitsAsync(postgresSite, searches[i])).Order(StringComparer.Ordinal));
        }

        // The account came along (LoginAsync would otherwise create it) and its password works; its session did not.
        Assert.NotNull(await postgresSite.Services.GetRequiredService<AccountService>().FindByNameAsync("anna", Token));
        var admin = await AdminClient.LoginAsync(postgresSite, "anna", UserRole.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).Response.StatusCode);

        // A new article after the move gets an id of its own, past every copied one.
        var (imported, importOutput) = await OperatorCommands.RunAsync(postgresSite.Services, ["import",
            NewsSiteFactory.ContentFolder(("neu.md", AuthorSite.Article("nach-dem-umzug", "Nach dem Umzug", "author: Anna Berger", "2025-05-06T10:00:00")))]);
        Assert.True(imported == 0, importOutput);
        await using var postgres = new NpgsqlConnection(schema.ConnectionString);
        var (newId, highestCopied) = await postgres.QuerySingleAsync<(long, long)>(
            "SELECT (SELECT id FROM articles WHERE slug = 'nach-dem-umzug'), (SELECT max(id) FROM articles WHERE slug <> 'nach-dem-umzug');");
        Assert.Equal(highestCopied + 1, newId);
        Assert.Equal(HttpStatusCode.OK, (await postgresSite.GetPageAsync("/artikel/nach-dem-umzug")).Response.StatusCode);
    }

    [Fact]
    public async Task WithoutATarget_TheCommandSaysWhatToSet()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());

        var (exitCode, output) = await OperatorCommands.RunAsync(site.Services, ["copy-to-postgres"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("ConnectionStrings:Postgres ist nicht gesetzt", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_FillsThePostgresDatabase_WhenTheSiteRunsOnIt()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        var data = Repository.NewTempDirectory();
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(), dataDirectory: data)
        {
            Settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = schema.ConnectionString },
        };

        var (exitCode, output) = await OperatorCommands.RunAsync(
            site.Services, ["generate", "--articles", "50", "--tags", "10", "--data", data, "--until", "2025-06-01"]);

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"^Fertig: 50 Artikel, \d+ Tags, \d+ Autoren in \d+,\d s\. Datenbank PostgreSQL .*\.\s*$", output);
        await using var postgres = new NpgsqlConnection(schema.ConnectionString);
        Assert.Equal((50L, 50L), await postgres.QuerySingleAsync<(long, long)>(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM article_search);"));
        Assert.False(File.Exists(Path.Combine(data, "newssite.db")));
    }
}
