using System.Net;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Data;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// Addresses a scanner tries: overlong slugs, encoded path traversal, and the files that must never leave the server
/// (configuration, the database, the data-protection keys, the repository's .git). The fixture makes sure each of
/// those files really exists where the app runs, so a 404 means "refused", not "nothing there to serve".
/// A NUL (%00) in the path never reaches the app: Kestrel refuses the request line (HttpHardeningTests).
/// </summary>
public class ReaderUrlTests(ReaderUrlTests.ReaderSite site) : IClassFixture<ReaderUrlTests.ReaderSite>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public sealed class ReaderSite() : NewsSiteFactory(ContentFolder(
        ("eins.md", "---\ntitle: Eins\nauthor: Anna Berger\ndate: 2025-03-01T10:00:00\ntags: [Köln]\n---\n\nText.\n")))
    {
        private string? _keyFileName;

        /// <summary>The name of the data-protection key file, created by the first page that needs a key.</summary>
        public async Task<string> KeyFileNameAsync()
        {
            if (_keyFileName is null)
            {
                using (await this.SendAsync("/admin/anmelden"))
                {
                }

                // With Redis (the PostgreSQL pass) the key ring lives there; a key file left in the data folder from
                // the site's single-node days must stay just as private.
                var keys = Directory.CreateDirectory(Path.Combine(DataDirectory, "keys")).FullName;
                if (Directory.GetFiles(keys, "key-*.xml").Length == 0)
                {
                    await File.WriteAllTextAsync(
                        Path.Combine(keys, $"key-{Guid.NewGuid()}.xml"), "<key><descriptor><masterKey>geheim</masterKey></descriptor></key>");
                }

                _keyFileName = Path.GetFileName(Directory.GetFiles(keys, "key-*.xml").First());
            }

            return _keyFileName;
        }
    }

    /// <summary>Strings found only in the files that must stay private; none of them may appear in any answer.</summary>
    private static readonly string[] Secrets =
    [
        "Serilog.Sinks.Console",  // appsettings.json
        "SQLite format 3",        // the database file's header
        "masterKey",              // a data-protection key
        "repositoryformatversion", // .git/config
        "gitdir:",                // .git of a worktree
    ];

    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path)
    {
        await site.KeyFileNameAsync();
        var response = await site.SendAsync(path);
        return (response, await response.Content.ReadAsStringAsync(Token));
    }

    private static void AssertNoSecret(string body)
    {
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
    }

    [SqliteOnly]
    [Fact]
    public async Task TheFilesThisClassProtects_ReallyExistAndHoldTheStringsItLooksFor()
    {
        var keyFile = Path.Combine(site.DataDirectory, "keys", await site.KeyFileNameAsync());
        using (await site.SendAsync("/"))
        {
        }

        var contentRoot = Path.Combine(Repository.Root, "src", "NewsSite.Web");
        Assert.Contains(Secrets[0], await File.ReadAllTextAsync(Path.Combine(contentRoot, "appsettings.json"), Token), StringComparison.Ordinal);
        Assert.StartsWith(Secrets[1], System.Text.Encoding.ASCII.GetString(await ReadSharedAsync(Path.Combine(site.DataDirectory, SqliteDatabase.FileName))), StringComparison.Ordinal);
        Assert.Contains(Secrets[2], await File.ReadAllTextAsync(keyFile, Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/artikel/", 2_000)]
    [InlineData("/artikel/", 10_000)]
    [InlineData("/thema/", 10_000)]
    [InlineData("/autor/", 10_000)]
    [InlineData("/", 10_000)]
    public async Task VeryLongSlug_GetsTheGerman404Page(string prefix, int length)
    {
        var (response, page) = await site.GetPageAsync(prefix + new string('a', length - 1) + "ü");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Seite nicht gefunden", page.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("/%2e%2e/appsettings.json")]
    [InlineData("/%2e%2e/%2e%2e/src/NewsSite.Web/appsettings.json")]
    [InlineData("/css/..%2f..%2fappsettings.json")]
    [InlineData("/css/%2e%2e%2f%2e%2e%2fappsettings.json")]
    [InlineData("/bilder/..%2Fnewssite.db")]
    [InlineData("/bilder/..%2F..%2Fnewssite.db")]
    [InlineData("/bilder/%2e%2e/newssite.db")]
    [InlineData("/bilder/%252e%252e%252fnewssite.db")]
    [InlineData("/bilder/..%5Cnewssite.db")]
    [InlineData("/bilder/..%5C..%5Cappsettings.json")]
    [InlineData("/artikel/..%2F..%2Fappsettings.json")]
    [InlineData("/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    public async Task EncodedTraversal_IsRefused_AndServesNoFile(string path)
    {
        var (response, body) = await GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
        AssertNoSecret(body);
    }

    [Theory]
    [InlineData("/bilder/..%2Fkeys%2F{key}")]
    [InlineData("/bilder/%2e%2e/keys/{key}")]
    [InlineData("/bilder/keys/{key}")]
    [InlineData("/keys/{key}")]
    [InlineData("/data/keys/{key}")]
    public async Task KeyFile_IsNeverServed(string pattern)
    {
        var (response, body) = await GetAsync(pattern.Replace("{key}", await site.KeyFileNameAsync(), StringComparison.Ordinal));

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{pattern}: {(int)response.StatusCode}");
        AssertNoSecret(body);
    }

    [Theory]
    [InlineData("/appsettings.json")]
    [InlineData("/appsettings.Production.json")]
    [InlineData("/appsettings.Development.json")]
    [InlineData("/.git/config")]
    [InlineData("/.git/HEAD")]
    [InlineData("/.git")]
    [InlineData("/web.config")]
    [InlineData("/.env")]
    [InlineData("/newssite.db")]
    [InlineData("/newssite.db-wal")]
    [InlineData("/data/newssite.db")]
    [InlineData("/App_Data/newssite.db")]
    [InlineData("/bilder/newssite.db")]
    [InlineData("/keys/")]
    [InlineData("/data/")]
    [InlineData("/bilder/")]
    [InlineData("/NewsSite.Web.dll")]
    [InlineData("/NewsSite.Web.deps.json")]
    [InlineData("/Program.cs")]
    [InlineData("/content/")]
    public async Task PrivateFile_Gets404(string path)
    {
        var (response, body) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Seite nicht gefunden", body, StringComparison.Ordinal);
        AssertNoSecret(body);
    }

    // The app holds the database open; read it the way SQLite allows others to.
    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[16];
        await stream.ReadExactlyAsync(header, Token);
        return header;
    }
}
