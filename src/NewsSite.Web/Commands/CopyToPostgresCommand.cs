using System.Globalization;
using NewsSite.Core.Data;
using NewsSite.Core.Data.Moving;
using NewsSite.Core.Data.Postgres;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Web.Hosting;
using NewsSite.Web.Images;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Commands;

/// <summary>
/// copy-to-postgres: moves the SQLite site of the data folder (NewsSite:DataDirectory, or --data) into the empty
/// PostgreSQL database of ConnectionStrings:Postgres, the same one the site then runs on, and checks every table
/// (<see cref="SiteCopy"/>). See docs/operations.md, "Moving a SQLite site to PostgreSQL".
/// </summary>
internal static class CopyToPostgresCommand
{
    public const string Usage =
        """
        Aufruf: copy-to-postgres [--data <ordner>]
          kopiert die SQLite-Datenbank des Datenordners (Standard: NewsSite:DataDirectory) samt Bildern in die leere
          PostgreSQL-Datenbank aus ConnectionStrings:Postgres (Umgebungsvariable ConnectionStrings__Postgres) und prüft jede Tabelle
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        string dataDirectory;
        switch (args)
        {
            case []:
                dataDirectory = services.GetRequiredService<SitePaths>().DataDirectory;
                break;
            case ["--data", var folder] when !folder.StartsWith('-'):
                dataDirectory = CommandLine.ResolveUserPath(folder);
                break;
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }

        if (services.GetRequiredService<IDatabase>() is not PostgresDatabase target)
        {
            await output.WriteLineAsync(
                "Kein Ziel: ConnectionStrings:Postgres ist nicht gesetzt. Beispiel: " +
                "ConnectionStrings__Postgres=\"Host=db;Database=newssite;Username=newssite;Password=…\" dotnet run --project src/NewsSite.Web -- copy-to-postgres");
            return 2;
        }

        var sourceFile = SqliteDatabase.PathIn(dataDirectory);
        if (!File.Exists(sourceFile))
        {
            await output.WriteLineAsync($"Im Ordner {dataDirectory} gibt es keine SQLite-Datenbank ({SqliteDatabase.FileName}).");
            return 1;
        }

        SiteCopyReport report;
        try
        {
            // Both on this version's schema, so that their tables and columns match (as the site does at its start).
            var source = new SqliteDatabase(sourceFile);
            await source.MigrateAsync();
            await target.MigrateAsync();
            await using var reader = await SqliteSiteReader.OpenAsync(source);
            var images = ArticleImages.Folder(services.GetRequiredService<SitePaths>() with { DataDirectory = dataDirectory });
            report = await new SiteCopy(reader, new PostgresSiteCopy(target), images, services.GetRequiredService<TimeProvider>()).RunAsync();
        }
        catch (Exception e) when (e is SiteCopyException or StorageException)
        {
            await output.WriteLineAsync($"Kopieren abgebrochen: {e.Message}");
            await output.WriteLineAsync("In PostgreSQL wurde nichts gespeichert.");
            return 1;
        }

        await WriteReportAsync(report, output);
        return report.Committed ? 0 : 1;
    }

    private static async Task WriteReportAsync(SiteCopyReport report, TextWriter output)
    {
        await output.WriteLineAsync($"Kopie von {report.Source} nach {report.Target}:");
        await output.WriteLineAsync($"{"Tabelle",-22} | {"Zeilen SQLite",13} | {"Zeilen PostgreSQL",17} | Prüfsumme gleich");
        foreach (var check in report.Tables.Append(report.Search with { Table = "article_search (neu)" })
            .Append(report.PictureFiles with { Table = "picture_files (Bilder)" }))
        {
            await output.WriteLineAsync(
                $"{check.Table,-22} | {Number(check.SourceRows),13} | {Number(check.TargetRows),17} | " +
                (check.IsEqual ? "ja" : "NEIN"));
        }

        await output.WriteLineAsync("  article_search: aus den kopierten Artikeln neu aufgebaut, verglichen wird, welche Artikel im Index stehen.");
        await output.WriteLineAsync("  picture_files: die Bilddateien des Ordners images/ (Name und Inhalt) gegen die Zeilen in PostgreSQL.");
        await output.WriteLineAsync(
            $"Nicht kopiert: {Number(report.SessionsLeftBehind)} Sitzungen (sessions); wer angemeldet war, meldet sich neu an.");
        await output.WriteLineAsync(
            $"Kennungen beibehalten; {report.SequencesReset.ToString(CultureInfo.InvariantCulture)} Zählerfolgen hinter die höchste Kennung gesetzt.");
        foreach (var repaired in report.Repaired)
        {
            await output.WriteLineAsync(
                $"ANGEPASST: {repaired.Table}.{repaired.Column}: {GermanFormat.Number(repaired.Count)} Texte mit NUL-Zeichen (entfernt) " +
                "oder einzelnem Surrogat (durch U+FFFD ersetzt), die PostgreSQL nicht speichern kann");
        }

        await output.WriteLineAsync(report.Committed
            ? "Fertig: alles kopiert und geprüft. Jetzt ConnectionStrings__Postgres für die Website setzen und sie starten."
            : "ABWEICHUNG: mindestens eine Tabelle stimmt nicht überein. Nichts wurde gespeichert; die PostgreSQL-Datenbank bleibt leer.");
    }

    private static string Number(long value) => value.ToString("N0", GermanFormat.Culture);
}
