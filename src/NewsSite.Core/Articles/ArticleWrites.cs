namespace NewsSite.Core.Articles;

public enum RevisionOrigin
{
    Import,
    Editor,
}

/// <summary>Where a write comes from; kept with the revision.</summary>
/// <param name="Detail">The imported file's relative path, or the editor's account name.</param>
/// <param name="SourceKey">Identifies an imported file across imports; null for editor writes.</param>
public sealed record ArticleOrigin(RevisionOrigin Kind, string Detail, string? SourceKey)
{
    public static ArticleOrigin ImportedFile(string relativePath) => new(RevisionOrigin.Import, relativePath, relativePath);

    /// <summary>
    /// An article of a generated corpus. It counts as imported from the file the generator would write for it
    /// (generate --markdown), so importing those files into the generated database finds every article unchanged.
    /// </summary>
    public static ArticleOrigin Generated(string relativePath, int seed) =>
        new(RevisionOrigin.Import, $"generiert (Seed {seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}): {relativePath}", relativePath);
}

public enum ArticleWriteKind
{
    Created,
    Updated,
    Unchanged,
}

public sealed record ArticleWriteResult(ArticleWriteKind Kind, long ArticleId, string Slug, int Revision);

/// <summary>An editor's save of one article within a batch: its new content, written only over <paramref name="ExpectedRevision"/>.</summary>
public sealed record ArticleUpdate(long ArticleId, int ExpectedRevision, ArticleContent Content);

/// <summary>One article of a batch: what was written, or why the database refused it (then nothing of it is stored).</summary>
public sealed record BatchSaveResult(ArticleWriteResult? Written, Exception? Error);

/// <summary>The write contradicts what is stored (a slug already taken); the message is German, for editors.</summary>
public sealed class ArticleConflictException(string message, string field) : Exception(message)
{
    public string Field { get; } = field;

    /// <summary>An explicit slug is a promise about a URL: it is never given a suffix or taken from another article.</summary>
    public static ArticleConflictException SlugTaken(string slug) =>
        new($"Der Slug „{slug}“ gehört bereits zu einem anderen Artikel. Bitte einen anderen wählen.", "slug");

    /// <summary>A new article from an editor whose title gives the address of an existing one.</summary>
    public static ArticleConflictException DerivedSlugTaken(string slug) =>
        new($"Es gibt schon einen Artikel unter der Adresse „/artikel/{slug}“. Um ihn zu ändern, bitte ihn im Editor öffnen; " +
            "für einen neuen Artikel einen anderen Titel oder einen eigenen Slug („slug: …“) angeben.", "slug");

    /// <summary>
    /// An exported article brings its feed key along and keeps it only if no other article has it: two articles with one
    /// feed id would be one entry to a feed reader.
    /// </summary>
    public static ArticleConflictException FeedKeyTaken(string feedKey, string holderSlug) =>
        new($"Die Feed-ID „{feedKey}“ gehört schon einem anderen Artikel (/artikel/{holderSlug}). Ist dies ein neuer Artikel, " +
            $"bitte die Zeile „{FeedKey.Field}: …“ entfernen; er bekommt dann eine eigene.", FeedKey.Field);

    /// <summary>A Ressort is chosen from the admins' list; a typo must not file the article nowhere.</summary>
    public static ArticleConflictException UnknownRessort(string given, IReadOnlyList<string> known) =>
        new(known.Count == 0
                ? $"Das Ressort „{given}“ gibt es nicht: Es sind noch keine Ressorts angelegt. Ein Admin legt sie unter " +
                  "/admin/ressorts an; bis dahin bitte die Zeile „ressort: …“ entfernen."
                : $"Das Ressort „{given}“ gibt es nicht. Bekannte Ressorts: {string.Join(", ", known)}.",
            "ressort");

    /// <summary>An article's feed key never changes, or readers would show it again as new.</summary>
    public static ArticleConflictException FeedKeyChanged(string currentFeedKey) =>
        new($"Die Feed-ID eines Artikels lässt sich nicht ändern, sonst zeigen Feed-Reader ihn als neuen Eintrag. " +
            $"Dieser Artikel hat „{currentFeedKey}“; bitte die Zeile „{FeedKey.Field}: …“ darauf zurücksetzen oder entfernen.",
            FeedKey.Field);
}

/// <summary>Someone saved the article after the editor opened it; nothing was written.</summary>
public sealed class ArticleConcurrencyException(int currentRevision, string changedBy, DateTimeOffset changedAt)
    : Exception($"Der Artikel wurde inzwischen geändert (Version {currentRevision}, von {changedBy}). Ihre Fassung wurde nicht gespeichert.")
{
    public int CurrentRevision { get; } = currentRevision;

    public string ChangedBy { get; } = changedBy;

    public DateTimeOffset ChangedAt { get; } = changedAt;
}

public sealed class ArticleNotFoundException(long articleId) : Exception($"Den Artikel {articleId} gibt es nicht.")
{
    public long ArticleId { get; } = articleId;
}
