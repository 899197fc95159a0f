using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using NewsSite.Web.Pages.Admin;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

public class LoginTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Credentials(string name, string password) => new() { ["name"] = name, ["password"] = password };

    [Fact]
    public async Task Admin_LoggedOut_RedirectsToLoginAndBackAfterLogin()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await AdminClient.EnsureAccountAsync(site, "anna");
        using var browser = new AdminClient(site);

        var (first, _) = await browser.GetAsync("/admin/hochladen");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var loginUrl = first.Headers.Location!.OriginalString;
        Assert.Equal("/admin/anmelden?returnUrl=%2Fadmin%2Fhochladen", loginUrl);

        var (login, _) = await browser.SubmitAsync(loginUrl, "form", Credentials("anna", AdminClient.Password));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/admin/hochladen", login.Headers.Location!.OriginalString);

        var (upload, page) = await browser.FollowAsync(login);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.True(upload.Headers.CacheControl!.NoStore);
        Assert.Equal("Markdown hochladen", page.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Login_ForeignReturnUrl_GoesToAdminInstead(string returnUrl)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await AdminClient.EnsureAccountAsync(site, "anna");
        using var browser = new AdminClient(site);

        var (login, _) = await browser.SubmitAsync(
            "/admin/anmelden?returnUrl=" + Uri.EscapeDataString(returnUrl), "form", Credentials("anna", AdminClient.Password));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/admin", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Login_SetsSessionCookieHttpOnlyAndLax()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await AdminClient.EnsureAccountAsync(site, "anna");
        using var browser = new AdminClient(site);

        var (login, _) = await browser.SubmitAsync("/admin/anmelden", "form", Credentials("anna", AdminClient.Password));

        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AdminAuthentication.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase); // a session cookie: gone with the browser
    }

    [Fact]
    public async Task UnknownUserAndWrongPassword_LookTheSame()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await AdminClient.EnsureAccountAsync(site, "anna");
        using var browser = new AdminClient(site);

        var (wrongPassword, wrongPage) = await browser.SubmitAsync("/admin/anmelden", "form", Credentials("anna", "falsches-passwort-123"));
        var (unknownUser, unknownPage) = await browser.SubmitAsync("/admin/anmelden", "form", Credentials("niemand", "falsches-passwort-123"));

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownUser.StatusCode);
        Assert.Equal(LoginModel.Failed, wrongPage.QuerySelector("#login-error")!.TextContent);
        Assert.Equal(LoginModel.Failed, unknownPage.QuerySelector("#login-error")!.TextContent);
        Assert.False(wrongPassword.Headers.Contains("Set-Cookie") && wrongPassword.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(AdminAuthentication.CookieName, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FiveFailures_ForAnAccount_LockItWith429AndRetryAfter_EvenForTheRightPassword()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await AdminClient.EnsureAccountAsync(site, "anna");
        using var browser = new AdminClient(site, "203.0.113.5");

        for (var attempt = 1; attempt <= LoginThrottle.FreePairFailures; attempt++)
        {
            var (failed, _) = await browser.SubmitAsync("/admin/anmelden", "form", Credentials("anna", $"falsch-{attempt}-xxxxxxxx"));
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var (locked, page) = await browser.SubmitAsync("/admin/anmelden", "form", Credentials("anna", AdminClient.Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        var retryAfter = int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, (int)LoginThrottle.FirstPairWait.TotalSeconds);
        Assert.Contains("Zu viele fehlgeschlagene Anmeldeversuche", page.QuerySelector("#login-error")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(locked.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith(AdminAuthentication.CookieName, StringComparison.Ordinal));
    }

    /// <summary>
    /// The denial of service the old lock allowed: wrong passwords for anna from anywhere locked anna out. Failures
    /// are now counted per name and address, so the attacker's address waits and anna's own does not.
    /// </summary>
    [Fact]
    public async Task FailuresFromAnotherAddress_NeverLockTheOwnerOut()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder())
        {
            Settings = new Dictionary<string, string?> { ["NewsSite:LoginRequestsPerMinute"] = "1000" },
        };
        await AdminClient.EnsureAccountAsync(site, "anna");
        using var attacker = new AdminClient(site, "203.0.113.66");
        using var owner = new AdminClient(site, "198.51.100.7");

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 3 * LoginThrottle.FreePairFailures; attempt++)
        {
            statuses.Add((await attacker.SubmitAsync("/admin/anmelden", "form", Credentials("anna", $"geraten-{attempt}-xxxxxx"))).Response.StatusCode);
        }

        var (login, _) = await owner.SubmitAsync("/admin/anmelden", "form", Credentials("anna", AdminClient.Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/admin")).Response.StatusCode);
    }

    [Fact]
    public async Task TenFailures_FromOneAddress_LockThatAddressForEveryName()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder())
        {
            // The login rate limit (ten posts a minute) would answer 429 first and hide what this test is about.
            Settings = new Dictionary<string, string?> { ["NewsSite:LoginRequestsPerMinute"] = "1000" },
        };
        await AdminClient.EnsureAccountAsync(site, "anna");
        using var browser = new AdminClient(site, "203.0.113.9");

        for (var attempt = 1; attempt <= LoginThrottle.AddressFailures; attempt++)
        {
            var (failed, _) = await browser.SubmitAsync("/admin/anmelden", "form", Credentials($"geraten{attempt}", "irgendwas-langes-1"));
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var (locked, page) = await browser.SubmitAsync("/admin/anmelden", "form", Credentials("anna", AdminClient.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Zu viele fehlgeschlagene Anmeldeversuche", page.QuerySelector("#login-error")!.TextContent, StringComparison.Ordinal);

        // Another machine is not that address: anna logs in from hers.
        using var elsewhere = await AdminClient.LoginAsync(site, "anna", address: "198.51.100.7");
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/admin")).Response.StatusCode);
    }

    [Fact]
    public async Task Logout_IsAPost_AndEndsTheSession()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var browser = await AdminClient.LoginAsync(site);

        var (get, _) = await browser.GetAsync("/admin/abmelden");
        var (stillIn, _) = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);

        var (logout, _) = await browser.SubmitAsync("/admin", "form[action='/admin/abmelden']");
        var (after, _) = await browser.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/anmelden", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsRefusedAndTheSessionStays()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var browser = await AdminClient.LoginAsync(site);

        using var forged = new FormUrlEncodedContent([]);
        var response = await browser.Http.PostAsync(new Uri("/admin/abmelden", UriKind.Relative), forged, Token);
        var (after, _) = await browser.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Ungültige Anfrage", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task PasswordChange_EndsTheAccountsOtherSessions_AndKeepsThisOne()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var laptop = await AdminClient.LoginAsync(site);
        using var phone = await AdminClient.LoginAsync(site);

        var (changed, _) = await laptop.SubmitAsync("/admin/konto", "main form",
            new() { ["current"] = AdminClient.Password, ["password"] = "ein-neues-langes-passwort", ["repeat"] = "ein-neues-langes-passwort" });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/admin")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/admin")).Response.StatusCode);
    }

    [Fact]
    public async Task PasswordChange_WithAWrongCurrentPassword_IsRefused_AndThrottled()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var browser = await AdminClient.LoginAsync(site);
        var attempt = new Dictionary<string, string> { ["current"] = "nicht-das-passwort", ["password"] = "ein-neues-langes-passwort", ["repeat"] = "ein-neues-langes-passwort" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= LoginThrottle.FreePairFailures; i++)
        {
            statuses.Add((await browser.SubmitAsync("/admin/konto", "main form", attempt)).Response.StatusCode);
        }

        Assert.All(statuses.Take(LoginThrottle.FreePairFailures), s => Assert.Equal(HttpStatusCode.UnprocessableEntity, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.NotNull(await site.Services.GetRequiredService<AccountService>().VerifyAsync("anna", AdminClient.Password, Token));
    }

    [Fact]
    public async Task RemovedAccount_LosesItsSessionAtOnce()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var browser = await AdminClient.LoginAsync(site, "bob");

        await site.Services.GetRequiredService<AccountService>().RemoveAsync("bob", Token);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin")).Response.StatusCode);
    }

    [Fact]
    public async Task Session_SurvivesARestart_BecauseKeysAreKept()
    {
        var data = Repository.NewTempDirectory();
        var content = NewsSiteFactory.ContentFolder();
        string cookie;
        string keyPrefix;
        await using (var first = new NewsSiteFactory(content, dataDirectory: data))
        {
            keyPrefix = first.RedisKeyPrefix;
            await AdminClient.EnsureAccountAsync(first, "anna");
            using var browser = new AdminClient(first);
            var (login, _) = await browser.SubmitAsync("/admin/anmelden", "form", Credentials("anna", AdminClient.Password));
            cookie = login.Headers.GetValues("Set-Cookie")
                .Single(c => c.StartsWith(AdminAuthentication.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        }

        // One node: in the data directory. Several (the PostgreSQL pass runs with Redis): in Redis, for every node
        // (and copied into the data directory, for a start while Redis is away).
        if (TestDatabases.OnPostgres)
        {
            Assert.True(await TestRedis.ListLengthAsync(keyPrefix + ":dataprotection-keys") > 0);
        }
        else
        {
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "keys"), "key-*.xml"));
        }

        await using var second = new NewsSiteFactory(content, dataDirectory: data);
        using var client = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TamperedCookie_IsNoSession()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", AdminAuthentication.CookieName + "=CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task EveryAdminPage_RefusesAnonymousVisitors()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var anonymous = new AdminClient(site);
        var routes = site.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("admin", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.Contains("admin/artikel/{id:long}", routes);
        Assert.Contains("admin/konten", routes);
        foreach (var route in routes)
        {
            var path = "/" + route.Replace("{id:long}", "1", StringComparison.Ordinal);
            using var empty = new FormUrlEncodedContent([]);
            var get = await anonymous.Http.GetAsync(new Uri(path, UriKind.Relative), Token);
            var post = await anonymous.Http.PostAsync(new Uri(path, UriKind.Relative), empty, Token);

            if (route == "admin/anmelden")
            {
                Assert.Equal(HttpStatusCode.OK, get.StatusCode);
                continue;
            }

            Assert.True(get.StatusCode == HttpStatusCode.Redirect, $"GET {path}: {(int)get.StatusCode}");
            Assert.StartsWith("/admin/anmelden", get.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"POST {path}: {(int)post.StatusCode}");
        }
    }

    [Fact]
    public async Task Editor_CannotOpenAccountManagement_AdminCan()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        using var admin = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);

        var (refused, page) = await editor.GetAsync("/admin/konten");
        var (allowed, _) = await admin.GetAsync("/admin/konten");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Kein Zugriff", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
