using NewsSite.Core.Articles;
using NewsSite.Core.Images;

namespace NewsSite.Web.Pages.Admin.Articles;

/// <summary>
/// What the editor sees of an unsaved article: the page as readers will see it, how long it is, and the card that a
/// share on social media shows (title, summary, the 16:9 crop of the lead picture, as og:image has them).
/// </summary>
public sealed record EditorPreview(ArticleView Page, int Words, int ReadingMinutes, string Summary, string? CardImageUrl, string? CardImageAlt)
{
    public static EditorPreview Of(ArticleContent content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        var page = ArticleView.Preview(content, now);
        var card = content.LeadPicture is { } lead
            ? PictureVariants.CropUrl(PictureMarkup.Facts(lead), PictureVariants.Crops[0])
            : null;
        return new EditorPreview(page, page.Outline.WordCount, page.Outline.ReadingMinutes, content.Summary, card, content.LeadPicture?.Alt);
    }
}

/// <summary>The live preview's answer: the preview, or the problems that keep it from being rendered.</summary>
public sealed record EditorPreviewPane(EditorPreview? Preview, FieldProblems Problems);

/// <summary>The lead picture chosen in the form, as a small picture beside its fields.</summary>
public sealed record LeadImageChoice(string ThumbnailUrl, int Width, int Height)
{
    public static LeadImageChoice Of(PictureFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new LeadImageChoice(PictureVariants.WidthUrl(facts, PictureVariants.WidthsFor(facts.Width)[0], ".jpg"), facts.Width, facts.Height);
    }

    public static LeadImageChoice Of(LibraryPicture picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        return Of(new PictureFacts(picture.FileName, picture.Width, picture.Height, Path.GetExtension(picture.FileName), picture.Bytes));
    }

    public int ThumbnailHeight(int width) => (int)Math.Round(width * (double)Height / Width);
}
