namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// The public rule as SQL over <c>articles a</c> with the parameter <c>@Now</c> (a timestamptz): one definition for
/// every store of this dialect, and the WHERE of the partial indexes in 0001_schema.sql.
/// </summary>
internal static class PostgresVisibility
{
    /// <summary>Live: neither a draft nor in the trash.</summary>
    public const string LiveSql = "NOT a.is_draft AND a.trashed_at IS NULL";

    /// <summary>Published: live, and its time has come.</summary>
    public const string VisibleSql = LiveSql + " AND a.published_at <= @Now";

    /// <summary>Scheduled: live, but not yet due.</summary>
    public const string ScheduledSql = LiveSql + " AND a.published_at > @Now";

    public static long Offset(int page, int pageSize) => (long)(page - 1) * pageSize;
}
