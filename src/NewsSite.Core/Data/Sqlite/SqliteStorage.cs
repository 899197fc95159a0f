using NewsSite.Core.Articles;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>The SQLite dialect's stores over one database file: the embedded default, nothing to install.</summary>
public static class SqliteStorage
{
    /// <param name="changeSignal">Told after each committed public change; null where no cache listens (commands, tests).</param>
    public static SiteStorage Open(string filePath, TimeProvider clock, ContentChangeSignal? changeSignal = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var database = new SqliteDatabase(filePath, changeSignal);
        return new SiteStorage(
            Database: database,
            Backup: new SqliteBackup(database, clock),
            Articles: new SqliteArticleStore(database, clock),
            Published: new SqlitePublishedArticles(database),
            Listings: new SqliteArticleListings(database),
            Editing: new SqliteEditorArticles(database, clock),
            Authors: new SqliteAuthorStore(database, clock),
            Search: new SqliteSearchIndex(database),
            Sitemaps: new SqliteSitemapReads(database),
            Journal: new SqliteContentJournal(database, clock),
            Export: new SqliteExportReads(database),
            Users: new SqliteUserStore(database, clock),
            Sessions: new SqliteSessionStore(database),
            SitePages: new SqliteSitePageStore(database, clock),
            Ressorts: new SqliteRessortStore(database, clock),
            Pictures: new SqlitePictureRecords(database, clock),
            PictureLibrary: new SqlitePictureLibrary(database),
            Autosaves: new SqliteAutosaveStore(database),
            AuditLog: new SqliteAuditLog(database, clock),
            Tags: new SqliteTagStore(database, clock),
            Corrections: new SqliteCorrectionListings(database),
            PreviewLinks: new SqlitePreviewLinkStore(database, clock));
    }

    /// <summary>The stores over <c>newssite.db</c> in <paramref name="directory"/>.</summary>
    public static SiteStorage OpenInDirectory(string directory, TimeProvider clock, ContentChangeSignal? changeSignal = null) =>
        Open(SqliteDatabase.PathIn(directory), clock, changeSignal);

    /// <summary>Closes the pooled connections of every SQLite file, so that files can be replaced or deleted.</summary>
    public static void ReleaseAllFiles() => SqliteDatabase.ReleaseAllFiles();
}
