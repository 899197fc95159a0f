using System.Text;
using Markdig;
using Markdig.Extensions.SmartyPants;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Markdown;

/// <summary>
/// The one Markdown pipeline of the site. Extensions are chosen one by one rather than through
/// UseAdvancedExtensions, which would switch on generic attributes ("{onclick=…}") and raw HTML pass-through.
/// </summary>
public sealed class MarkdownRenderer
{
    public const int MaxLength = 1_000_000;

    // Real articles nest a list in a quote in a list at most; Markdig's own renderer gives up at 128.
    public const int MaxNestingDepth = 64;

    private readonly MarkdownPipeline _pipeline = BuildPipeline();

    public RenderedMarkdown Render(string markdown) => Render(markdown, out _);

    /// <param name="pictures">
    /// Finds a stored picture by file name; with it, the site's own pictures become &lt;picture&gt; elements and
    /// missing ones are reported (<see cref="BodyPictures"/>). Without it, pictures stay plain images.
    /// </param>
    public RenderedMarkdown Render(string markdown, Func<string, Images.PictureFacts?>? pictures) => Render(markdown, out _, pictures);

    /// <param name="headingIdProbes">The ids tried for the headings: the work that once grew with their square.</param>
    internal RenderedMarkdown Render(string markdown, out long headingIdProbes, Func<string, Images.PictureFacts?>? pictures = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (markdown.Length > MaxLength)
        {
            throw new UnrenderableMarkdownException(
                string.Create(System.Globalization.CultureInfo.GetCultureInfo("de-DE"),
                    $"Der Text ist zu lang ({markdown.Length:N0} Zeichen, höchstens {MaxLength:N0})."));
        }

        // Before Markdig sees the text: a parse cannot be stopped, and some texts would keep it busy for minutes.
        MarkdownBudget.Check(markdown);

        try
        {
            var document = Markdig.Markdown.Parse(markdown, _pipeline);
            EnsureShallow(document);
            RemoveUnsafeLinks(document);
            ContentPolicyFit.Apply(document);
            var missingPictures = pictures is null ? null : BodyPictures.Apply(document, pictures);
            headingIdProbes = AssignHeadingIds(document);

            using var writer = new StringWriter();
            var renderer = new HtmlRenderer(writer);
            _pipeline.Setup(renderer);
            BodyPictures.AddRenderers(renderer);
            renderer.Render(document);
            writer.Flush();
            return new RenderedMarkdown(writer.ToString(), FirstParagraph(document), missingPictures);
        }
        catch (ArgumentException e) when (e.Message.Contains("depth limit", StringComparison.OrdinalIgnoreCase))
        {
            throw UnrenderableMarkdownException.TooDeep();
        }
    }

    /// <summary>Only web and mail links, and links within the site; never javascript:, data:, vbscript:, file: …</summary>
    public static bool IsSafeUrl(string? url) => SchemeOf(url) is null or "http" or "https" or "mailto";

    /// <summary>
    /// The scheme a browser would see in <paramref name="url"/>, lower-case; null for a relative address (no colon,
    /// or a colon only in the path, query or fragment). Browsers ignore whitespace and control characters inside a
    /// scheme ("java\tscript:"), so we do too.
    /// </summary>
    internal static string? SchemeOf(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        var compact = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || compact.AsSpan(0, colon).IndexOfAny(['/', '?', '#']) >= 0 ? null : compact[..colon].ToLowerInvariant();
    }

    private static MarkdownPipeline BuildPipeline()
    {
        var quotes = new SmartyPantOptions();
        quotes.Mapping[SmartyPantType.LeftDoubleQuote] = "&bdquo;";
        quotes.Mapping[SmartyPantType.RightDoubleQuote] = "&ldquo;";

        return new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseFootnotes()
            .UseAutoLinks()
            .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
            .UseSmartyPants(quotes)
            .DisableHtml()
            .Build();
    }

    // Iterative on purpose: a recursive walk over a hostile document is what we are guarding against.
    private static void EnsureShallow(MarkdownDocument document)
    {
        var pending = new Stack<(MarkdownObject Node, int Depth)>();
        pending.Push((document, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > MaxNestingDepth)
            {
                throw UnrenderableMarkdownException.TooDeep();
            }

            switch (node)
            {
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        pending.Push((child, depth + 1));
                    }

                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push((inline, depth + 1));
                    break;
                case ContainerInline containerInline:
                    for (var child = containerInline.FirstChild; child is not null; child = child.NextSibling)
                    {
                        pending.Push((child, depth + 1));
                    }

                    break;
            }
        }
    }

    private static void RemoveUnsafeLinks(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (IsSafeUrl(link.GetDynamicUrl?.Invoke() ?? link.Url))
            {
                continue;
            }

            if (link.IsImage)
            {
                link.ReplaceBy(new LiteralInline(PlainText(link)));
                continue;
            }

            // Keep the words of the link, drop the link itself.
            while (link.FirstChild is { } child)
            {
                child.Remove();
                link.InsertBefore(child);
            }

            link.Remove();
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafeUrl(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }

    /// <returns>The ids tried (<see cref="HeadingIds.Probes"/>).</returns>
    private static long AssignHeadingIds(MarkdownDocument document)
    {
        var ids = new HeadingIds();
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            // The page's title is its only <h1>; a "# " in the body becomes a section heading.
            heading.Level = Math.Max(2, heading.Level);
            heading.GetAttributes().Id = ids.Next(Slug.FromText(PlainText(heading.Inline), fallback: "abschnitt"));
        }

        return ids.Probes;
    }

    private static string FirstParagraph(MarkdownDocument document) =>
        document.OfType<ParagraphBlock>().FirstOrDefault() is { } paragraph
            ? CollapseWhitespace(DirectionControls.Without(PlainText(paragraph.Inline)))
            : "";

    internal static string PlainTextOf(ContainerInline? container) => PlainText(container);

    private static string PlainText(ContainerInline? container)
    {
        var text = new StringBuilder();
        AppendPlainText(container, text);
        return text.ToString();
    }

    private static void AppendPlainText(ContainerInline? container, StringBuilder text)
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case SmartyPant pant:
                    text.Append(pant.Type switch
                    {
                        SmartyPantType.LeftDoubleQuote => "„",
                        SmartyPantType.RightDoubleQuote => "“",
                        SmartyPantType.LeftQuote => "‘",
                        SmartyPantType.RightQuote => "’",
                        SmartyPantType.Dash2 => "–",
                        SmartyPantType.Dash3 => "—",
                        SmartyPantType.Ellipsis => "…",
                        SmartyPantType.LeftAngleQuote => "«",
                        SmartyPantType.RightAngleQuote => "»",
                        SmartyPantType.Quote => "’",
                        SmartyPantType.DoubleQuote => "\"",
                        _ => "",
                    });
                    break;
                case Markdig.Extensions.Footnotes.FootnoteLink:
                    break;
                case ContainerInline nested:
                    AppendPlainText(nested, text);
                    break;
            }
        }
    }

    private static string CollapseWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
