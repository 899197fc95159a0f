using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Pages.Articles;

/// <summary>
/// One published article with its related articles and the newest of its Ressort. Drafts, trashed and future articles answer 404 like unknown ones;
/// a former slug answers 301 to the current one.
/// </summary>
[CachedPublicPage(PageCacheScope.OwnTags)]
public sealed class ArticleModel(
    IPublishedArticles articles, RelatedArticlesCache related, RessortArticlesCache ressortArticles, TimeProvider clock, SiteUrls urls,
    IOptions<NewsSiteOptions> options) : PageModel
{
    public const int RelatedCount = 5;

    public PublishedArticle Article { get; private set; } = null!;

    public IReadOnlyList<RelatedArticle> Related { get; private set; } = [];

    /// <summary>"Mehr aus dem Ressort": the newest other articles of its Ressort; none without one.</summary>
    public IReadOnlyList<ArticleTeaser> MoreFromRessort { get; private set; } = [];

    public ArticleSharing Sharing { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        // Anything that cannot be a slug is not looked up at all.
        if (!Slug.IsValid(slug))
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        var article = await articles.FindPublishedAsync(slug, now, cancellationToken);
        if (article is null)
        {
            // An address the article had before its slug changed: send readers and search engines on, for good.
            var current = await articles.FindRedirectAsync(slug, now, cancellationToken);
            return current is null ? NotFound() : RedirectPermanent(SiteUrls.ArticlePath(current));
        }

        Article = article;
        HttpContext.TagArticlePage(article);
        Sharing = ArticleSharing.For(article, urls, options.Value.SiteName);
        Related = await related.FindAsync(article, now, RelatedCount, cancellationToken);
        MoreFromRessort = await ressortArticles.FindAsync(article, now, cancellationToken);
        return Page();
    }
}
