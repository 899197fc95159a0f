using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Core.Articles;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Accounts;

/// <summary>
/// Every admin endpoint the app maps (each Razor Page handler and each script endpoint, found in the running app, not
/// listed by hand), requested with each role: allowed where the table says, refused with 403 everywhere else. A new
/// handler fails <see cref="EveryAdminEndpoint_HasItsRoleInTheTable"/> until someone decides who may run it.
/// </summary>
public partial class RoleAccessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The lowest role that may run each endpoint; null: open to anyone (the login).</summary>
    private static readonly Dictionary<string, UserRole?> Lowest = new()
    {
        ["GET /admin/anmelden"] = null,
        ["POST /admin/anmelden"] = null,
        ["GET /admin/abmelden"] = UserRole.Contributor,
        ["POST /admin/abmelden"] = UserRole.Contributor,
        ["GET /admin"] = UserRole.Contributor,
        ["GET /admin/konto"] = UserRole.Contributor,
        ["POST /admin/konto"] = UserRole.Contributor,
        ["POST /admin/konto EndOthers"] = UserRole.Contributor,

        // Writing: one's own drafts (the article used below is the contributor's).
        ["GET /admin/artikel/neu"] = UserRole.Contributor,
        ["GET /admin/artikel/{id}"] = UserRole.Contributor,
        ["POST /admin/artikel/neu Draft"] = UserRole.Contributor,
        ["POST /admin/artikel/{id} Draft"] = UserRole.Contributor,
        ["POST /admin/artikel/neu Save"] = UserRole.Contributor,
        ["POST /admin/artikel/{id} Save"] = UserRole.Contributor,
        ["POST /admin/artikel/neu Submit"] = UserRole.Contributor,
        ["POST /admin/artikel/{id} Submit"] = UserRole.Contributor,
        ["POST /admin/artikel/neu Preview"] = UserRole.Contributor,
        ["POST /admin/artikel/{id} Preview"] = UserRole.Contributor,
        ["POST /admin/artikel/neu LivePreview"] = UserRole.Contributor,
        ["POST /admin/artikel/{id} LivePreview"] = UserRole.Contributor,
        ["POST /admin/artikel/neu Image"] = UserRole.Contributor,
        ["POST /admin/artikel/{id} Image"] = UserRole.Contributor,
        ["POST /admin/artikel/neu PickImage"] = UserRole.Contributor,
        ["POST /admin/artikel/{id} PickImage"] = UserRole.Contributor,
        ["POST /admin/artikel/neu LeadImages"] = UserRole.Contributor,
        ["POST /admin/artikel/{id} LeadImages"] = UserRole.Contributor,
        ["POST /admin/artikel/neu/autosave"] = UserRole.Contributor,
        ["POST /admin/artikel/{id}/autosave"] = UserRole.Contributor,
        ["POST /admin/artikel/neu/autosave/verwerfen"] = UserRole.Contributor,
        ["POST /admin/artikel/{id}/autosave/verwerfen"] = UserRole.Contributor,
        ["GET /admin/artikel/{id}/versionen"] = UserRole.Contributor,
        ["GET /admin/bilder"] = UserRole.Contributor,
        ["POST /admin/bilder"] = UserRole.Contributor,
        ["GET /admin/bilder/{file}"] = UserRole.Contributor,
        ["POST /admin/bilder/hochladen"] = UserRole.Contributor,
        ["GET /admin/bilder/suche"] = UserRole.Contributor,

        // Deciding what readers see, and everything on others' articles.
        ["POST /admin Bulk"] = UserRole.Editor,
        ["POST /admin/artikel/neu Publish"] = UserRole.Editor,
        ["POST /admin/artikel/{id} Publish"] = UserRole.Editor,
        ["POST /admin/artikel/neu Approve"] = UserRole.Editor,
        ["POST /admin/artikel/{id} Approve"] = UserRole.Editor,
        ["POST /admin/artikel/neu Return"] = UserRole.Editor,
        ["POST /admin/artikel/{id} Return"] = UserRole.Editor,
        ["POST /admin/artikel/neu Trash"] = UserRole.Editor,
        ["POST /admin/artikel/{id} Trash"] = UserRole.Editor,
        ["POST /admin/artikel/neu Restore"] = UserRole.Editor,
        ["POST /admin/artikel/{id} Restore"] = UserRole.Editor,
        ["POST /admin/artikel/{id}/versionen Restore"] = UserRole.Editor,
        ["GET /admin/artikel/{id}/vorschau-links"] = UserRole.Editor,
        ["POST /admin/artikel/{id}/vorschau-links Create"] = UserRole.Editor,
        ["POST /admin/artikel/{id}/vorschau-links Revoke"] = UserRole.Editor,
        ["GET /admin/hochladen"] = UserRole.Editor,
        ["POST /admin/hochladen"] = UserRole.Editor,
        ["POST /admin/bilder/{file}"] = UserRole.Editor,
        ["POST /admin/bilder/{file} Delete"] = UserRole.Editor,
        ["GET /admin/pruefung"] = UserRole.Editor,
        ["GET /admin/autoren"] = UserRole.Editor,
        ["GET /admin/autoren/{slug}"] = UserRole.Editor,
        ["POST /admin/autoren/{slug}"] = UserRole.Editor,
        ["POST /admin/autoren/{slug} Profile"] = UserRole.Editor,
        ["GET /admin/schlagwoerter"] = UserRole.Editor,
        ["POST /admin/schlagwoerter Merge"] = UserRole.Editor,
        ["GET /admin/schlagwoerter/{id}"] = UserRole.Editor,
        ["POST /admin/schlagwoerter/{id} Rename"] = UserRole.Editor,
        ["POST /admin/schlagwoerter/{id} Merge"] = UserRole.Editor,
        ["POST /admin/schlagwoerter/{id} AddAlias"] = UserRole.Editor,
        ["POST /admin/schlagwoerter/{id} RemoveAlias"] = UserRole.Editor,

        // The site itself.
        ["GET /admin/konten"] = UserRole.Admin,
        ["POST /admin/konten Add"] = UserRole.Admin,
        ["POST /admin/konten Password"] = UserRole.Admin,
        ["POST /admin/konten Role"] = UserRole.Admin,
        ["POST /admin/konten Remove"] = UserRole.Admin,
        ["GET /admin/ressorts"] = UserRole.Admin,
        ["POST /admin/ressorts Add"] = UserRole.Admin,
        ["POST /admin/ressorts Update"] = UserRole.Admin,
        ["POST /admin/ressorts Move"] = UserRole.Admin,
        ["POST /admin/ressorts Delete"] = UserRole.Admin,
        ["GET /admin/seiten"] = UserRole.Admin,
        ["GET /admin/seiten/{slug}"] = UserRole.Admin,
        ["POST /admin/seiten/{slug}"] = UserRole.Admin,
        ["POST /admin/seiten/{slug} Delete"] = UserRole.Admin,
        ["GET /admin/protokoll"] = UserRole.Admin,
    };

    [Fact]
    public async Task EveryAdminEndpoint_HasItsRoleInTheTable()
    {
        await using var site = new NewsSiteFactory();
        var found = (await AdminEndpointsAsync(site)).Select(e => e.Key).ToHashSet();

        Assert.Empty(found.Except(Lowest.Keys).Order());
        Assert.Empty(Lowest.Keys.Except(found).Order());
    }

    [Theory]
    [InlineData(UserRole.Contributor)]
    [InlineData(UserRole.Editor)]
    [InlineData(UserRole.Admin)]
    public async Task EachRole_IsAllowedExactlyWhatTheTableSays_AndRefusedTheRest(UserRole role)
    {
        await using var site = new NewsSiteFactory();
        using var contributor = await AdminClient.LoginAsync(site, "clara", UserRole.Contributor);
        var (draft, _) = await contributor.SubmitAsync("/admin/artikel/neu", "form#editor",
            EditorSource.Form("---\ntitle: Eigener Entwurf\n---\n\nText.\n"), "Als Entwurf speichern");
        var ownDraft = draft.Headers.Location!.OriginalString.Split('/')[^1];
        using var client = role == UserRole.Contributor ? contributor : await AdminClient.LoginAsync(site, "wer-" + UserRoles.Text(role), role);
        var (_, accountPage) = await client.GetAsync("/admin/konto");
        var token = accountPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var wrong = new List<string>();
        foreach (var endpoint in (await AdminEndpointsAsync(site)).Where(e => !e.Key.Contains("/admin/abmelden", StringComparison.Ordinal)))
        {
            var allowed = Lowest[endpoint.Key] is not { } lowest || role >= lowest;
            var (status, location) = await SendAsync(client, endpoint, ownDraft, token);
            var refused = status is HttpStatusCode.Forbidden;
            var signedOut = status is HttpStatusCode.Unauthorized || location?.Contains("/admin/anmelden", StringComparison.Ordinal) == true;
            if (allowed == refused || signedOut || (int)status >= 500)
            {
                wrong.Add($"{endpoint.Key}: {(int)status} (erwartet: {(allowed ? "erlaubt" : "403")})");
            }
        }

        Assert.Empty(wrong);

        // The walk left the account signed in: no endpoint ended the session behind the test's back.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/konto")).Response.StatusCode);
        Assert.Equal(ArticleStatus.Draft, (await site.Services.GetRequiredService<IEditorArticles>()
            .FindForEditingAsync(long.Parse(ownDraft, System.Globalization.CultureInfo.InvariantCulture), Token))!.Status);
    }

    private static async Task<(HttpStatusCode Status, string? Location)> SendAsync(AdminClient client, AdminEndpoint endpoint, string articleId, string token)
    {
        var path = RouteValue().Replace(endpoint.Route, match => match.Groups[1].Value switch
        {
            "id" => articleId,
            "file" => "0123456789abcdef0123456789abcdef.jpg",
            _ => "gibt-es-nicht",
        });
        if (endpoint.Handler is { } handler)
        {
            path += "?handler=" + handler;
        }

        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), new Uri(path, UriKind.Relative));
        if (endpoint.Method == "POST")
        {
            request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        }

        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.Http.SendAsync(request, Token);
        return (response.StatusCode, response.Headers.Location?.OriginalString);
    }

    private sealed record AdminEndpoint(string Method, string Route, string? Handler)
    {
        public string Key => $"{Method} {Route}" + (Handler is null ? "" : " " + Handler);
    }

    /// <summary>Every endpoint below /admin: Razor Pages with each of their handlers, and the script endpoints.</summary>
    private static async Task<HashSet<AdminEndpoint>> AdminEndpointsAsync(NewsSiteFactory site)
    {
        var endpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var pages = site.Services.GetRequiredService<PageLoader>();
        var found = new HashSet<AdminEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var route = "/" + Constraint().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "{$1}");
            if (!route.StartsWith("/admin", StringComparison.Ordinal))
            {
                continue;
            }

            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // The handlers as Razor Pages itself finds them on the page's model.
                var compiled = await pages.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    found.Add(new AdminEndpoint(handler.HttpMethod.ToUpperInvariant(), route, handler.Name));
                }
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    found.Add(new AdminEndpoint(method, route, null));
                }
            }
        }

        return found;
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex RouteValue();
}
