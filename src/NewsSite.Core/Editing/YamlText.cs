using System.Globalization;
using System.Text;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Editing;

/// <summary>Front matter values written as YAML that <see cref="FrontMatterReader"/> reads back unchanged.</summary>
public static class YamlText
{
    /// <summary>A double-quoted scalar: no character can end it early or turn it into YAML syntax.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\t' => builder.Append(@"\t"),
                '\n' => builder.Append(@"\n"),
                _ when char.IsControl(c) => builder.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    /// <summary>
    /// The corrections: as a block list (starting with its line break, for <see cref="FrontMatterEditor"/>), one entry of
    /// two lines each, so that a new correction adds lines to the version diff rather than changing one long line.
    /// </summary>
    public static string Corrections(IEnumerable<ArticleCorrection> corrections)
    {
        ArgumentNullException.ThrowIfNull(corrections);
        var builder = new StringBuilder();
        foreach (var correction in corrections)
        {
            builder.Append("\n  - ").Append(FrontMatterReader.CorrectionDateKey).Append(": ").Append(Instant(correction.At))
                .Append("\n    ").Append(FrontMatterReader.CorrectionTextKey).Append(": ").Append(Quote(correction.Text));
        }

        return builder.ToString();
    }

    /// <summary>Newsroom (Berlin) time with its offset, to the second: unambiguous, and readable in the textarea.</summary>
    public static string Instant(DateTimeOffset instant) =>
        NewsroomTime.ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
