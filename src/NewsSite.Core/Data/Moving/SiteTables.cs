namespace NewsSite.Core.Data.Moving;

/// <summary>
/// Which tables a move from one database to another copies, in an order in which every row's references are already
/// there (users before authors, articles before their tags and revisions), and which it leaves out and why. A table
/// that either database has and this class does not name stops the move: a later migration must decide here whether
/// its rows travel, rather than be forgotten silently.
/// </summary>
public static class SiteTables
{
    public static IReadOnlyList<string> Copied { get; } =
    [
        "users",
        "authors",
        "author_redirects",
        "author_bio_versions",
        "tags",
        "tag_aliases",
        "tag_redirects",
        "ressorts",
        "ressort_redirects",
        "articles",
        "article_totals",
        "article_tags",
        "article_authors",
        "revisions",
        "slug_redirects",
        "article_corrections",
        "preview_links",
        "content_changes",
        "search_terms",
        "site_pages",
        "site_page_versions",
        "pictures",
        "autosaves",
        "audit_log",
    ];

    /// <summary>Logins: not copied. A session names the database it was opened on; after the move everyone logs in anew.</summary>
    public const string Sessions = "sessions";

    /// <summary>The full-text index, rebuilt on the target from the copied articles by the target's own indexer.</summary>
    public const string Search = "article_search";

    /// <summary>The picture bytes, filled from the data folder's images, where the source keeps them as files.</summary>
    public const string PictureFiles = "picture_files";

    /// <summary>Rows the target's schema brings along and that hold no content of the site.</summary>
    public static IReadOnlySet<string> TargetBookkeeping { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "schema_migrations",
        "write_gate",
    };

    /// <summary>Tables the target's migration fills with a starting row, which the copy replaces.</summary>
    public static IReadOnlySet<string> Seeded { get; } = new HashSet<string>(StringComparer.Ordinal) { "article_totals" };

    public static bool IsKnownToTarget(string table) =>
        Copied.Contains(table) || TargetBookkeeping.Contains(table) || table is Sessions or Search or PictureFiles;

    public static bool IsKnownToSource(string table) => Copied.Contains(table) || table is Sessions or Search;
}
