using System.Net;
using System.Text;

namespace NewsSite.Core.Markdown;

/// <summary>
/// The words of an article body as the search index needs them: tags removed, entities decoded, whitespace collapsed.
/// Meant for our own <see cref="MarkdownRenderer"/> output only, which escapes every "&lt;" and "&gt;" of text and
/// attribute values, so every "&lt;" starts a tag and the next "&gt;" ends it; it is no parser for HTML from elsewhere.
/// </summary>
public static class HtmlPlainText
{
    // Elements whose boundaries separate words: "<p>Eins</p><p>Zwei</p>" is "Eins Zwei", not "EinsZwei". Inline
    // elements (em, strong, a, code, del) join, so "Be<em>ton</em>ung" stays one word. sup is here because Markdig
    // writes footnote references as "Wort<sup>1</sup>", which must not index "wort1".
    private static readonly HashSet<string> WordSeparatingElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "div", "section", "blockquote", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "figure", "figcaption", "img", "sup", "sub",
    };

    // Of those, the ones that end a block of text: a heading followed by a paragraph is two blocks, not one sentence
    // ("Neue Strecken" / "Schwerpunkt des Plans …"), which a search excerpt has to know (FromHtmlKeepingBlocks).
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "hr", "div", "section", "blockquote", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "figure", "figcaption",
    };

    /// <summary>The text with block boundaries (paragraphs, headings, list items, table cells …) as one space each.</summary>
    public static string FromHtml(string html) => Extract(html, keepBlocks: false);

    /// <summary>
    /// The text with each block boundary as one line break ("\n") and every other run of white space as one space, so
    /// that a search excerpt can tell where a heading or paragraph ends.
    /// </summary>
    public static string FromHtmlKeepingBlocks(string html) => Extract(html, keepBlocks: true);

    private static string Extract(string html, bool keepBlocks)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length);
        var position = 0;
        while (position < html.Length)
        {
            var tagStart = html.IndexOf('<', position);
            if (tagStart < 0)
            {
                text.Append(html, position, html.Length - position);
                break;
            }

            text.Append(html, position, tagStart - position);
            var tagEnd = html.IndexOf('>', tagStart + 1);
            if (tagEnd < 0)
            {
                // Cannot come from our renderer; keep the rest as text rather than lose it.
                text.Append(html, tagStart, html.Length - tagStart);
                break;
            }

            var element = ElementName(html.AsSpan(tagStart + 1, tagEnd - tagStart - 1));
            if (keepBlocks && BlockElements.Contains(element))
            {
                text.Append(BlockBreak);
            }
            else if (WordSeparatingElements.Contains(element))
            {
                text.Append(' ');
            }

            position = tagEnd + 1;
        }

        // Decoded only now, so that an escaped "&lt;script&gt;" in the text is taken as the words it is, not as a tag.
        return CollapseWhitespace(WebUtility.HtmlDecode(text.ToString()), keepBlocks);
    }

    /// <summary>"p" from "p", "/p", "p class=…", "br /".</summary>
    private static string ElementName(ReadOnlySpan<char> tag)
    {
        tag = tag.TrimStart('/');
        var length = 0;
        while (length < tag.Length && char.IsAsciiLetterOrDigit(tag[length]))
        {
            length++;
        }

        return tag[..length].ToString();
    }

    // Stands for a block boundary while the text is built, so that a line break written in the text (between the words
    // of a paragraph, inside <pre>) stays a space. Private use: should an article contain it, it only makes one more
    // block boundary.
    private const char BlockBreak = '\uE002';

    private static string CollapseWhitespace(string text, bool keepBlocks)
    {
        var collapsed = new StringBuilder(text.Length);
        var pendingSpace = false;
        var pendingBreak = false;
        foreach (var c in text)
        {
            if (c == BlockBreak && keepBlocks)
            {
                pendingBreak = collapsed.Length > 0;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = collapsed.Length > 0;
                continue;
            }

            if (pendingBreak)
            {
                collapsed.Append('\n');
                pendingBreak = pendingSpace = false;
            }
            else if (pendingSpace)
            {
                collapsed.Append(' ');
                pendingSpace = false;
            }

            collapsed.Append(c);
        }

        return collapsed.ToString();
    }
}
