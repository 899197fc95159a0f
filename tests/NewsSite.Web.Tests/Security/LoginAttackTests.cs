using System.Net;
using System.Security.Claims;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// Cross-site request forgery, session fixation and forged session cookies. Brute force, enumeration, open redirects
/// and logout by GET are in Admin/LoginTests.
/// </summary>
public class LoginAttackTests
{
    private const string TokenField = "__RequestVerificationToken";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Credentials(string name) => new() { ["name"] = name, ["password"] = AdminClient.Password };

    /// <summary>
    /// Submits a form of <paramref name="pagePath"/> as <paramref name="victim"/> would, but with the antiforgery token
    /// left out (<paramref name="token"/> null) or replaced by one another browser was given.
    /// </summary>
    private static async Task<HttpResponseMessage> ForgedSubmitAsync(
        AdminClient victim, string pagePath, string formSelector, Dictionary<string, string> values, string? button, string? token)
    {
        var (_, page) = await victim.GetAsync(pagePath);
        var form = HtmlForm.Find(page, formSelector);
        form.QuerySelector($"input[name={TokenField}]")!.Remove();
        if (token is not null)
        {
            values = new Dictionary<string, string>(values) { [TokenField] = token };
        }

        var pressed = HtmlForm.Button(form, button);
        using var content = HtmlForm.Build(form, values, null, pressed);
        return await victim.Http.PostAsync(new Uri(HtmlForm.Target(form, pressed, pagePath), UriKind.Relative), content, Token);
    }

    private static async Task<string> TokenOfAsync(AdminClient browser, string pagePath, string formSelector)
    {
        var (_, page) = await browser.GetAsync(pagePath);
        return HtmlForm.Find(page, formSelector).QuerySelector($"input[name={TokenField}]")!.GetAttribute("value")!;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Ungültige Anfrage", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith(AdminAuthentication.CookieName + "=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Login_WithoutTokenOrWithAnotherBrowsersToken_IsRefused_AndStartsNoSession(bool foreignToken)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await AdminClient.EnsureAccountAsync(site, "anna");
        using var attacker = new AdminClient(site);
        using var victim = new AdminClient(site);
        var token = foreignToken ? await TokenOfAsync(attacker, "/admin/anmelden", "form") : null;

        var response = await ForgedSubmitAsync(victim, "/admin/anmelden", "form", Credentials("anna"), null, token);

        await AssertRefusedAsync(response);
        Assert.Equal(HttpStatusCode.Redirect, (await victim.GetAsync("/admin")).Response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PasswordChange_WithoutTokenOrWithAnotherUsersToken_IsRefused_AndThePasswordStays(bool foreignToken)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var victim = await AdminClient.LoginAsync(site, "anna");
        using var attacker = await AdminClient.LoginAsync(site, "mallory");
        var token = foreignToken ? await TokenOfAsync(attacker, "/admin/konto", "main form") : null;

        var response = await ForgedSubmitAsync(victim, "/admin/konto", "main form",
            new() { ["current"] = AdminClient.Password, ["password"] = "vom-angreifer-gesetzt", ["repeat"] = "vom-angreifer-gesetzt" }, null, token);

        await AssertRefusedAsync(response);
        var accounts = site.Services.GetRequiredService<AccountService>();
        Assert.NotNull(await accounts.VerifyAsync("anna", AdminClient.Password, Token));
        Assert.Null(await accounts.VerifyAsync("anna", "vom-angreifer-gesetzt", Token));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AccountCreation_WithoutTokenOrWithAnotherUsersToken_IsRefused_AndCreatesNoAccount(bool foreignToken)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var victim = await AdminClient.LoginAsync(site, "chefin", UserRole.Admin);
        using var attacker = await AdminClient.LoginAsync(site, "mallory", UserRole.Admin);
        const string form = "form[action='/admin/konten?handler=Add']";
        var token = foreignToken ? await TokenOfAsync(attacker, "/admin/konten", form) : null;

        var response = await ForgedSubmitAsync(victim, "/admin/konten", form,
            new() { ["name"] = "hintertuer", ["role"] = "admin", ["password"] = "ein-startpasswort-123" }, null, token);

        await AssertRefusedAsync(response);
        Assert.Null(await site.Services.GetRequiredService<AccountService>().FindByNameAsync("hintertuer", Token));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NewArticle_WithoutTokenOrWithAnotherUsersToken_IsRefused_AndPublishesNothing(bool foreignToken)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var victim = await AdminClient.LoginAsync(site, "anna");
        using var attacker = await AdminClient.LoginAsync(site, "mallory");
        var token = foreignToken ? await TokenOfAsync(attacker, "/admin/artikel/neu", "form#editor") : null;

        var response = await ForgedSubmitAsync(victim, "/admin/artikel/neu", "form#editor",
            EditorSource.Form("---\ntitle: Untergeschoben\n---\n\nText.\n"), "Veröffentlichen", token);

        await AssertRefusedAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/untergeschoben")).Response.StatusCode);
    }

    /// <summary>
    /// Session fixation: whatever session cookie the browser brings to the login, a planted random one or a valid one
    /// of the attacker's own account, the login answers with a new cookie for the account that logged in, and the
    /// planted cookie never becomes a session of that account.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PlantedSessionCookie_IsReplacedAtLogin_AndNeverBecomesTheVictimsSession(bool plantValidAttackerSession)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await AdminClient.EnsureAccountAsync(site, "anna");
        string planted;
        if (plantValidAttackerSession)
        {
            using var attacker = await LoginWithJarAsync(site, "mallory", new CookieJar());
            planted = attacker.Jar[AdminAuthentication.CookieName];
        }
        else
        {
            planted = "CfDJ8" + new string('A', 200);
        }

        var jar = new CookieJar { [AdminAuthentication.CookieName] = planted };
        using var victim = await LoginWithJarAsync(site, "anna", jar);

        var session = jar[AdminAuthentication.CookieName];
        Assert.NotEqual(planted, session);
        Assert.Equal("anna", await SignedInAsAsync(site, session));
        Assert.Equal(plantValidAttackerSession ? "mallory" : null, await SignedInAsAsync(site, planted));
    }

    [Fact]
    public async Task LoggingInAgain_GivesANewCookieValue()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await AdminClient.EnsureAccountAsync(site, "anna");
        var jar = new CookieJar();
        using (await LoginWithJarAsync(site, "anna", jar))
        {
        }

        var first = jar[AdminAuthentication.CookieName];
        using (await LoginWithJarAsync(site, "anna", jar))
        {
        }

        Assert.NotEqual(first, jar[AdminAuthentication.CookieName]);
        Assert.Equal("anna", await SignedInAsAsync(site, jar[AdminAuthentication.CookieName]));
    }

    /// <summary>
    /// A cookie that carries everything a real one does (the account's id, the admin role, even the current security
    /// stamp read from the database) but is not sealed with this site's key: unsealed, sealed with another key, or a
    /// real cookie with one character changed. Each is no session.
    /// </summary>
    [Theory]
    [InlineData("unsealed")]
    [InlineData("foreign-key")]
    [InlineData("one-character-changed")]
    public async Task ForgedOrAlteredSessionCookie_IsNoSession(string forgery)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await AdminClient.EnsureAccountAsync(site, "anna", UserRole.Admin);
        var account = (await site.Services.GetRequiredService<AccountService>().FindByNameAsync("anna", Token))!;
        var ticket = new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Claim(ClaimTypes.Name, account.Name),
                    new Claim(ClaimTypes.Role, "admin"),
                    new Claim(AdminSessions.StampClaim, account.SecurityStamp),
                ],
                CookieAuthenticationDefaults.AuthenticationScheme)),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) },
            CookieAuthenticationDefaults.AuthenticationScheme);

        var cookie = forgery switch
        {
            "unsealed" => Base64UrlTextEncoder.Encode(TicketSerializer.Default.Serialize(ticket)),
            "foreign-key" => new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector(
                "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", CookieAuthenticationDefaults.AuthenticationScheme, "v2"))
                .Protect(ticket),
            _ => await AlteredRealCookieAsync(site),
        };

        Assert.Null(await SignedInAsAsync(site, cookie));
    }

    private static async Task<string> AlteredRealCookieAsync(NewsSiteFactory site)
    {
        var jar = new CookieJar();
        using (await LoginWithJarAsync(site, "anna", jar))
        {
        }

        var real = jar[AdminAuthentication.CookieName];
        Assert.Equal("anna", await SignedInAsAsync(site, real));
        var middle = real.Length / 2;
        return real[..middle] + (real[middle] == 'A' ? 'B' : 'A') + real[(middle + 1)..];
    }

    /// <summary>The account a session cookie signs in, read from the admin's header; null when it is no session.</summary>
    private static async Task<string?> SignedInAsAsync(NewsSiteFactory site, string sessionCookie)
    {
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/konto");
        request.Headers.Add("Cookie", $"{AdminAuthentication.CookieName}={sessionCookie}");
        using var response = await client.SendAsync(request, Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Token), Token);
        var label = page.QuerySelector("a[href='/admin/konto']")!.TextContent;
        return label[(label.IndexOf('(', StringComparison.Ordinal) + 1)..label.IndexOf(')', StringComparison.Ordinal)];
    }

    /// <summary>Logs in through the form with cookies kept in <paramref name="jar"/>, where a test can plant or read them.</summary>
    private static async Task<JarClient> LoginWithJarAsync(NewsSiteFactory site, string name, CookieJar jar)
    {
        await AdminClient.EnsureAccountAsync(site, name);
        var client = new JarClient(site, jar);
        var login = await client.SendAsync(HttpMethod.Get, "/admin/anmelden");
        var page = await new HtmlParser().ParseDocumentAsync(await login.Content.ReadAsStringAsync(Token), Token);
        var form = HtmlForm.Find(page, "form");
        using var content = HtmlForm.Build(form, Credentials(name), null, HtmlForm.Button(form, null));
        var posted = await client.SendAsync(HttpMethod.Post, "/admin/anmelden", content);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains(posted.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AdminAuthentication.CookieName + "=", StringComparison.Ordinal));
        return client;
    }

    /// <summary>Cookies by name, kept by hand so that a test can put any value into the browser.</summary>
    private sealed class CookieJar : Dictionary<string, string>
    {
        public CookieJar()
            : base(StringComparer.Ordinal)
        {
        }
    }

    private sealed class JarClient(NewsSiteFactory site, CookieJar jar) : IDisposable
    {
        private readonly HttpClient _http = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        public CookieJar Jar => jar;

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await _http.SendAsync(request, Token);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0];
                var (cookieName, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                if (value.Length == 0)
                {
                    jar.Remove(cookieName);
                }
                else
                {
                    jar[cookieName] = value;
                }
            }

            return response;
        }

        public void Dispose() => _http.Dispose();
    }
}
