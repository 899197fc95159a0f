namespace NewsSite.Core.Import;

public enum ImportOutcome
{
    Created,
    Updated,
    Unchanged,
    Failed,
}

public enum ImportItemKind
{
    Article,

    /// <summary>A file authors/&lt;slug&gt;.md: the profile (bio) of the author with that slug.</summary>
    AuthorProfile,

    /// <summary>A file seiten/&lt;slug&gt;.md: the fixed page at /&lt;slug&gt; (Impressum, Datenschutz).</summary>
    SitePage,

    /// <summary>The file ressorts.yml: the starter list of Ressorts, stored when the site has none yet.</summary>
    RessortList,

    /// <summary>The file tags.yml: the tags' aliases, stored when the site has none yet.</summary>
    TagList,
}

/// <param name="Slug">The article's slug, or for a profile the author's.</param>
/// <param name="Reason">For a failed file: what is wrong, in German, naming file, line and field where known.</param>
/// <param name="Warnings">For a stored article: pictures it names that are missing or were refused, in German.</param>
public sealed record ImportFileResult(
    string Path, ImportOutcome Outcome, string? Slug, string? Reason, ImportItemKind Kind = ImportItemKind.Article,
    IReadOnlyList<string>? Warnings = null);

public sealed record ImportReport(string Folder, bool DryRun, IReadOnlyList<ImportFileResult> Files)
{
    public int Created => Count(ImportOutcome.Created);

    public int Updated => Count(ImportOutcome.Updated);

    public int Unchanged => Count(ImportOutcome.Unchanged);

    public int Failed => Count(ImportOutcome.Failed);

    private int Count(ImportOutcome outcome) => Files.Count(f => f.Outcome == outcome);
}
