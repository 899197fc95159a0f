using System.Globalization;

namespace NewsSite.Core.Articles;

/// <summary>One thing wrong with an article source, in German, for the editor.</summary>
/// <param name="Field">The front matter key it concerns, or null for the file as a whole and its body.</param>
/// <param name="Hint">How to fix it, when there is more to say than the reason.</param>
public sealed record ArticleProblem(string Reason, int? Line = null, string? Field = null, string? Hint = null);

/// <summary>
/// An article source that cannot be accepted, with every problem found in it. The message is German and names the
/// file, the line and the field where known, because editors read it directly (import report, upload form).
/// </summary>
public sealed class ArticleFormatException : Exception
{
    public ArticleFormatException(string sourceName, string reason, int? line = null, string? field = null)
        : this(sourceName, [new ArticleProblem(reason, line, field)])
    {
    }

    public ArticleFormatException(string sourceName, IReadOnlyList<ArticleProblem> problems)
        : base(Compose(sourceName, problems))
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("At least one problem.", nameof(problems));
        }

        SourceName = sourceName;
        Problems = problems;
    }

    public string SourceName { get; }

    public IReadOnlyList<ArticleProblem> Problems { get; }

    public string Reason => Problems[0].Reason;

    public int? Line => Problems[0].Line;

    public string? Field => Problems[0].Field;

    private static string Compose(string sourceName, IReadOnlyList<ArticleProblem> problems) =>
        string.Join("\n", problems.Select(p => Where(sourceName, p) + ": " + p.Reason + (p.Hint is null ? "" : " Tipp: " + p.Hint)));

    private static string Where(string sourceName, ArticleProblem problem)
    {
        var where = sourceName;
        if (problem.Line is not null)
        {
            where += ", Zeile " + problem.Line.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (problem.Field is not null)
        {
            where += ", Feld „" + problem.Field + "“";
        }

        return where;
    }
}
