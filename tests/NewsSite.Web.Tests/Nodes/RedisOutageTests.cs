using System.Net;
using NewsSite.Web.Tests.Support;
using static NewsSite.Web.Tests.Support.PageCacheChecks;

namespace NewsSite.Web.Tests.Nodes;

/// <summary>
/// Redis going away under two running nodes (a proxy cut in front of the real test server, which keeps its data, as a
/// network cut would): readers get every page from the database, readiness says "Degraded" but stays 200 so that the
/// balancer keeps the nodes, an edit meanwhile is shown at once, and once Redis answers again no page from before the
/// edit comes back out of it.
/// </summary>
[OwnServers]
public class RedisOutageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedisDown_ServesFromTheDatabase_ReadySaysDegraded_AndAfterwardsNoStalePageComesBack()
    {
        var redis = TestRedis.Require().Split(':');
        await using var proxy = new TcpProxy(redis[0], int.Parse(redis[1], System.Globalization.CultureInfo.InvariantCulture));
        var content = NewsSiteFactory.ContentFolder(
            ("haupt.md", "---\ntitle: Haupt\nslug: haupt\nauthor: Erika Muster\ndate: 2025-05-01T10:00:00\n---\n\nText.\n"));
        await using var nodes = await TwoNodes.StartAsync(content, redis: $"127.0.0.1:{proxy.Port}");
        using var editor = await AdminClient.LoginAsync(nodes.A);
        await WarmAsync(nodes.B, "/artikel/haupt", "/");
        await AssertStillCachedAsync(nodes.B, "/artikel/haupt", "/");

        proxy.Cut();
        await WaitForReadyAsync(nodes.B, "Degraded");
        var (down, _) = await nodes.B.GetPageAsync("/artikel/haupt");
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        Assert.Null(down.Headers.Age); // rendered, not from a cache

        var (saved, _) = await editor.SubmitAsync(await editor.EditUrlOfAsync("Haupt"), "form#editor", new() { ["Fields.Title"] = "Haupt neu" }, "Änderungen veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await AssertShowsAsync(nodes.B, "Haupt neu");
        await AssertShowsAsync(nodes.A, "Haupt neu");

        proxy.Restore();
        await WaitForReadyAsync(nodes.B, "Healthy");
        await WaitForReadyAsync(nodes.A, "Healthy");

        // Redis still holds the pages from before the edit; neither node may serve them.
        for (var i = 0; i < 3; i++)
        {
            await AssertShowsAsync(nodes.B, "Haupt neu");
            await AssertShowsAsync(nodes.A, "Haupt neu");
        }

        // And the cache works again.
        await AssertStillCachedAsync(nodes.B, "/artikel/haupt");
    }

    [Fact]
    public async Task ANodeStartedWhileRedisIsAway_StillOpensSessionsAndFormsFromItsKeyCopy()
    {
        var redis = TestRedis.Require().Split(':');
        await using var proxy = new TcpProxy(redis[0], int.Parse(redis[1], System.Globalization.CultureInfo.InvariantCulture));
        await using var schema = await NewsSite.Core.Tests.Support.PostgresTestServer.CreateSchemaAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = schema.ConnectionString,
            ["ConnectionStrings:Redis"] = $"127.0.0.1:{proxy.Port}",
            ["NewsSite:RedisKeyPrefix"] = "t-" + Guid.NewGuid().ToString("N"),
        };
        var content = NewsSiteFactory.ContentFolder(("a.md", "---\ntitle: A\ndate: 2025-01-01\n---\n\nText.\n"));
        var data = Repository.NewTempDirectory();
        string cookie;
        await using (var before = new NewsSiteFactory(content, dataDirectory: data) { Settings = settings })
        {
            using var editor = await AdminClient.LoginAsync(before);
            cookie = await editor.SessionCookieAsync();
        }

        proxy.Cut();
        await using var after = new NewsSiteFactory(content, dataDirectory: data) { Settings = settings };
        using var client = after.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        using var session = await client.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);

        using var editorAgain = await AdminClient.LoginAsync(after);
        Assert.Equal(HttpStatusCode.OK, (await editorAgain.GetAsync("/admin")).Response.StatusCode);
    }

    private static async Task AssertShowsAsync(NewsSiteFactory node, string title)
    {
        var (response, page) = await node.GetPageAsync("/artikel/haupt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(title, (await node.GetPageAsync("/")).Document.DocumentElement.TextContent, StringComparison.Ordinal);
    }

    private static async Task WaitForReadyAsync(NewsSiteFactory node, string status)
    {
        string last = "";
        for (var i = 0; i < 100; i++)
        {
            using var ready = await node.SendAsync("/healthz/ready");
            last = await ready.Content.ReadAsStringAsync(Token);
            if (last == status)
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                return;
            }

            await Task.Delay(100, Token);
        }

        Assert.Fail($"/healthz/ready sagt nach 10 s noch „{last}“, nicht „{status}“");
    }
}
