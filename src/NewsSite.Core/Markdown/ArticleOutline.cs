using System.Net;
using System.Text.RegularExpressions;

namespace NewsSite.Core.Markdown;

/// <summary>A section heading of an article body: its level (2 or 3), its anchor id and its text.</summary>
public sealed record OutlineHeading(int Level, string Id, string Text);

/// <summary>
/// What a reader sees of an article's shape before reading it: the table of contents and the reading time. Read from
/// the stored body HTML, which <see cref="MarkdownRenderer"/> wrote (every heading carries an id, raw HTML was
/// escaped), so a pattern over our own markup is enough; foreign HTML never gets here.
/// </summary>
public sealed partial record ArticleOutline(IReadOnlyList<OutlineHeading> Headings, int WordCount)
{
    /// <summary>Words per minute of an attentive reader of news prose; the usual figure for German text.</summary>
    public const int WordsPerMinute = 200;

    /// <summary>Below this, a table of contents only repeats what the eye takes in at once.</summary>
    public const int MinimumHeadingsForContents = 3;

    public int ReadingMinutes => Math.Max(1, (int)Math.Ceiling(WordCount / (double)WordsPerMinute));

    public bool HasContents => Headings.Count >= MinimumHeadingsForContents;

    public static ArticleOutline Of(string bodyHtml)
    {
        ArgumentNullException.ThrowIfNull(bodyHtml);
        var headings = Heading().Matches(bodyHtml)
            .Select(m => new OutlineHeading(m.Groups["level"].Value[0] - '0', WebUtility.HtmlDecode(m.Groups["id"].Value), HtmlPlainText.FromHtml(m.Groups["inner"].Value)))
            .Where(h => h.Text.Length > 0)
            .ToList();
        return new ArticleOutline(headings, CountWords(HtmlPlainText.FromHtml(bodyHtml)));
    }

    private static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isWordCharacter = char.IsLetterOrDigit(c);
            if (isWordCharacter && !inWord)
            {
                count++;
            }

            inWord = isWordCharacter || (inWord && c is '-' or '\'' or '’');
        }

        return count;
    }

    // Only the deeper levels: h1 is the page title, and h4 and below are too fine for a table of contents.
    [GeneratedRegex("""<h(?<level>[23]) id="(?<id>[^"]+)">(?<inner>.*?)</h\k<level>>""", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Heading();
}
