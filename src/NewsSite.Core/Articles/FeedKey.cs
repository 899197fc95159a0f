using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsSite.Core.Articles;

/// <summary>
/// The host-independent part of an article's feed entry id, tag:&lt;host&gt;,&lt;key&gt; (RFC 4151): a day and a name,
/// "2025-03-14:artikel/7". Given once, when the article is created, and never changed, so that feed readers know an
/// edited, renamed or exported and re-imported article as the entry they have already shown.
/// </summary>
public static partial class FeedKey
{
    /// <summary>The front matter field that carries the key through an export and import.</summary>
    public const string Field = "feed-id";

    /// <summary>
    /// Only what this site writes: a real calendar day, "artikel/", the row id, and a counter after a hyphen when the
    /// plain key was taken. Anything else in the front matter is a typo and is refused rather than guessed at.
    /// </summary>
    public static bool IsValid(string? key) =>
        key is not null
        && Shape().Match(key) is { Success: true } match
        && DateOnly.TryParseExact(match.Groups["day"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    [GeneratedRegex(@"^(?<day>[0-9]{4}-[0-9]{2}-[0-9]{2}):artikel/[1-9][0-9]{0,18}(?:-[1-9][0-9]{0,8})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
