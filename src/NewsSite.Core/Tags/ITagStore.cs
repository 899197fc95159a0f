namespace NewsSite.Core.Tags;

/// <summary>
/// The editors' upkeep of tags (decision 0018): rename, merge, aliases. Each change is one unit of work; a rename or a
/// merge rewrites the <c>tags:</c> line of every article source that names the old tag (a new revision by the editor)
/// and journals exactly the articles, tags, authors and Ressorts readers see it on.
/// </summary>
public interface ITagStore
{
    /// <summary>Every tag with its counts and aliases, in German order of the name.</summary>
    /// <param name="now">Decides which articles count as published.</param>
    Task<IReadOnlyList<TagSummary>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<TagSummary?> FindAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The tag a name means, by its own name or as one of its variants, as an article naming it would get it; null for none.</summary>
    Task<TagSummary?> FindByNameAsync(TagName name, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The current slug of the tag that had <paramref name="oldSlug"/> before a rename or merge, when that tag has a
    /// published article; otherwise null, so that a redirect never confirms an embargoed name.
    /// </summary>
    Task<string?> FindRedirectAsync(string oldSlug, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the tag a new name and the slug derived from it. The old slug answers with a redirect, the old name
    /// becomes an alias (files still naming it land here), and every source naming it is rewritten.
    /// </summary>
    /// <exception cref="TagConflictException">
    /// The name is unusable, or belongs to another tag or another tag's alias: then the message suggests merging.
    /// Nothing is changed.
    /// </exception>
    /// <exception cref="TagNotFoundException">There is no such tag.</exception>
    Task<TagChange> RenameAsync(long id, string newName, string editor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every article with tag <paramref name="fromId"/> gets tag <paramref name="intoId"/> instead (once, at the
    /// earlier of the two places), the first tag disappears, its name and aliases become aliases of the second and its
    /// slugs redirect there.
    /// </summary>
    /// <exception cref="TagConflictException">A tag merged into itself.</exception>
    /// <exception cref="TagNotFoundException">Either tag does not exist.</exception>
    Task<TagChange> MergeAsync(long fromId, long intoId, string editor, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="variant"/> stand for the tag from now on. Changes no article.</summary>
    /// <exception cref="TagConflictException">The variant is unusable, is the tag's own name, an alias already, or another tag.</exception>
    /// <exception cref="TagNotFoundException">There is no such tag.</exception>
    Task<TagAlias> AddAliasAsync(long id, string variant, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends an alias. Articles keep the tag: sources that name the variant are rewritten to the tag's name, so that
    /// only files written afterwards with the variant make a tag of their own.
    /// </summary>
    /// <returns>How many sources were rewritten.</returns>
    /// <exception cref="TagNotFoundException">There is no such tag, or the variant is not one of its aliases.</exception>
    Task<int> RemoveAliasAsync(long id, string variant, string editor, CancellationToken cancellationToken = default);

    /// <summary>
    /// The aliases of a content folder's tags.yml: stored when the site has no alias yet, else ignored (from then on
    /// they are the editors'). A tag the list names that does not exist yet is created, so that its articles find it.
    /// All or nothing.
    /// </summary>
    /// <returns>The number of aliases stored: 0 when the site had some already.</returns>
    /// <exception cref="TagConflictException">An alias is another entry's tag or alias.</exception>
    Task<int> SeedAliasesAsync(IReadOnlyList<TagAliasEntry> entries, bool dryRun = false, CancellationToken cancellationToken = default);
}

/// <param name="Published">Articles readers see now with this tag.</param>
/// <param name="Articles">All articles with the tag: drafts, scheduled and trashed ones included.</param>
/// <param name="Aliases">The variants that stand for it, in German order.</param>
public sealed record TagSummary(long Id, string Name, string Slug, int Published, int Articles, IReadOnlyList<TagAlias> Aliases);

/// <param name="Variant">The spelling as an editor or tags.yml gave it.</param>
/// <param name="Key">Its normalized form (<see cref="TagName.Key"/>), which identifies it.</param>
public sealed record TagAlias(string Variant, string Key);

/// <summary>What a rename or merge did.</summary>
/// <param name="Name">The tag's name afterwards (for a merge, the one merged into).</param>
/// <param name="ArticlesMoved">Articles that carried the renamed or merged tag.</param>
/// <param name="SourcesRewritten">Of those, the articles whose source got a new revision with the new name.</param>
public sealed record TagChange(long Id, string Name, string Slug, int ArticlesMoved, int SourcesRewritten);

/// <summary>A tag with its aliases, as tags.yml lists it.</summary>
public sealed record TagAliasEntry(string Name, IReadOnlyList<string> Aliases);

/// <summary>A tag change that contradicts the tags there are (a name taken, a tag merged into itself); German, with the form field.</summary>
public sealed class TagConflictException(string message, string field) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>The tag (or alias) a change names does not exist (any more): another editor may have merged it meanwhile.</summary>
public sealed class TagNotFoundException(string message, string field) : Exception(message)
{
    public string Field { get; } = field;
}
