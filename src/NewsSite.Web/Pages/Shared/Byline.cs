using NewsSite.Core.Articles;

namespace NewsSite.Web.Pages;

/// <summary>The model of _Byline: who wrote it, linked to their page, and when.</summary>
public sealed record Byline(string AuthorName, string AuthorSlug, DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt = null)
{
    public static Byline Of(ArticleTeaser teaser)
    {
        ArgumentNullException.ThrowIfNull(teaser);
        return new Byline(teaser.AuthorName, teaser.AuthorSlug, teaser.PublishedAt);
    }

    public static Byline Of(PublishedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new Byline(article.AuthorName, article.AuthorSlug, article.PublishedAt, article.UpdatedAt);
    }
}
