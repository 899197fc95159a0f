using NewsSite.Core.Articles;

namespace NewsSite.Core.Data.Postgres;

/// <summary>The PostgreSQL dialect's stores over one database (or one schema of it): for sites on several web nodes.</summary>
public static class PostgresStorage
{
    /// <summary>What is wrong with <paramref name="connectionString"/>, in words for the operator; null when it can be used.</summary>
    public static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            var settings = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(settings.Host) ? "Host fehlt." : null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    /// <param name="connectionString">An Npgsql connection string (ConnectionStrings:Postgres).</param>
    /// <param name="changeSignal">Told after each committed public change; null where no cache listens (commands, tests).</param>
    public static SiteStorage Open(string connectionString, TimeProvider clock, ContentChangeSignal? changeSignal = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var database = new PostgresDatabase(connectionString, changeSignal);
        return new SiteStorage(
            Database: database,
            Backup: new PostgresBackup(),
            Articles: new PostgresArticleStore(database, clock),
            Published: new PostgresPublishedArticles(database),
            Listings: new PostgresArticleListings(database),
            Editing: new PostgresEditorArticles(database, clock),
            Authors: new PostgresAuthorStore(database, clock),
            Search: new PostgresSearchIndex(database),
            Sitemaps: new PostgresSitemapReads(database),
            Journal: new PostgresContentJournal(database, clock),
            Export: new PostgresExportReads(database),
            Users: new PostgresUserStore(database, clock),
            Sessions: new PostgresSessionStore(database),
            SitePages: new PostgresSitePageStore(database, clock),
            Ressorts: new PostgresRessortStore(database, clock),
            Pictures: new PostgresPictureRecords(database, clock),
            PictureLibrary: new PostgresPictureLibrary(database),
            Autosaves: new PostgresAutosaveStore(database),
            AuditLog: new PostgresAuditLog(database, clock),
            Tags: new PostgresTagStore(database, clock),
            Corrections: new PostgresCorrectionListings(database),
            PreviewLinks: new PostgresPreviewLinkStore(database, clock),
            PictureFiles: new PostgresPictureFiles(database, clock));
    }
}
