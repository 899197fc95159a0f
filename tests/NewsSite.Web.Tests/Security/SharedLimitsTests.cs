using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Tests.Support;
using NewsSite.Web.Accounts;
using NewsSite.Web.Nodes;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// Two web nodes on one PostgreSQL schema and one Redis key prefix, as a load balancer would spread one client over
/// them: the login throttle and the per-minute limits count what both nodes saw. And a Redis that is down: each node
/// counts on its own, nothing answers 500 or waits for a timeout, and the fallback is logged once. Each test names
/// its own servers, so it runs on every pass the same way and once (<see cref="OwnServersAttribute"/>).
/// </summary>
[OwnServers]
public class SharedLimitsTests
{
    private const string Address = "203.0.113.5";

    private static Dictionary<string, string> Credentials(string password) => new() { ["name"] = "anna", ["password"] = password };

    private static Dictionary<string, string?> Servers(TestSchema schema, string redis, string prefix, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = schema.ConnectionString,
            ["ConnectionStrings:Redis"] = redis,
            ["NewsSite:RedisKeyPrefix"] = prefix,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task FailuresThroughTwoNodes_AddUpToThePairLimit_AndTheWaitHoldsOnBoth()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        var prefix = "t-" + Guid.NewGuid().ToString("N");
        var settings = Servers(schema, TestRedis.Require(), prefix, ("NewsSite:LoginRequestsPerMinute", "1000"));
        var content = NewsSiteFactory.ContentFolder();
        await using var nodeA = new NewsSiteFactory(content) { Settings = settings };
        await using var nodeB = new NewsSiteFactory(content) { Settings = settings };
        await AdminClient.EnsureAccountAsync(nodeA, "anna");
        using var throughA = new AdminClient(nodeA, Address);
        using var throughB = new AdminClient(nodeB, Address);

        // Three through A, two through B: neither node alone has seen the five.
        for (var attempt = 1; attempt <= LoginThrottle.FreePairFailures; attempt++)
        {
            var (failed, _) = await (attempt % 2 == 1 ? throughA : throughB).SubmitAsync("/admin/anmelden", "form", Credentials($"falsch-{attempt}-xxxxxxxx"));
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var (lockedOnA, pageA) = await throughA.SubmitAsync("/admin/anmelden", "form", Credentials(AdminClient.Password));
        var (lockedOnB, pageB) = await throughB.SubmitAsync("/admin/anmelden", "form", Credentials(AdminClient.Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, lockedOnA.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedOnB.StatusCode);
        Assert.InRange(int.Parse(lockedOnB.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("Zu viele fehlgeschlagene Anmeldeversuche", pageA.QuerySelector("#login-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Zu viele fehlgeschlagene Anmeldeversuche", pageB.QuerySelector("#login-error")!.TextContent, StringComparison.Ordinal);
        await TestRedis.DeleteKeysAsync(prefix);
    }

    [Fact]
    public async Task PerMinuteLimits_CountRequestsToBothNodes()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        var prefix = "t-" + Guid.NewGuid().ToString("N");
        var settings = Servers(schema, TestRedis.Require(), prefix, ("NewsSite:SearchRequestsPerMinute", "3"), ("NewsSite:LoginRequestsPerMinute", "2"));
        var content = NewsSiteFactory.ContentFolder();
        await using var nodeA = new NewsSiteFactory(content) { Settings = settings };
        await using var nodeB = new NewsSiteFactory(content) { Settings = settings };

        Assert.Equal(HttpStatusCode.OK, (await nodeA.SendAsync("/suche?q=eins")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nodeB.SendAsync("/suche?q=zwei")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nodeA.SendAsync("/suche?q=drei")).StatusCode);
        var (refused, page) = await nodeB.GetPageAsync("/suche?q=vier");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("Zu viele", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await nodeA.SendAsync("/suche?q=fuenf")).StatusCode);

        await AdminClient.EnsureAccountAsync(nodeA, "anna");
        using var throughA = new AdminClient(nodeA, Address);
        using var throughB = new AdminClient(nodeB, Address);
        var (first, _) = await throughA.SubmitAsync("/admin/anmelden", "form", Credentials("falsch-falsch-falsch"));
        var (second, _) = await throughB.SubmitAsync("/admin/anmelden", "form", Credentials("falsch-falsch-falsch"));
        var (third, _) = await throughA.SubmitAsync("/admin/anmelden", "form", Credentials(AdminClient.Password));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.Contains("Retry-After"));
        await TestRedis.DeleteKeysAsync(prefix);
    }

    /// <summary>
    /// Redis down from the start. The login form itself cannot be shown here: the Data Protection keys live in Redis
    /// and cannot be read (the form's antiforgery token fails), so the throttle is asked directly, as the form would.
    /// </summary>
    [Fact]
    public async Task RedisUnreachable_SearchAndTheThrottleCountPerNode_WithoutA500OrAWait_LoggedOnce()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        var logs = new LogCapture();
        var settings = Servers(schema, "127.0.0.1:" + FreePort(), "t-" + Guid.NewGuid().ToString("N"), ("NewsSite:SearchRequestsPerMinute", "3"));
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder()) { Settings = settings, Logs = logs };
        var throttle = site.Services.GetRequiredService<LoginThrottle>();
        var timer = Stopwatch.StartNew();

        var searches = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            searches.Add((await site.SendAsync($"/suche?q=wort{i}")).StatusCode);
        }

        var waits = new List<TimeSpan?>();
        for (var attempt = 0; attempt < LoginThrottle.FreePairFailures; attempt++)
        {
            waits.Add(await throttle.AdmitAsync("anna", Address));
            await throttle.RecordFailureAsync("anna", Address);
        }

        var locked = await throttle.AdmitAsync("anna", Address);
        var elapsed = timer.Elapsed;

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], searches);
        Assert.All(waits, Assert.Null);
        Assert.NotNull(locked);

        // A second's timeout per count would be well over this: the counts never waited for Redis.
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"{elapsed.TotalSeconds:0.0} s");
        var fallbacks = logs.Events.Where(e => LogCapture.Describe(e).Contains("Anmelde- und Anfragezähler nicht erreichbar", StringComparison.Ordinal)).ToList();
        Assert.Single(fallbacks);
        Assert.Equal(Serilog.Events.LogEventLevel.Warning, fallbacks[0].Level);
    }

    [Fact]
    public async Task RedisGoingAway_FallsBackToTheNodesOwnCounts_AndBackToTheSharedOnes_WithoutA500()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        var redis = TestRedis.Require().Split(':');
        await using var proxy = new TcpProxy(redis[0], int.Parse(redis[1], System.Globalization.CultureInfo.InvariantCulture));
        var prefix = "t-" + Guid.NewGuid().ToString("N");
        var logs = new LogCapture();
        var settings = Servers(schema, "127.0.0.1:" + proxy.Port, prefix, ("NewsSite:SearchRequestsPerMinute", "2"));

        // The shared bucket on a clock that stands still, so that it refills nothing while the test waits.
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(), clock: new TestClock(DateTimeOffset.UtcNow)) { Settings = settings, Logs = logs };
        await AdminClient.EnsureAccountAsync(site, "anna");
        using var owner = new AdminClient(site, "198.51.100.7");
        using var attacker = new AdminClient(site, Address);
        var (_, ownersForm) = await owner.GetAsync("/admin/anmelden");
        var (_, attackersForm) = await attacker.GetAsync("/admin/anmelden");
        Assert.Equal(HttpStatusCode.OK, (await site.SendAsync("/suche?q=eins")).StatusCode);
        Assert.True(await TestRedis.ExistsAsync(prefix + ":rate:suche:unbekannt"));

        proxy.Cut();
        var searches = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            searches.Add((await site.SendAsync($"/suche?q=ohne{i}")).StatusCode);
        }

        var logins = new List<HttpStatusCode>();
        for (var attempt = 0; attempt <= LoginThrottle.FreePairFailures; attempt++)
        {
            logins.Add((await attacker.SubmitAsync(attackersForm, "/admin/anmelden", "form", Credentials($"falsch-{attempt}-xxxxxxxx"))).Response.StatusCode);
        }

        var (ownersLogin, _) = await owner.SubmitAsync(ownersForm, "/admin/anmelden", "form", Credentials(AdminClient.Password));

        proxy.Restore();
        var connection = site.Services.GetRequiredService<SharedRedis>().Connection!;
        for (var waited = 0; !connection.IsConnected && waited < 100; waited++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        // After a failure the node leaves Redis alone for a few seconds before it tries again.
        await Task.Delay(SharedCounts.RetryAfterFailure, TestContext.Current.CancellationToken);
        var after = (await site.SendAsync("/suche?q=zurueck")).StatusCode;

        // While cut, the node's own counts: two searches, then 429; five failures, then the pair waits; the owner is in.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], searches);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, LoginThrottle.FreePairFailures), HttpStatusCode.TooManyRequests], logins);
        Assert.Equal(HttpStatusCode.Redirect, ownersLogin.StatusCode);

        // Back on Redis, the shared bucket still holds the first search's count: one more, then 429.
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await site.SendAsync("/suche?q=noch")).StatusCode);
        Assert.Single(logs.Events, e => LogCapture.Describe(e).Contains("Anmelde- und Anfragezähler nicht erreichbar", StringComparison.Ordinal));
        await TestRedis.DeleteKeysAsync(prefix);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
