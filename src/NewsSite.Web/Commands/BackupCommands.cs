using System.Globalization;
using NewsSite.Core;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Export;
using NewsSite.Core.Images;
using NewsSite.Core.SitePages;
using NewsSite.Web.Hosting;
using NewsSite.Web.Images;

namespace NewsSite.Web.Commands;

/// <summary>
/// backup, restore and export (see docs/operations.md, "Data"). All three may run while the site serves: the copies
/// go through SQLite, never around it. Pictures live as files beside the database, so a backup copies them into
/// &lt;datei&gt;.images/ and a restore adds them back; being named by their content, they are never overwritten.
/// </summary>
internal static class BackupCommands
{
    public const string BackupUsage = "Aufruf: backup <datei> [--force]   (--force ersetzt eine vorhandene Datei)";
    public const string RestoreUsage =
        "Aufruf: restore <datei> [--accounts-from-backup]   (ohne: die jetzigen Konten, Passwörter und Sitzungen bleiben; " +
        "mit: die Konten der Sicherung, alle Sitzungen enden)";
    public const string ExportUsage = "Aufruf: export <ordner>";

    /// <summary>The folder beside a backup file that holds its pictures.</summary>
    public static string ImagesBeside(string backupFile) => backupFile + ".images";

    public static async Task<int> BackupAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var force = args.Contains("--force", StringComparer.Ordinal);
        var files = args.Where(a => a != "--force").ToList();
        if (files.Count != 1 || files[0].StartsWith('-'))
        {
            await output.WriteLineAsync(BackupUsage);
            return 2;
        }

        var target = CommandLine.ResolveUserPath(files[0]);
        DatabaseFileReport report;
        try
        {
            report = await Backup(services).BackupAsync(target, force);
        }
        catch (DatabaseBackupException e)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }

        await output.WriteLineAsync($"Sicherung der Datenbank {services.GetRequiredService<IDatabase>().Location}:");
        await WriteFileReportAsync(report, output);
        if (!report.IsSound)
        {
            await output.WriteLineAsync("Die Sicherung ist fehlerhaft und wurde nicht gespeichert.");
            return 1;
        }

        // After the database: every picture an article in the copy shows was stored before that article was saved.
        var images = await ImageFolder.CopyMissingAsync(
            ArticleImages.Folder(services.GetRequiredService<SitePaths>()), ImagesBeside(report.FilePath));
        await output.WriteLineAsync(
            $"  Bilder:       {images.Copied} kopiert nach {ImagesBeside(report.FilePath)} ({images.AlreadyPresent} schon dort)");
        await output.WriteLineAsync("Sicherung fertig.");
        return 0;
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var fromBackup = args.Contains(AccountsFromBackupFlag, StringComparer.Ordinal);
        var files = args.Where(a => a != AccountsFromBackupFlag).ToList();
        if (files is not [var file] || file.StartsWith('-'))
        {
            await output.WriteLineAsync(RestoreUsage);
            return 2;
        }

        var source = CommandLine.ResolveUserPath(file);
        RestoreReport report;
        try
        {
            report = await Backup(services).RestoreAsync(source, fromBackup ? RestoreAccounts.FromBackup : RestoreAccounts.KeepLive);
        }
        catch (DatabaseBackupException e)
        {
            await output.WriteLineAsync(e.Message);
            await output.WriteLineAsync("Nichts wurde geändert.");
            return 1;
        }

        await output.WriteLineAsync($"Wiederhergestellt aus {report.Source.FilePath}:");
        await WriteFileReportAsync(report.Source, output);
        if (report.MigrationsApplied > 0)
        {
            await output.WriteLineAsync(
                $"  auf Schema-Version {services.GetRequiredService<IDatabase>().LatestSchemaVersion} gebracht ({report.MigrationsApplied} Migrationen)");
        }

        var images = await ImageFolder.CopyMissingAsync(
            ImagesBeside(report.Source.FilePath), ArticleImages.Folder(services.GetRequiredService<SitePaths>()));
        await output.WriteLineAsync($"  Bilder:       {images.Copied} ergänzt, {images.AlreadyPresent} schon vorhanden");
        await WriteAccountsReportAsync(report.Accounts, output);
        await output.WriteLineAsync($"Die bisherige Datenbank ist gesichert in {report.SafetyCopy.FilePath}");
        await output.WriteLineAsync("Laufende Instanzen der Website leeren ihren Seitencache innerhalb einer Sekunde.");
        return 0;
    }

    public static async Task<int> ExportAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args is not [var folder] || folder.StartsWith('-'))
        {
            await output.WriteLineAsync(ExportUsage);
            return 2;
        }

        ExportReport report;
        try
        {
            report = await new ArticleExporter(
                services.GetRequiredService<IExportReads>(), services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ArticleFileLimit>(), services.GetRequiredService<SitePageFiles>()).ExportAsync(
                CommandLine.ResolveUserPath(folder), ArticleImages.Folder(services.GetRequiredService<SitePaths>()));
        }
        catch (ExportRefusedException e)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }

        await output.WriteLineAsync($"Export nach {report.Folder}:");
        await output.WriteLineAsync(
            $"  {report.Published} veröffentlicht, {report.Scheduled} geplant, {report.Drafts} Entwürfe → <nummer>-<slug>.md");
        await output.WriteLineAsync(
            $"  {report.Trashed} im Papierkorb → {ArticleExporter.TrashFolder}/ (der Import überspringt diesen Ordner)");
        await output.WriteLineAsync($"  {report.Authors} Autorenprofile → authors/");
        await output.WriteLineAsync($"  {report.SitePages} Seiten (Impressum, Datenschutz …) → {SitePageFiles.Folder}/");
        await output.WriteLineAsync($"  {report.Images.Copied} Bilder → {ArticleExporter.ImagesFolder}/");
        await output.WriteLineAsync("Nicht enthalten: Revisionen, frühere Adressen (Weiterleitungen), Konten. Dafür: backup.");
        if (report.TooLarge.Count == 0)
        {
            return 0;
        }

        var limit = services.GetRequiredService<ArticleFileLimit>();
        await output.WriteLineAsync(
            $"ACHTUNG: {report.TooLarge.Count} Artikel sind größer als NewsSite:MaxMarkdownFileBytes ({ByteSize.Format(limit.MaxBytes)}); " +
            "geschrieben sind sie, aber der Import wird sie ablehnen, bis sie gekürzt sind:");
        foreach (var file in report.TooLarge)
        {
            await output.WriteLineAsync("  " + file);
        }

        return 1;
    }

    /// <summary>An exported folder's pictures (images/), added to the site's by the import command.</summary>
    public static async Task ImportImagesAsync(IServiceProvider services, string importedFolder, TextWriter output)
    {
        // On PostgreSQL also into the shared table, so that every node serves them (decision 0025).
        var images = await ImageFolder.CopyMissingAsync(
            Path.Combine(importedFolder, ArticleExporter.ImagesFolder), ArticleImages.Folder(services.GetRequiredService<SitePaths>()),
            services.GetRequiredService<SiteStorage>().PictureFiles);
        if (images.Copied + images.AlreadyPresent + images.Skipped > 0)
        {
            await output.WriteLineAsync(
                $"Bilder aus {ArticleExporter.ImagesFolder}/: {images.Copied} übernommen, {images.AlreadyPresent} schon vorhanden, " +
                $"{images.Skipped} übergangen (kein Bild oder nicht nach seinem Inhalt benannt)");
        }
    }

    public const string AccountsFromBackupFlag = "--accounts-from-backup";

    private static IDatabaseBackup Backup(IServiceProvider services) => services.GetRequiredService<IDatabaseBackup>();

    /// <summary>
    /// What happened to accounts, since that decides who can log in afterwards: by default nothing from the backup
    /// (a password changed or an account removed since stays so); with the flag, the backup's accounts and no session.
    /// </summary>
    private static async Task WriteAccountsReportAsync(RestoredAccounts accounts, TextWriter output)
    {
        static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "keine";
        const string Indent = "                ";
        if (accounts.Choice == RestoreAccounts.KeepLive)
        {
            await output.WriteLineAsync(
                $"  Konten:       behalten wie vor der Wiederherstellung: {Names(accounts.LiveNames)} " +
                $"(mit Passwörtern, Rollen und {accounts.LiveSessions} Sitzungen)");
            var notTaken = accounts.BackupNames.Except(accounts.LiveNames, StringComparer.Ordinal).ToList();
            if (notTaken.Count > 0)
            {
                await output.WriteLineAsync($"{Indent}aus der Sicherung nicht übernommen: {Names(notTaken)}");
            }

            await output.WriteLineAsync($"{Indent}(die Konten der Sicherung übernimmt: restore <datei> {AccountsFromBackupFlag})");
            return;
        }

        await output.WriteLineAsync(
            $"  Konten:       aus der Sicherung übernommen: {Names(accounts.BackupNames)} " +
            "(mit ihren damaligen Passwörtern und Rollen; alle Sicherheitsstempel erneuert)");
        var gone = accounts.LiveNames.Except(accounts.BackupNames, StringComparer.Ordinal).ToList();
        if (gone.Count > 0)
        {
            await output.WriteLineAsync($"{Indent}nicht in der Sicherung, daher entfernt: {Names(gone)}");
        }

        await output.WriteLineAsync($"{Indent}beendete Sitzungen: {accounts.LiveSessions}; alle melden sich neu an");
    }

    private static async Task WriteFileReportAsync(DatabaseFileReport report, TextWriter output)
    {
        var german = CultureInfo.GetCultureInfo("de-DE");
        await output.WriteLineAsync($"  Datei:        {report.FilePath} ({ByteSize.Format(report.Bytes)})");
        await output.WriteLineAsync($"  Schema:       Version {report.SchemaVersion}");
        await output.WriteLineAsync(string.Create(german,
            $"  Inhalt:       {report.Articles:N0} Artikel, {report.Revisions:N0} Revisionen, {report.Accounts:N0} Konten"));
        await output.WriteLineAsync(report.IsSound
            ? "  Prüfung:      in Ordnung (integrity_check, foreign_key_check)"
            : "  Prüfung:      FEHLER");
        foreach (var problem in report.Problems.Take(20))
        {
            await output.WriteLineAsync("    " + problem);
        }
    }
}
