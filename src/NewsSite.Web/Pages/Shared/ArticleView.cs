using NewsSite.Core.Articles;
using NewsSite.Core.Images;
using NewsSite.Core.Markdown;

namespace NewsSite.Web.Pages;

/// <summary>
/// The model of _ArticleView: the article as readers see it. The public page and the editor's preview both render
/// through it, so the preview is the page, not an imitation of it.
/// </summary>
public sealed record ArticleView(
    string Title, Byline Byline, string BodyHtml, IReadOnlyList<TagLink> Tags, ArticleOutline Outline, LeadPicture? LeadPicture = null)
{
    /// <summary>The public corrections below the text, newest first.</summary>
    public IReadOnlyList<ArticleCorrection> Corrections { get; init; } = [];

    /// <summary>The published article, with the outline stored when it was written.</summary>
    public static ArticleView Of(PublishedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new ArticleView(article.Title, Byline.Of(article), article.BodyHtml, article.Tags, article.Outline, article.LeadPicture)
        {
            Corrections = article.Corrections,
        };
    }

    /// <summary>
    /// An unsaved article; without a date it shows the moment of the preview. The author link is the one the
    /// published article will have (a new author's page exists once the article is saved).
    /// </summary>
    public static ArticleView Preview(ArticleContent content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new ArticleView(
            content.Title,
            new Byline([.. content.AuthorNames.Select(name => new AuthorLink(name, Slug.ForAuthor(name)))], content.PublishedAt ?? now, content.UpdatedAt),
            content.BodyHtml,
            content.Tags.Select(t => new TagLink(t.Display, t.Slug)).ToList(),
            ArticleOutline.Of(content.BodyHtml),
            content.LeadPicture)
        {
            Corrections = [.. content.Corrections.Reverse()],
        };
    }
}
