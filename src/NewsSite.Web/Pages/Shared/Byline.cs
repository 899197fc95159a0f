using NewsSite.Core.Articles;

namespace NewsSite.Web.Pages;

/// <summary>The model of _Byline: who wrote it, each linked to their page, and when.</summary>
public sealed record Byline(IReadOnlyList<AuthorLink> Authors, DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt = null)
{
    public static Byline Of(ArticleTeaser teaser)
    {
        ArgumentNullException.ThrowIfNull(teaser);
        return new Byline(teaser.Authors, teaser.PublishedAt);
    }

    public static Byline Of(PublishedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new Byline(article.Authors, article.PublishedAt, article.UpdatedAt);
    }

    /// <summary>
    /// What stands between the author at <paramref name="index"/> and the next: nothing after the last, „und“ before
    /// the last, a comma before the others („Von A, B und C“).
    /// </summary>
    public string SeparatorAfter(int index, string and) =>
        index >= Authors.Count - 1 ? "" : index == Authors.Count - 2 ? " " + and + " " : ", ";
}
