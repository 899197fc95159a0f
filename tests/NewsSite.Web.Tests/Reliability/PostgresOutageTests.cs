using System.Net;
using NewsSite.Core.Tests.Support;
using NewsSite.Web.Tests.Support;
using Npgsql;

namespace NewsSite.Web.Tests.Reliability;

/// <summary>
/// PostgreSQL going away under a running site (a restart, a network cut), made with a proxy cut in front of the real
/// test server: readers get the German 503 page with Retry-After, never a 500 or a stack trace; readiness says so; and
/// once the server answers again the site serves again without a restart. Runs wherever the test server is named.
/// </summary>
public class PostgresOutageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostgresDown_GivesTheGerman503PageAndNotReady_AndTheSiteRecoversByItself()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        var server = new NpgsqlConnectionStringBuilder(schema.ConnectionString);
        await using var proxy = new TcpProxy(server.Host!, server.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 };
        var content = NewsSiteFactory.ContentFolder(("a.md", "---\ntitle: Stadtbahn\ndate: 2025-01-01\n---\n\nDie Stadtbahn wächst.\n"));
        await using var site = new NewsSiteFactory(content)
        {
            Settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = throughProxy.ConnectionString },
        };
        Assert.Equal(HttpStatusCode.OK, (await site.SendAsync("/suche?q=stadtbahn")).StatusCode);

        proxy.Cut();
        var (down, page) = await site.GetPageAsync("/suche?q=wachst");
        using var notReady = await site.SendAsync("/healthz/ready");
        using var alive = await site.SendAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("30", down.Headers.RetryAfter?.ToString());
        Assert.Equal("Vorübergehend nicht erreichbar", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        foreach (var leak in new[] { "Exception", "Npgsql", "   at ", "127.0.0.1", "NewsSite.Core" })
        {
            Assert.DoesNotContain(leak, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        proxy.Restore();
        var (back, again) = await site.GetPageAsync("/suche?q=wachst");
        using var ready = await site.SendAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(["Stadtbahn"], again.QuerySelectorAll(".search-hit h2").Select(h => h.TextContent));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
