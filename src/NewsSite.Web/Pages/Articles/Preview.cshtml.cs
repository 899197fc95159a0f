using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;
using NewsSite.Core.Previews;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;

namespace NewsSite.Web.Pages.Articles;

/// <summary>
/// An unpublished article behind a preview link (decision 0020), rendered as its page will be, under a banner. Every
/// answer, the 404 included, says noindex and no-store and sends no referrer: the token is in the address. A link that
/// is unknown, malformed, revoked or expired, or whose article is in the trash, gets the site's plain 404, so that it
/// tells nothing about any article; once the article is published, an active link sends readers on for good.
/// </summary>
[KeptOutOfPageCache("Shows an unpublished article to the holder of one link; stored nowhere, so it never answers anyone else and evicts nothing.")]
public sealed class PreviewModel(IPreviewLinkStore links, TimeProvider clock) : PageModel
{
    public const string Robots = "noindex, nofollow";

    public PublishedArticle Article { get; private set; } = null!;

    public DateTimeOffset ExpiresAt { get; private set; }

    private const string Prefix = "/vorschau/";

    public static string PathOf(string token) => Prefix + token;

    /// <summary>A request path for the log: a preview's token replaced by "…".</summary>
    public static string WithoutToken(string path) =>
        path is not null && path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && path.Length > Prefix.Length ? Prefix + "…" : path!;

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        var headers = Response.Headers;
        headers.CacheControl = "no-store, private";
        headers["X-Robots-Tag"] = Robots;
        headers["Referrer-Policy"] = "no-referrer";

        // Anything that cannot be a token is not looked up at all.
        if (!PreviewToken.IsWellFormed(token))
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        var target = await links.FindAsync(PreviewToken.Hash(token!), now, cancellationToken);
        if (target is null || target.Link.StateAt(now) != PreviewLinkState.Active || target.ArticleState == PreviewArticleState.Trashed)
        {
            return NotFound();
        }

        if (target.ArticleState == PreviewArticleState.Published)
        {
            return RedirectPermanent(SiteUrls.ArticlePath(target.Article.Slug));
        }

        Article = target.Article;
        ExpiresAt = target.Link.ExpiresAt;
        return Page();
    }
}
