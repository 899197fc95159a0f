using NewsSite.Core.Articles;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>How revisions and bio versions store their origin, and a revision's row as Dapper reads it.</summary>
internal static class SqliteRevisions
{
    public static RevisionOrigin ToOrigin(string origin) => origin == "import" ? RevisionOrigin.Import : RevisionOrigin.Editor;

    public static string OriginText(RevisionOrigin origin) => origin == RevisionOrigin.Import ? "import" : "editor";

    public static Revision ToRevision(RevisionRow r) => new(
        (int)r.Number, r.Markdown, r.ContentHash, ToOrigin(r.Origin), r.OriginDetail, SqliteDates.FromText(r.CreatedAt));

    public const string SelectRevision =
        """
        SELECT number AS Number, markdown AS Markdown, content_hash AS ContentHash, origin AS Origin,
               origin_detail AS OriginDetail, created_at AS CreatedAt
        FROM revisions
        """;

    // SQLite hands back long integers and text dates; the public records get proper types.
    public sealed class RevisionRow
    {
        public long Number { get; init; }
        public string Markdown { get; init; } = "";
        public string ContentHash { get; init; } = "";
        public string Origin { get; init; } = "";
        public string OriginDetail { get; init; } = "";
        public string CreatedAt { get; init; } = "";
    }
}
