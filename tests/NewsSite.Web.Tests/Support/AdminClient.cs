using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;

namespace NewsSite.Web.Tests.Support;

/// <summary>
/// One browser-like session against the test site: it keeps cookies, does not follow redirects (tests look at them),
/// and submits the forms the pages render, antiforgery token included.
/// </summary>
public sealed class AdminClient : IDisposable
{
    public const string Password = "ein-langes-test-passwort";

    /// <param name="address">
    /// The client address the site sees for this browser (the in-memory test server has none, so all browsers share
    /// one by default): how a test puts an attacker and an editor on different machines.
    /// </param>
    public AdminClient(NewsSiteFactory site, string? address = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (address is null)
        {
            Http = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            return;
        }

        var remote = System.Net.IPAddress.Parse(address);
        var handler = site.Server.CreateHandler(context => context.Connection.RemoteIpAddress = remote);
        Http = new HttpClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler { InnerHandler = handler })
        {
            BaseAddress = site.ClientOptions.BaseAddress,
        };
    }

    /// <summary>A browser whose requests go through <paramref name="handler"/>, e.g. a balancer in front of several nodes.</summary>
    public AdminClient(HttpMessageHandler handler, Uri baseAddress)
    {
        Http = new HttpClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler { InnerHandler = handler })
        {
            BaseAddress = baseAddress,
        };
    }

    public HttpClient Http { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Creates the account (if it does not exist) and logs in through the login form.</summary>
    public static async Task<AdminClient> LoginAsync(NewsSiteFactory site, string name = "anna", UserRole role = UserRole.Editor, string? address = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        await EnsureAccountAsync(site, name, role);
        var client = new AdminClient(site, address);
        var (response, _) = await client.SubmitAsync("/admin/anmelden", "form", new() { ["name"] = name, ["password"] = Password });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Anmeldung fehlgeschlagen: {(int)response.StatusCode}");
        }

        return client;
    }

    public static async Task EnsureAccountAsync(NewsSiteFactory site, string name, UserRole role = UserRole.Editor)
    {
        ArgumentNullException.ThrowIfNull(site);
        var accounts = site.Services.GetRequiredService<AccountService>();
        if (await accounts.FindByNameAsync(name, Token) is null)
        {
            await accounts.CreateAsync(name, role, Password, Token);
        }
    }

    public async Task<(HttpResponseMessage Response, IDocument Document)> GetAsync(string path)
    {
        var response = await Http.GetAsync(new Uri(path, UriKind.Relative), Token);
        return (response, await ParseAsync(response));
    }

    /// <summary>The edit page of the article titled <paramref name="title"/>, found in the admin's list.</summary>
    public async Task<string> EditUrlOfAsync(string title)
    {
        var (_, list) = await GetAsync("/admin");
        return list.QuerySelectorAll(".admin-table tbody td:first-child a")
            .Single(a => a.TextContent.Trim() == title).GetAttribute("href")!;
    }

    /// <summary>Loads <paramref name="pagePath"/>, fills the form and presses the button whose text contains <paramref name="button"/>.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Document)> SubmitAsync(
        string pagePath, string formSelector, Dictionary<string, string>? values = null, string? button = null,
        Dictionary<string, FormFile[]>? files = null)
    {
        var (_, page) = await GetAsync(pagePath);
        return await SubmitAsync(page, pagePath, formSelector, values, button, files);
    }

    /// <summary>Submits a form of a page already loaded (e.g. the edit page as it came back after a preview).</summary>
    public async Task<(HttpResponseMessage Response, IDocument Document)> SubmitAsync(
        IDocument page, string pagePath, string formSelector, Dictionary<string, string>? values = null, string? button = null,
        Dictionary<string, FormFile[]>? files = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var form = HtmlForm.Find(page, formSelector);
        var pressed = HtmlForm.Button(form, button);
        using var content = HtmlForm.Build(form, values, files, pressed);
        var response = await Http.PostAsync(new Uri(HtmlForm.Target(form, pressed, pagePath), UriKind.Relative), content, Token);
        return (response, await ParseAsync(response));
    }

    /// <summary>
    /// Presses a button that asks first (unpublish, trash), then the confirming button ("Ja, …") on the page that asks:
    /// the two steps a browser without JavaScript takes.
    /// </summary>
    public async Task<(HttpResponseMessage Response, IDocument Document)> SubmitConfirmedAsync(
        string pagePath, string formSelector, string? button = null, Dictionary<string, string>? values = null)
    {
        var (asked, page) = await SubmitAsync(pagePath, formSelector, values, button);
        if (asked.StatusCode != System.Net.HttpStatusCode.OK || page.QuerySelector("#confirm") is null)
        {
            throw new InvalidOperationException($"Keine Rückfrage, sondern {(int)asked.StatusCode}");
        }

        return await SubmitAsync(page, pagePath, formSelector, button: "Ja, ");
    }

    /// <summary>Follows a redirect the way the browser would, e.g. to the edit page after saving.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Document)> FollowAsync(HttpResponseMessage redirect)
    {
        ArgumentNullException.ThrowIfNull(redirect);
        var location = redirect.Headers.Location ?? throw new InvalidOperationException($"Keine Weiterleitung, sondern {(int)redirect.StatusCode}.");
        return await GetAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    /// <summary>The session cookie this browser holds now, as a "name=value" pair to replay elsewhere.</summary>
    public async Task<string> SessionCookieAsync()
    {
        // The cookie handler keeps the jar to itself; the admin's own page echoes nothing of it, so ask the request.
        using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin/konto", UriKind.Relative));
        using var response = await Http.SendAsync(probe, Token);
        return probe.Headers.TryGetValues("Cookie", out var sent)
            ? sent.SelectMany(c => c.Split("; ")).Single(c => c.StartsWith(AdminAuthentication.CookieName + "=", StringComparison.Ordinal))
            : throw new InvalidOperationException("Dieser Browser hat keine Sitzung.");
    }

    public void Dispose() => Http.Dispose();

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Token), Token);
}
