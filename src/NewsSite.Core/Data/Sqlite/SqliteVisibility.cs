namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// The public rule as SQL over <c>articles a</c> with the parameter <c>@Now</c>: one definition for every store of
/// this dialect. Also the WHERE of the partial indexes and what the counters of 0006_scale.sql count.
/// </summary>
internal static class SqliteVisibility
{
    /// <summary>Live: neither a draft nor in the trash.</summary>
    public const string LiveSql = "a.is_draft = 0 AND a.trashed_at IS NULL";

    /// <summary>Published: live, and its time has come.</summary>
    public const string VisibleSql = LiveSql + " AND a.published_at <= @Now";

    /// <summary>Scheduled: live, but not yet due.</summary>
    public const string ScheduledSql = LiveSql + " AND a.published_at > @Now";

    public static long Offset(int page, int pageSize) => (long)(page - 1) * pageSize;
}
