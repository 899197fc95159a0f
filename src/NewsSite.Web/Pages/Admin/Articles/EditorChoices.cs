using NewsSite.Core.Articles;
using NewsSite.Core.Ressorts;

namespace NewsSite.Web.Pages.Admin.Articles;

/// <summary>What the article form offers to pick from.</summary>
/// <param name="Tags">The most used tags first, for suggestions; an editor may still type a new one.</param>
public sealed record EditorChoiceLists(IReadOnlyList<string> Ressorts, IReadOnlyList<string> Authors, IReadOnlyList<string> Tags)
{
    public static EditorChoiceLists None { get; } = new([], [], []);
}

/// <summary>Reads the lists the article form suggests from: Ressorts, authors, and the tags in use.</summary>
public sealed class EditorChoices(IRessortStore ressorts, IAuthorStore authors, IArticleListings listings, TimeProvider clock)
{
    /// <summary>Enough for every tag a newsroom uses often; a site with thousands would not want them all in each form.</summary>
    public const int MaxTagSuggestions = 400;

    public async Task<EditorChoiceLists> LoadAsync(CancellationToken cancellationToken)
    {
        var ressortList = await ressorts.ListAsync(cancellationToken);
        var authorList = await authors.ListAuthorsForEditorsAsync(cancellationToken);
        var tags = await listings.ListTagsWithArticlesAsync(clock.GetUtcNow(), cancellationToken);
        return new EditorChoiceLists(
            [.. ressortList.Select(r => r.Name)],
            [.. authorList.Select(a => a.Name)],
            [.. tags.OrderByDescending(t => t.Count).Take(MaxTagSuggestions).Select(t => t.Name)]);
    }

    /// <summary>The byline a new article starts with: the name of the profile linked to the account; null without one.</summary>
    public Task<string?> BylineForAsync(string account, CancellationToken cancellationToken) =>
        authors.FindNameForAccountAsync(account, cancellationToken);
}
