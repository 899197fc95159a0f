using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsSite.Core.Articles;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Pages.Authors;

/// <summary>An author's bio, if there is one, and their published articles, newest first: where the byline leads.</summary>
[CachedPublicPage(PageCacheScope.OwnTags, Paged = true)]
public sealed class AuthorModel(IAuthorStore authors, IArticleListings articles, TimeProvider clock, IOptions<NewsSiteOptions> options) : PageModel
{
    public AuthorDetails Author { get; private set; } = null!;

    public PagedList<ArticleTeaser> Articles { get; private set; } = null!;

    public Pagination Pagination => Pagination.Of(Articles, SiteUrls.AuthorPath(Author.Slug));

    public async Task<IActionResult> OnGetAsync(
        string slug, [FromQuery(Name = PageNumber.QueryName)] string? seite, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(seite, out var page))
        {
            return BadRequest();
        }

        if (!Slug.IsValid(slug))
        {
            return NotFound();
        }

        var author = await authors.FindAuthorDetailsAsync(slug, clock.GetUtcNow(), cancellationToken);
        if (author is null)
        {
            // A renamed author's former address leads to their page, with its page number (decision 0021).
            var current = await authors.FindRedirectAsync(slug, clock.GetUtcNow(), cancellationToken);
            return current is null ? NotFound() : RedirectPermanent(new Pagination(page, page, SiteUrls.AuthorPath(current)).UrlFor(page));
        }

        Author = author;
        HttpContext.TagResponse(PageCacheTags.Author(author.Slug));
        Articles = await articles.ListPublishedAsync(ArticleScope.ForAuthor(slug), page, options.Value.PageSize, clock.GetUtcNow(), cancellationToken);
        return page > Articles.TotalPages ? NotFound() : Page();
    }
}
