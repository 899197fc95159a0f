using NewsSite.Core.Data.Sqlite;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NewsSite.Web.Tests.Support;

/// <summary>
/// The real app on a real SQLite file in a temporary data folder. By default it imports the repository's content/
/// on start, as a fresh clone would; a test can instead hand it a folder of its own articles, a page size and a clock.
/// The environment is not Development, so errors show the German error page as in production.
/// </summary>
public class NewsSiteFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDataDirectory;
    private NewsSite.Core.Tests.Support.TestSchema? _schema;

    public NewsSiteFactory()
        : this(Repository.ContentDirectory)
    {
    }

    public NewsSiteFactory(string contentDirectory, int pageSize = 10, TimeProvider? clock = null, string? dataDirectory = null)
    {
        ContentDirectory = contentDirectory;
        PageSize = pageSize;
        Clock = clock;
        DataDirectory = dataDirectory ?? Repository.NewTempDirectory();
        _ownsDataDirectory = dataDirectory is null;
    }

    public string DataDirectory { get; }

    public string ContentDirectory { get; }

    public int PageSize { get; }

    public TimeProvider? Clock { get; }

    public string SiteName { get; init; } = "NewsSite";

    /// <summary>The configured public address; tests send requests to "localhost", as a proxy would, and expect this.</summary>
    public string PublicBaseUrl { get; init; } = "https://nachrichten.example";

    /// <summary>When set, receives every log event of the app (see <see cref="LogCapture"/>).</summary>
    public LogCapture? Logs { get; init; }

    /// <summary>The host environment: "Testing" unless a test needs what only Production does.</summary>
    public string HostEnvironment { get; init; } = "Testing";

    /// <summary>
    /// A PostgreSQL schema of the test's own, on either pass: for several sites ("web nodes") on one schema, each with
    /// its own data folder. The test creates and drops it; the sites leave it when they are disposed.
    /// </summary>
    public NewsSite.Core.Tests.Support.TestSchema? SharedSchema { get; init; }

    /// <summary>Further configuration, e.g. ["NewsSite:MaxMarkdownFileBytes"] = "2048".</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>A folder of article files for one test, written as UTF-8; a name may include folders ("authors/lea-graf.md").</summary>
    public static string ContentFolder(params (string FileName, string Text)[] files)
    {
        var folder = Repository.NewTempDirectory();
        foreach (var (fileName, text) in files)
        {
            var path = Path.Combine(folder, fileName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, new UTF8Encoding(false));
        }

        return folder;
    }

    public async Task<(HttpResponseMessage Response, IDocument Document)> GetPageAsync(string path)
    {
        var response = await this.SendAsync(path);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, await new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken));
    }

    /// <summary>A reader's GET, and whether the output cache answered it (it alone sends Age).</summary>
    public async Task<(HttpResponseMessage Response, IDocument Document, bool FromCache)> GetCachedPageAsync(string path)
    {
        var (response, document) = await GetPageAsync(path);
        return (response, document, response.Headers.Age is not null);
    }

    /// <summary>
    /// A GET, and every SQL statement the site's code ran meanwhile. Left out: statements SQLite runs inside those
    /// (trigger steps, the full-text index's reads of its own tables, traced as "-- …"), whose number depends on how
    /// the index happens to be stored, and the pragmas of opening a connection, which depend on whether the pool hands
    /// out a connection that was traced before. Every query the code sends is counted.
    /// </summary>
    public async Task<(HttpResponseMessage Response, IDocument Document, IReadOnlyList<string> Statements)> GetPageCountingStatementsAsync(string path)
    {
        var statements = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using (Services.GetRequiredService<NewsSite.Core.Data.IDatabase>().ObserveStatements(sql =>
        {
            // FTS5 reads its own tables with statements of its own (schema quoted as 'main'.'…', which our SQL never
            // writes), e.g. its config the first time a pooled connection opens the index: whether that happens
            // depends on which connection the pool hands out.
            if (!sql.StartsWith("--", StringComparison.Ordinal) && !sql.TrimStart().StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase)
                && !sql.Contains("'main'.'", StringComparison.Ordinal))
            {
                statements.Enqueue(sql);
            }
        }))
        {
            var (response, document) = await GetPageAsync(path);
            return (response, document, statements.ToList());
        }
    }

    /// <summary>
    /// Serves on a real Kestrel at a free port of 127.0.0.1 instead of the in-memory test server, for what only a real
    /// server does: its limits, its headers, raw sockets. Call before the first request.
    /// </summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(HostEnvironment);
        builder.UseStaticWebAssets();
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NewsSite:DataDirectory"] = DataDirectory,
            ["NewsSite:ContentDirectory"] = ContentDirectory,
            ["NewsSite:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NewsSite:SiteName"] = SiteName,
            ["NewsSite:BaseUrl"] = PublicBaseUrl,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["ConnectionStrings:Postgres"] = PostgresConnectionString(),
            ["ConnectionStrings:Redis"] = TestDatabases.OnPostgres ? TestRedis.Require() : null,
            ["NewsSite:RedisKeyPrefix"] = RedisKeyPrefix,
        }).AddInMemoryCollection(Settings));

        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(Clock));
        }

        if (Logs is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(Logs));
        }
    }

    /// <summary>
    /// On the PostgreSQL pass (<see cref="TestDatabases"/>): the connection string of this data folder's own schema,
    /// which a second factory on the same folder finds again; null on SQLite. <see cref="SharedSchema"/>'s when set.
    /// </summary>
    public string? PostgresConnectionString()
    {
        if (SharedSchema is not null)
        {
            _schema = SharedSchema;
            return _schema.ConnectionString;
        }

        if (!TestDatabases.OnPostgres)
        {
            return null;
        }

        _schema ??= NewsSite.Core.Tests.Support.PostgresTestServer.SchemaForFolderAsync(DataDirectory).GetAwaiter().GetResult();
        return _schema.ConnectionString;
    }

    /// <summary>
    /// On the PostgreSQL pass, where every site also shares through Redis: this data folder's own keys, so that sites
    /// running side by side (and one restarted on the same folder) never see each other's; as the schema, by folder.
    /// </summary>
    public string RedisKeyPrefix => PostgresConnectionString() is null ? "newssite" : "t-" + _schema!.Name[2..];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteStorage.ReleaseAllFiles();
            if (!_ownsDataDirectory)
            {
                return;
            }

            // The folder's schema goes with the folder; a factory on a folder it was given leaves both.
            if (SharedSchema is null)
            {
                _schema?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is not worth failing a test over.
            }
        }
    }
}
