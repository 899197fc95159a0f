using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace NewsSite.Core.Articles;

/// <summary>
/// The excerpt of a search hit, made safe to write into a page. FTS5's snippet() marks the matched words with two
/// private-use characters instead of "&lt;mark&gt;": the whole excerpt is HTML-encoded here, and only then do the
/// markers become elements. Text from the article therefore can never open a tag, and the markers cannot come from the
/// article either, because <see cref="WithoutMarkers"/> removes them from everything before it is indexed.
/// </summary>
public static class SearchSnippet
{
    public const char MatchStart = '\uE000';

    public const char MatchEnd = '\uE001';

    // ä stays ä (as on every page of the site); <, >, &, quotes and anything invisible are encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string WithoutMarkers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace(MatchStart.ToString(), "", StringComparison.Ordinal).Replace(MatchEnd.ToString(), "", StringComparison.Ordinal);
    }

    /// <summary>
    /// The excerpt as HTML with each match in &lt;mark&gt;. Markers are paired here, not trusted: a stray end marker
    /// is dropped and an open mark is closed at the end, so the result is always well-formed.
    /// </summary>
    public static string ToHtml(string snippet)
    {
        ArgumentNullException.ThrowIfNull(snippet);
        var html = new StringBuilder(snippet.Length + 32);
        var isMarked = false;
        var segmentStart = 0;
        int marker;
        while ((marker = snippet.AsSpan(segmentStart).IndexOfAny(MatchStart, MatchEnd)) >= 0)
        {
            marker += segmentStart;
            html.Append(Encoder.Encode(snippet[segmentStart..marker]));
            if (snippet[marker] == MatchStart && !isMarked)
            {
                html.Append("<mark>");
                isMarked = true;
            }
            else if (snippet[marker] == MatchEnd && isMarked)
            {
                html.Append("</mark>");
                isMarked = false;
            }

            segmentStart = marker + 1;
        }

        html.Append(Encoder.Encode(snippet[segmentStart..]));
        if (isMarked)
        {
            html.Append("</mark>");
        }

        return html.ToString();
    }
}
