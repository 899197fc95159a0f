namespace NewsSite.Core.Articles;

/// <summary>A search to offer instead ("Meinten Sie: Ukraine?"): the reader's words, the misspelt ones corrected.</summary>
/// <param name="Text">What to search for, to show and to put into the link to /suche.</param>
public sealed record SearchSuggestion(string Text)
{
    /// <summary>
    /// A search with fewer hits than this is offered a correction, and only its words with fewer published articles
    /// than this are corrected: a word in three articles is taken to be meant.
    /// </summary>
    public const int FewHits = 3;
}
