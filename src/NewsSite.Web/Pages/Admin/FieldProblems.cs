using NewsSite.Core.Articles;

namespace NewsSite.Web.Pages.Admin;

/// <summary>
/// Every problem of a form, each shown beside the input it concerns (by the input's id) and all of them together in a
/// summary at the top that links to each input: the form says everything that is wrong at once, not one thing per try.
/// </summary>
public sealed class FieldProblems
{
    private readonly List<(string? Field, string Message)> _problems = [];

    public bool Any => _problems.Count > 0;

    public IEnumerable<(string? Field, string Message)> All => _problems;

    /// <param name="field">The input's id; null for a problem of the whole form.</param>
    public void Add(string? field, string message) => _problems.Add((field, message));

    /// <summary>Each problem of a source under the input its front matter key has (<paramref name="inputOf"/>).</summary>
    public void Add(ArticleFormatException error, Func<string?, string?> inputOf)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(inputOf);
        foreach (var problem in error.Problems)
        {
            var where = problem.Line is { } line ? $"Zeile {line}: " : "";
            Add(inputOf(problem.Field), where + problem.Reason + (problem.Hint is { } hint ? " Tipp: " + hint : ""));
        }
    }

    /// <summary>The messages for one input, or null when it is fine.</summary>
    public string? For(string field)
    {
        var messages = _problems.Where(p => p.Field == field).Select(p => p.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>aria-invalid for an input: "true" beside its error, else no attribute.</summary>
    public string? InvalidFlag(string field) => For(field) is null ? null : "true";

    /// <summary>aria-describedby for an input: its hint, and its error when it has one; no attribute when neither.</summary>
    public string? DescribedBy(string field, string? hint = null) =>
        string.Join(' ', new[] { hint, For(field) is null ? null : field + "-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}
