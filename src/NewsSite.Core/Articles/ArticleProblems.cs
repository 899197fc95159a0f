namespace NewsSite.Core.Articles;

/// <summary>
/// The problems found so far in one article source. Checks that throw <see cref="ArticleFormatException"/> run
/// through <see cref="Try{T}"/>, so that one wrong field does not hide the next: an editor fixes a file once, not
/// once per mistake.
/// </summary>
public sealed class ArticleProblems(string sourceName) : IEnumerable<ArticleProblem>
{
    private readonly List<ArticleProblem> _problems = [];

    public int Count => _problems.Count;

    public void Add(ArticleProblem problem)
    {
        if (!_problems.Contains(problem))
        {
            _problems.Add(problem);
        }
    }

    public void AddRange(IEnumerable<ArticleProblem> problems)
    {
        foreach (var problem in problems)
        {
            Add(problem);
        }
    }

    /// <summary>
    /// The check's result, or <paramref name="fallback"/> with its problems noted when it failed. A field that
    /// already has a problem (a line YAML could not read) gets no second one for the same cause ("Der Titel fehlt").
    /// </summary>
    public T Try<T>(Func<T> check, T fallback)
    {
        try
        {
            return check();
        }
        catch (ArticleFormatException e)
        {
            AddRange(e.Problems.Where(p => p.Field is null || !_problems.Any(known => known.Field == p.Field)));
            return fallback;
        }
    }

    public void Try(Action check) => Try(() => { check(); return true; }, false);

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            // In the file's order, as an editor reads it; problems of the file as a whole last.
            throw new ArticleFormatException(sourceName, [.. _problems.OrderBy(p => p.Line ?? int.MaxValue)]);
        }
    }

    public IEnumerator<ArticleProblem> GetEnumerator() => _problems.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
