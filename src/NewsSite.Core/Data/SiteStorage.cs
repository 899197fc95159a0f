using NewsSite.Core.Accounts;
using NewsSite.Core.Articles;
using NewsSite.Core.SitePages;
using NewsSite.Core.Ressorts;

namespace NewsSite.Core.Data;

/// <summary>
/// Every store of one database, made together by one dialect (<see cref="Sqlite.SqliteStorage"/>): what the site
/// reads and writes goes through these contracts, so that pages, importer, uploader, caches and feeds never know which
/// database is behind them. Each store is stateless and safe to share.
/// </summary>
public sealed record SiteStorage(
    IDatabase Database,
    IDatabaseBackup Backup,
    IArticleStore Articles,
    IPublishedArticles Published,
    IArticleListings Listings,
    IEditorArticles Editing,
    IAuthorStore Authors,
    ISearchIndex Search,
    ISitemapReads Sitemaps,
    IContentJournal Journal,
    IExportReads Export,
    IUserStore Users,
    ISessionStore Sessions,
    ISitePageStore SitePages,
    IRessortStore Ressorts,
    Images.IPictureRecords Pictures,
    Images.IPictureLibrary PictureLibrary,
    Editing.IAutosaveStore Autosaves,
    Audit.IAuditLog AuditLog,
    Tags.ITagStore Tags,
    ICorrectionListings Corrections,
    Previews.IPreviewLinkStore PreviewLinks,
    // Only where several web nodes share the database (PostgreSQL, decision 0025); on SQLite the folder is the truth.
    Images.ISharedPictureFiles? PictureFiles = null);
