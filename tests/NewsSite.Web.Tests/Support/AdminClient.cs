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

    public AdminClient(NewsSiteFactory site)
    {
        ArgumentNullException.ThrowIfNull(site);
        Http = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    public HttpClient Http { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Creates the account (if it does not exist) and logs in through the login form.</summary>
    public static async Task<AdminClient> LoginAsync(NewsSiteFactory site, string name = "anna", UserRole role = UserRole.Editor)
    {
        ArgumentNullException.ThrowIfNull(site);
        await EnsureAccountAsync(site, name, role);
        var client = new AdminClient(site);
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

    /// <summary>Follows a redirect the way the browser would, e.g. to the edit page after saving.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Document)> FollowAsync(HttpResponseMessage redirect)
    {
        ArgumentNullException.ThrowIfNull(redirect);
        var location = redirect.Headers.Location ?? throw new InvalidOperationException($"Keine Weiterleitung, sondern {(int)redirect.StatusCode}.");
        return await GetAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    public void Dispose() => Http.Dispose();

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Token), Token);
}
