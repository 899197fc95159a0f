using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsSite.Core.Articles;

namespace NewsSite.Web.Pages.Articles;

/// <summary>One published article with its related articles. Drafts and future articles answer 404 like unknown ones.</summary>
public sealed class ArticleModel(ArticleRepository articles, TimeProvider clock) : PageModel
{
    public const int RelatedCount = 5;

    public PublishedArticle Article { get; private set; } = null!;

    public IReadOnlyList<RelatedArticle> Related { get; private set; } = [];

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
            return NotFound();
        }

        Article = article;
        Related = await articles.FindRelatedAsync(article.Id, now, RelatedCount, cancellationToken);
        return Page();
    }
}
