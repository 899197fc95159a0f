using System.Globalization;

namespace NewsSite.Core.Articles;

/// <summary>
/// An article source that cannot be accepted. The message is German and names the file, the line and the field
/// where known, because editors read it directly (import report, upload form).
/// </summary>
public sealed class ArticleFormatException : Exception
{
    public ArticleFormatException(string sourceName, string reason, int? line = null, string? field = null)
        : base(Compose(sourceName, reason, line, field))
    {
        SourceName = sourceName;
        Reason = reason;
        Line = line;
        Field = field;
    }

    public string SourceName { get; }

    public string Reason { get; }

    public int? Line { get; }

    public string? Field { get; }

    private static string Compose(string sourceName, string reason, int? line, string? field)
    {
        var where = sourceName;
        if (line is not null)
        {
            where += ", Zeile " + line.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (field is not null)
        {
            where += ", Feld „" + field + "“";
        }

        return where + ": " + reason;
    }
}
