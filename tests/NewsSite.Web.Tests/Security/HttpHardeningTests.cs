using System.Net;
using System.Net.Sockets;
using System.Text;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Web.Hardening;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// What every response says about itself and what the server refuses before the app sees it: security headers,
/// methods, Kestrel's limits (on a real Kestrel, which the in-memory test server does not imitate), per-page body
/// limits, rate limits, health checks and the error page's request id. docs/security.md lists the reasons.
/// </summary>
public class HttpHardeningTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string slug, string title) =>
        $"---\ntitle: {title}\nslug: {slug}\nauthor: Erika Muster\ntags: [Köln]\ndate: 2025-05-01T10:00:00\n---\n\nText über {title}.\n";

    private static NewsSiteFactory Site(Dictionary<string, string?>? settings = null) => new(
        NewsSiteFactory.ContentFolder(("a.md", Article("erster", "Erster")), ("b.md", Article("zweiter", "Zweiter"))),
        clock: new TestClock(Now))
    {
        Settings = settings ?? [],
    };

    public static TheoryData<string> EveryKindOfResponse => new()
    {
        "/", "/artikel/erster", "/thema/koeln", "/suche?q=erster", "/rss.xml", "/sitemap.xml", "/gibt-es-nicht",
        "/admin/anmelden", "/admin", "/favicon.svg", "/healthz", "/healthz/ready", "/?seite=abc",
    };

    [Theory]
    [MemberData(nameof(EveryKindOfResponse))]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        await using var site = Site();

        // Twice: the second answer of a public page comes from the output cache and must say the same.
        foreach (var _ in new[] { 1, 2 })
        {
            using var response = await site.SendAsync(path);
            AssertSecurityHeaders(response);
        }
    }

    [Fact]
    public async Task ThePolicy_AllowsNoScriptAndNoInlineStyle_AndNoFraming()
    {
        var directives = HttpHardening.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);

        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.False(directives.ContainsKey("script-src"), "Scripts fall back to default-src 'none'.");
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.DoesNotContain(directives.Values.SelectMany(v => v), v => v.Contains("unsafe", StringComparison.Ordinal));

        // And the pages have nothing the policy would block: no inline style or script, no handler attribute.
        await using var site = Site();
        foreach (var path in new[] { "/", "/artikel/erster", "/suche?q=x", "/admin/anmelden" })
        {
            var (_, page) = await site.GetPageAsync(path);
            // JSON-LD is a data block: the browser never runs it, and CSP does not apply to it.
            Assert.Equal("", string.Join(" ", page.QuerySelectorAll("script:not([type='application/ld+json']), style, [style]").Select(e => path + ": " + e.OuterHtml)));
            Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task TheAdminPolicy_AllowsOnlyScriptsFromOurOrigin_AndTheAdminHasNoInlineScript()
    {
        var directives = HttpHardening.AdminContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);

        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.DoesNotContain(directives.Values.SelectMany(v => v), v => v.Contains("unsafe", StringComparison.Ordinal));

        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        foreach (var path in new[] { "/admin", "/admin/artikel/neu", "/admin/hochladen", "/admin/konto" })
        {
            var (_, page) = await editor.GetAsync(path);
            var scripts = page.QuerySelectorAll("script").ToList();
            Assert.NotEmpty(scripts);
            Assert.All(scripts, script =>
            {
                Assert.Equal("module", script.GetAttribute("type"));
                Assert.StartsWith("/js/admin/", script.GetAttribute("src"), StringComparison.Ordinal);
                Assert.Equal("", script.TextContent.Trim());
            });
            Assert.Empty(page.QuerySelectorAll("style, [style]"));
            Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Hsts_IsSentOverHttpsOnly()
    {
        await using var site = Site();
        using var https = site.CreateClient(new() { BaseAddress = new Uri("https://nachrichten.example"), AllowAutoRedirect = false });
        using var http = site.CreateClient(new() { BaseAddress = new Uri("http://nachrichten.example"), AllowAutoRedirect = false });

        using var secure = await https.GetAsync(new Uri("/", UriKind.Relative), Token);
        using var plain = await http.GetAsync(new Uri("/", UriKind.Relative), Token);

        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("TRACK")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    [InlineData("PATCH")]
    public async Task MethodsTheSiteDoesNotUse_Get405WithAllow(string method)
    {
        await using var site = Site();

        using var response = await site.SendAsync("/artikel/erster", new HttpMethod(method), ("Cookie", "geheim=1"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD, POST", string.Join(", ", response.Content.Headers.Allow));
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain("geheim", body, StringComparison.Ordinal);
        Assert.Contains("nicht unterstützt", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealServer_SendsNoServerHeader_AndAnswersHeadLikeGetWithoutABody()
    {
        await using var site = Site();
        using var client = new HttpClient { BaseAddress = site.StartOnKestrel() };

        using var get = await client.GetAsync(new Uri("/artikel/erster", UriKind.Relative), Token);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/artikel/erster", UriKind.Relative)), Token);
        using var missingHead = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/artikel/fehlt", UriKind.Relative)), Token);

        Assert.Empty(get.Headers.Server);
        Assert.False(get.Headers.Contains("Server"));
        AssertSecurityHeaders(get);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        AssertSecurityHeaders(head);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Token));
        Assert.Equal(HttpStatusCode.NotFound, missingHead.StatusCode);
        Assert.Empty(await missingHead.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public async Task RealServer_Refuses40KBOfHeaders_TooManyHeaders_AndAnOverlongRequestLine()
    {
        await using var site = Site();
        var address = site.StartOnKestrel();

        var bigHeaders = await RawAsync(address, $"GET / HTTP/1.1\r\nHost: localhost\r\nX-Fuellung: {new string('a', 40 * 1024)}\r\n\r\n");
        var manyHeaders = await RawAsync(address, "GET / HTTP/1.1\r\nHost: localhost\r\n"
            + string.Concat(Enumerable.Range(0, HttpHardening.Limits.MaxRequestHeaderCount + 1).Select(i => $"X-H{i}: 1\r\n")) + "\r\n");
        var longLine = await RawAsync(address, $"GET /suche?q={new string('a', HttpHardening.Limits.MaxRequestLineBytes)} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var umlauts = Uri.EscapeDataString(new string('ä', 5_000));
        var ordinary = await RawAsync(address, $"GET /suche?q={umlauts} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 431", bigHeaders, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 431", manyHeaders, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 414", longLine, StringComparison.Ordinal);

        // 5,000 umlauts (30,000 bytes encoded) still fit the line: the search takes the first 200 and says so.
        Assert.StartsWith("HTTP/1.1 200", ordinary, StringComparison.Ordinal);
        Assert.Contains("200 Zeichen", ordinary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/artikel/erster%00.json")]
    [InlineData("/%00/appsettings.json")]
    [InlineData("/artikel/erster\u0000")]
    public async Task RealServer_RefusesNulInThePath_BeforeTheApp(string path)
    {
        await using var site = Site();
        var address = site.StartOnKestrel();

        var answer = await RawAsync(address, $"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("MinimumLevel", answer, StringComparison.Ordinal); // a line of appsettings.json
    }

    [Fact]
    public async Task RealServer_RefusesALargeBodyOnASmallForm_Unread_ButTheUploadPageTakesIt()
    {
        await using var site = Site();
        using var client = new HttpClient { BaseAddress = site.StartOnKestrel() };
        var body = new string('x', (int)RequestBodyLimits.SmallFormBytes + 1);

        using var login = await client.PostAsync(
            new Uri("/admin/anmelden", UriKind.Relative), new StringContent("name=" + body, Encoding.UTF8, "application/x-www-form-urlencoded"), Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, login.StatusCode);
        Assert.Contains("zu groß", await login.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        // The same size is nothing for the upload form: it gets past the body limit to the login check.
        using var upload = await client.PostAsync(
            new Uri("/admin/hochladen", UriKind.Relative), new StringContent("x=" + body, Encoding.UTF8, "application/x-www-form-urlencoded"), Token);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
    }

    [Fact]
    public async Task RealServer_DropsAClientThatSendsItsBodyTooSlowly()
    {
        await using var site = Site();
        var address = site.StartOnKestrel();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /admin/anmelden HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 60000\r\n\r\nname="), Token);

        // One byte every half second would take eight hours; the server must give up long before this loop ends.
        var dropped = false;
        for (var i = 0; i < 120 && !dropped; i++)
        {
            await Task.Delay(500, Token);
            try
            {
                await stream.WriteAsync("a"u8.ToArray(), Token);
                dropped = tcp.Client.Poll(0, SelectMode.SelectRead);
            }
            catch (IOException)
            {
                dropped = true;
            }
        }

        Assert.True(dropped, "Kestrel kept a connection that sent its body at 2 bytes per second for a minute.");
    }

    [Fact]
    public async Task Search_OverItsRate_Gets429WithRetryAfterAndAGermanPage_OtherPagesDoNot()
    {
        await using var site = Site(new() { ["NewsSite:SearchRequestsPerMinute"] = "3" });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await site.SendAsync($"/suche?q=wort{i}")).StatusCode);
        }

        using var refused = await site.SendAsync("/suche?q=noch-eins");
        var (_, page) = await site.GetPageAsync("/suche?q=und-noch-eins");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("Zu viele", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await site.SendAsync("/artikel/erster")).StatusCode);
        }
    }

    [Fact]
    public async Task Login_OverItsRate_Gets429_EvenWithTheRightPassword_ButTheFormStillShows()
    {
        await using var site = Site(new() { ["NewsSite:LoginRequestsPerMinute"] = "2" });
        await AdminClient.EnsureAccountAsync(site, "anna");
        using var browser = new AdminClient(site);
        Dictionary<string, string> Credentials(string password) => new() { ["name"] = "anna", ["password"] = password };

        var (first, _) = await browser.SubmitAsync("/admin/anmelden", "form", Credentials("falsch-falsch-falsch"));
        await browser.SubmitAsync("/admin/anmelden", "form", Credentials("falsch-falsch-falsch"));
        var (third, page) = await browser.SubmitAsync("/admin/anmelden", "form", Credentials(AdminClient.Password));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.Contains("Retry-After"));
        Assert.Contains("Zu viele", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.SendAsync("/admin/anmelden")).StatusCode);
    }

    [Fact]
    public async Task ForwardedFor_IsBelievedFromATrustedProxyOnly()
    {
        await using var untrusted = Site(new() { ["NewsSite:SearchRequestsPerMinute"] = "1" });
        await using var behindProxy = Site(new() { ["NewsSite:SearchRequestsPerMinute"] = "1", ["NewsSite:TrustedProxies:0"] = "127.0.0.1" });
        using var direct = new HttpClient { BaseAddress = untrusted.StartOnKestrel() };
        using var proxied = new HttpClient { BaseAddress = behindProxy.StartOnKestrel() };

        async Task<HttpStatusCode> SearchAsFrom(HttpClient client, string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/suche?q=a" + address, UriKind.Relative));
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request, Token);
            return response.StatusCode;
        }

        // Unconfigured, a forged header cannot buy a fresh allowance; from a trusted proxy, each client has its own.
        Assert.Equal(HttpStatusCode.OK, await SearchAsFrom(direct, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SearchAsFrom(direct, "203.0.113.2"));
        Assert.Equal(HttpStatusCode.OK, await SearchAsFrom(proxied, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await SearchAsFrom(proxied, "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SearchAsFrom(proxied, "203.0.113.1"));
    }

    [Fact]
    public async Task Health_IsAliveAndReady_AndNotReadyWhenTheSchemaIsBehindOrTheDatabaseBroken()
    {
        await using var site = Site();

        using var alive = await site.SendAsync("/healthz");
        using var ready = await site.SendAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("Healthy", await alive.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("no-store", ready.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        await SiteDatabase.ExecuteAsync(site, sqlite: "PRAGMA user_version = 1;", postgres: "DELETE FROM schema_migrations;");

        using var behind = await site.SendAsync("/healthz/ready");
        using var stillAlive = await site.SendAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, behind.StatusCode);
        Assert.Equal("Unhealthy", await behind.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, stillAlive.StatusCode);
        if (TestDatabases.OnPostgres)
        {
            // A file written over is SQLite's kind of broken; it has no PostgreSQL twin.
            return;
        }

        SqliteStorage.ReleaseAllFiles();
        foreach (var file in Directory.GetFiles(site.DataDirectory, "newssite.db*"))
        {
            await File.WriteAllTextAsync(file, "kein SQLite", Token);
        }

        using var broken = await site.SendAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, broken.StatusCode);
    }

    [Fact]
    public async Task Failure_ShowsAGermanPageWithTheRequestId_NoStackTrace_AndTheSameIdIsInTheLog()
    {
        var log = new LogCapture();
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("a.md", Article("erster", "Erster")))) { Logs = log };
        Assert.Equal(HttpStatusCode.OK, (await site.SendAsync("/healthz")).StatusCode);

        await SiteDatabase.ExecuteAsync(site, sqlite: "DROP TABLE article_totals;", postgres: "DROP TABLE article_totals;");

        var (response, page) = await site.GetPageAsync("/");
        var html = page.DocumentElement.OuterHtml;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        var requestId = page.QuerySelector(".error-page__request code")!.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(requestId));
        foreach (var leak in new[] { "Exception", "article_totals", "   at ", "NewsSite.Core", "SQLite" })
        {
            Assert.DoesNotContain(leak, html, StringComparison.Ordinal);
        }

        var failure = Assert.Single(await log.WaitForAsync(e => e.Level == Serilog.Events.LogEventLevel.Error
            && LogCapture.Property(e, "RequestId") == requestId && e.MessageTemplate.Text.StartsWith("HTTP", StringComparison.Ordinal)));
        Assert.Contains(requestId, failure.RenderMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains(log.Events, e => e.Exception?.Message.Contains("article_totals", StringComparison.Ordinal) == true);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        string Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
            : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues) : "";

        // The admin may run its own scripts (progressive enhancement); reader pages none.
        var admin = response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/admin", StringComparison.Ordinal);
        Assert.Equal(admin ? HttpHardening.AdminContentSecurityPolicy : HttpHardening.ContentSecurityPolicy, Header("Content-Security-Policy"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal(HttpHardening.ReferrerPolicy, Header("Referrer-Policy"));
        Assert.Equal(HttpHardening.PermissionsPolicy, Header("Permissions-Policy"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header("Content-Security-Policy"), StringComparison.Ordinal);
    }

    /// <summary>Writes a request as raw bytes and reads what comes back until the server closes or a second passes.</summary>
    private static async Task<string> RawAsync(Uri address, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request), Token);
        var answer = new MemoryStream();
        var buffer = new byte[16 * 1024];
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(Token);
        quiet.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, quiet.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
                if (Encoding.UTF8.GetString(answer.ToArray()).Contains("</html>", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // What arrived is the answer.
        }

        return Encoding.UTF8.GetString(answer.ToArray());
    }
}
