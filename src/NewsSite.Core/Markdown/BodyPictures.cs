using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NewsSite.Core.Images;

namespace NewsSite.Core.Markdown;

/// <summary>
/// Pictures in an article's body, at write time: one of the site's own (/bilder/…) becomes a &lt;picture&gt; with
/// srcset and its size (<see cref="PictureMarkup"/>), and a figure with the Markdown title as its caption when it
/// stands alone in its paragraph (![Alt](/bilder/… "Bildunterschrift")). A picture on the site that does not exist
/// is written as its alt text and reported, never left as a broken image. Pictures from other sites (https:) stay
/// plain images.
/// </summary>
internal static class BodyPictures
{
    public static IReadOnlyList<string> Apply(MarkdownDocument document, Func<string, PictureFacts?> find)
    {
        var missing = new List<string>();
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage).ToList())
        {
            var url = image.Url?.Trim() ?? "";
            if (MarkdownRenderer.SchemeOf(url) is not null || url.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var alt = MarkdownRenderer.PlainTextOf(image);
            var facts = url.StartsWith(ImageStore.UrlPrefix, StringComparison.Ordinal) ? find(url[ImageStore.UrlPrefix.Length..]) : null;
            if (facts is null)
            {
                missing.Add(url);
                image.ReplaceBy(new LiteralInline(alt));
                continue;
            }

            if (image.Parent is { ParentBlock: ParagraphBlock paragraph } container && StandsAlone(container, image)
                && paragraph.Parent is { } parent)
            {
                var index = parent.IndexOf(paragraph);
                parent.RemoveAt(index);
                parent.Insert(index, new PictureBlock(PictureMarkup.Figure(facts, alt, image.Title, PictureMarkup.ArticleSizes)));
            }
            else
            {
                image.ReplaceBy(new PictureInline(PictureMarkup.Html(facts, alt, PictureMarkup.ArticleSizes, eager: false)));
            }
        }

        return missing;
    }

    public static void AddRenderers(HtmlRenderer renderer)
    {
        renderer.ObjectRenderers.Insert(0, new PictureBlockRenderer());
        renderer.ObjectRenderers.Insert(0, new PictureInlineRenderer());
    }

    private static bool StandsAlone(ContainerInline container, LinkInline image)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            if (inline != image && !(inline is LineBreakInline || (inline is LiteralInline literal && literal.Content.IsEmptyOrWhitespace())))
            {
                return false;
            }
        }

        return container.ParentBlock?.Parent is not null;
    }

    /// <summary>Already encoded HTML from <see cref="PictureMarkup"/>.</summary>
    private sealed class PictureBlock(string html) : LeafBlock(null)
    {
        public string Html { get; } = html;
    }

    private sealed class PictureInline(string html) : LeafInline
    {
        public string Html { get; } = html;
    }

    private sealed class PictureBlockRenderer : HtmlObjectRenderer<PictureBlock>
    {
        protected override void Write(HtmlRenderer renderer, PictureBlock obj) => renderer.EnsureLine().WriteLine(obj.Html);
    }

    private sealed class PictureInlineRenderer : HtmlObjectRenderer<PictureInline>
    {
        protected override void Write(HtmlRenderer renderer, PictureInline obj) => renderer.Write(obj.Html);
    }
}
