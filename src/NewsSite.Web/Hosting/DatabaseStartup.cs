using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Import;
using NewsSite.Core.SitePages;
using NewsSite.Web.SitePages;

namespace NewsSite.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>
    /// Brings the schema up to date, indexes articles the search does not know yet and, when the database holds no
    /// article yet, imports the content folder: a fresh clone shows the sample articles on first start without any
    /// extra step.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup).FullName!);
        var paths = services.GetRequiredService<SitePaths>();
        var database = services.GetRequiredService<IDatabase>();

        // A backup or restore killed midway (a kill skips every finally block) leaves database-sized copies here.
        foreach (var leftover in services.GetRequiredService<IDatabaseBackup>().RemoveLeftoverFiles())
        {
            logger.LogWarning("Übrig gebliebene Datei einer abgebrochenen Sicherung oder Wiederherstellung entfernt: {File}", leftover);
        }

        var applied = await database.MigrateAsync(cancellationToken);
        logger.LogInformation("Datenbank {DatabaseFile} bereit, Schema-Version {SchemaVersion} ({Applied} Migrationen angewandt)",
            database.Location, database.LatestSchemaVersion, applied);

        // Articles written before search existed (schema version 3) get their search rows; later starts find none.
        var indexed = await services.GetRequiredService<ISearchIndex>().IndexUnindexedArticlesAsync(cancellationToken);
        if (indexed > 0)
        {
            logger.LogInformation("Suchindex: {Indexed} Artikel nachgetragen", indexed);
        }

        // Articles stored before outlines were kept (schema 7) get theirs once, so that no page view computes one.
        var outlined = await services.GetRequiredService<IArticleStore>().FillMissingOutlinesAsync(cancellationToken);
        if (outlined > 0)
        {
            logger.LogInformation("Gliederungen: {Outlined} Artikel nachgetragen", outlined);
        }

        if (await services.GetRequiredService<IArticleStore>().CountAsync(cancellationToken) == 0)
        {
            await ImportContentFolderAsync(services, paths, logger, cancellationToken);
        }

        // A German site without an Impressum breaks the law (§ 5 DDG); an operator should hear of it before a reader does.
        if (services.GetRequiredService<IHostEnvironment>().IsProduction()
            && await services.GetRequiredService<ISitePageStore>().FindAsync(SitePageDirectory.ImprintSlug, cancellationToken) is null)
        {
            logger.LogWarning("Die Website hat kein Impressum ({ImprintPath}). Bitte im Admin-Bereich unter „Seiten“ anlegen " +
                "oder als {ImprintFile} im Inhaltsordner importieren", "/" + SitePageDirectory.ImprintSlug,
                $"{SitePageFiles.Folder}/{SitePageDirectory.ImprintSlug}.md");
        }
    }

    private static async Task ImportContentFolderAsync(IServiceProvider services, SitePaths paths, ILogger logger, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(paths.ContentDirectory))
        {
            logger.LogWarning("Die Datenbank ist leer und der Inhaltsordner {ContentDirectory} existiert nicht; es wird nichts importiert",
                paths.ContentDirectory);
            return;
        }

        var report = await services.GetRequiredService<ArticleImporter>().ImportFolderAsync(paths.ContentDirectory, cancellationToken: cancellationToken);
        foreach (var failure in report.Files.Where(f => f.Outcome == ImportOutcome.Failed))
        {
            logger.LogWarning("Import fehlgeschlagen: {Reason}", failure.Reason);
        }

        foreach (var file in report.Files.Where(f => f.Warnings is not null))
        {
            foreach (var warning in file.Warnings!)
            {
                logger.LogWarning("Import von {File}: {Warning}", file.Path, warning);
            }
        }

        logger.LogInformation("Erstimport aus {ContentDirectory}: {Created} neu, {Failed} fehlgeschlagen",
            report.Folder, report.Created, report.Failed);
    }
}
