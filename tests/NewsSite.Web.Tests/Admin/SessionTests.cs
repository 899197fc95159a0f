using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

/// <summary>
/// Sessions end on the server (AdminSessions): a copy of a cookie, taken before logout or before a change to the
/// account, opens nothing afterwards, and no session outlives its idle or absolute limit.
/// </summary>
public class SessionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>What a copied cookie opens: the status of /admin for a client that sends only that cookie.</summary>
    private static async Task<HttpStatusCode> ReplayAsync(NewsSiteFactory site, string cookie)
    {
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, Token);
        return response.StatusCode;
    }

    [Fact]
    public async Task Logout_EndsTheSessionOnTheServer_ACopyOfTheCookieOpensNothing()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var browser = await AdminClient.LoginAsync(site);
        var copied = await browser.SessionCookieAsync();
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(site, copied));

        var (logout, _) = await browser.SubmitAsync("/admin", "form[action='/admin/abmelden']");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(site, copied));
    }

    [Fact]
    public async Task PasswordChange_CopiesOfEveryCookieFromBefore_OpenNothing_TheNewOneDoes()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var laptop = await AdminClient.LoginAsync(site);
        using var phone = await AdminClient.LoginAsync(site);
        var laptopBefore = await laptop.SessionCookieAsync();
        var phoneBefore = await phone.SessionCookieAsync();

        await laptop.SubmitAsync("/admin/konto", "main form",
            new() { ["current"] = AdminClient.Password, ["password"] = "ein-neues-langes-passwort", ["repeat"] = "ein-neues-langes-passwort" });

        var laptopAfter = await laptop.SessionCookieAsync();
        Assert.NotEqual(laptopBefore, laptopAfter);
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(site, laptopBefore));
        Assert.Equal(HttpStatusCode.Redirect, await ReplayAsync(site, phoneBefore));
        Assert.Equal(HttpStatusCode.OK, await ReplayAsync(site, laptopAfter));
    }

    [Fact]
    public async Task ASessionKeptInUse_EndsAfterItsAbsoluteLifetime()
    {
        var clock = new TestClock(Start);
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(), clock: clock);
        using var browser = await AdminClient.LoginAsync(site);

        // Busy all day: every half hour, well within the idle limit.
        var open = TimeSpan.Zero;
        while (open + TimeSpan.FromMinutes(30) < AdminSessions.AbsoluteLimit)
        {
            clock.Advance(TimeSpan.FromMinutes(30));
            open += TimeSpan.FromMinutes(30);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).Response.StatusCode);
        }

        clock.Advance(AdminSessions.AbsoluteLimit - open);
        var (ended, _) = await browser.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/admin/anmelden", ended.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASessionLeftUnused_EndsAfterTheIdleLimit_AndUseMovesThatLimit()
    {
        var clock = new TestClock(Start);
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(), clock: clock);
        using var used = await AdminClient.LoginAsync(site, "anna");
        using var left = await AdminClient.LoginAsync(site, "ben");

        clock.Advance(AdminSessions.IdleLimit - TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, (await used.GetAsync("/admin")).Response.StatusCode);
        clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Redirect, (await left.GetAsync("/admin")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await used.GetAsync("/admin")).Response.StatusCode);
    }

    [Fact]
    public async Task TheAccountPage_ListsItsSessions_AndEndsAllOthers()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var laptop = await AdminClient.LoginAsync(site, address: "198.51.100.7");
        using var phone = await AdminClient.LoginAsync(site, address: "203.0.113.20");
        using var other = await AdminClient.LoginAsync(site, "ben");

        var (_, page) = await laptop.GetAsync("/admin/konto");
        var rows = page.QuerySelectorAll("#sessions tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Single(rows, r => r.Contains("198.51.100.7", StringComparison.Ordinal) && r.Contains("(diese Sitzung)", StringComparison.Ordinal));
        Assert.Single(rows, r => r.Contains("203.0.113.20", StringComparison.Ordinal) && !r.Contains("(diese Sitzung)", StringComparison.Ordinal));

        var (ended, _) = await laptop.SubmitAsync("/admin/konto", "form[action='/admin/konto?handler=EndOthers']");

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/admin")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/admin")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/admin")).Response.StatusCode);
    }

    [Fact]
    public async Task ARoleChangeInTheAdmin_EndsTheAccountsSessions()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var admin = await AdminClient.LoginAsync(site, "chefin", UserRole.Admin);
        using var editor = await AdminClient.LoginAsync(site, "erika");

        var (changed, _) = await admin.SubmitAsync("/admin/konten", "form:has(input[name='name'][value='erika'])[action='/admin/konten?handler=Role']",
            new() { ["role"] = "admin" });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(UserRole.Admin, (await site.Services.GetRequiredService<AccountService>().FindByNameAsync("erika", Token))!.Role);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.GetAsync("/admin")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/konten")).Response.StatusCode);
    }

    [Fact]
    public async Task Logout_AndRefusedSessions_AreLogged()
    {
        var logs = new LogCapture();
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder())
        {
            Logs = logs,
            Settings = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" },
        };
        using var browser = await AdminClient.LoginAsync(site);
        var copied = await browser.SessionCookieAsync();

        await browser.SubmitAsync("/admin", "form[action='/admin/abmelden']");
        await ReplayAsync(site, copied);

        bool Logged(string template) => logs.Events.Any(e =>
            e.MessageTemplate.Text.StartsWith(template, StringComparison.Ordinal) && LogCapture.Property(e, "Account") == "anna");
        Assert.True(Logged("{Account} hat sich abgemeldet"), string.Join(Environment.NewLine, logs.Events.Select(LogCapture.Describe)));
        Assert.True(Logged("Sitzung von {Account} (von {Address}) abgelehnt"));
    }
}
