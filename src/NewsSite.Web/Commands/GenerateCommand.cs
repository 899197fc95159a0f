using System.Diagnostics;
using System.Globalization;
using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Generation;
using NewsSite.Web.Hosting;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Commands;

/// <summary>
/// generate: an invented archive for load tests, either straight into the database of a data folder (through the
/// normal article write, so tags, revisions and search rows are as an import would leave them) or as Markdown files
/// for the import benchmark. See docs/operations.md.
/// </summary>
internal sealed record GenerateCommand(
    int Articles, int Tags, int Seed, DateTimeOffset? Until, string? DataDirectory, string? MarkdownDirectory)
{
    public const int MaxArticles = 1_000_000;
    public const int MaxTags = 100_000;
    public const int BatchSize = 1000;
    public const int ProgressEvery = 10_000;

    public const string Usage =
        """
        Aufruf:
          generate --articles <anzahl> --tags <anzahl> --data <ordner> [--seed <zahl>] [--until <datum>]
              erzeugt Beispielartikel in der Datenbank des Datenordners (der Ordner wird angelegt; die Datenbank muss leer sein),
              mit ConnectionStrings:Postgres in dieser PostgreSQL-Datenbank
          generate --articles <anzahl> --tags <anzahl> --markdown <ordner> [--seed <zahl>] [--until <datum>]
              schreibt die Artikel als Markdown-Dateien in Jahresordner (der Ordner muss leer sein oder fehlen)

          --articles  1 bis 1.000.000        --tags  1 bis 100.000
          --seed      ganze Zahl, Standard 1; gleicher Seed, gleiche Artikel
          --until     Stichtag, z. B. 2025-06-01; die Artikel verteilen sich über die zehn Jahre davor (Standard: jetzt)
        """;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Null when the arguments after "generate" are not a valid call.</summary>
    public static GenerateCommand? TryParse(IReadOnlyList<string> args, Func<string, string> resolvePath)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(resolvePath);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (args[i] is not ("--articles" or "--tags" or "--seed" or "--until" or "--data" or "--markdown")
                || i + 1 >= args.Count || !values.TryAdd(args[i], args[i + 1]))
            {
                return null;
            }
        }

        var articles = Count(values.GetValueOrDefault("--articles"), MaxArticles);
        var tags = Count(values.GetValueOrDefault("--tags"), MaxTags);
        var seed = 1;
        DateTimeOffset? until = null;
        var data = values.GetValueOrDefault("--data");
        var markdown = values.GetValueOrDefault("--markdown");
        if (articles is null || tags is null || (data is null) == (markdown is null)
            || string.IsNullOrWhiteSpace(data ?? markdown)
            || (values.TryGetValue("--seed", out var seedText)
                && !int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed)))
        {
            return null;
        }

        if (values.TryGetValue("--until", out var untilText))
        {
            if (!DateTimeOffset.TryParse(untilText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return null;
            }

            until = parsed;
        }

        return new GenerateCommand(articles.Value, tags.Value, seed, until,
            data is null ? null : resolvePath(data), markdown is null ? null : resolvePath(markdown));
    }

    private static int? Count(string? text, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
            ? value
            : null;

    /// <summary>With --data the folder becomes the site's data directory, for this run only.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
        DataDirectory is null ? [] : [new($"{NewsSiteOptions.SectionName}:{nameof(NewsSiteOptions.DataDirectory)}", DataDirectory)];

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var reference = Until ?? services.GetRequiredService<TimeProvider>().GetUtcNow();
        var generator = new CorpusGenerator(Tags, Seed, reference);
        return MarkdownDirectory is not null
            ? await WriteFilesAsync(generator, MarkdownDirectory, output)
            : await FillDatabaseAsync(services, generator, output);
    }

    private async Task<int> WriteFilesAsync(CorpusGenerator generator, string folder, TextWriter output)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            await output.WriteLineAsync($"Der Ordner „{folder}“ ist nicht leer. generate --markdown schreibt nur in einen leeren oder neuen Ordner.");
            return 1;
        }

        var watch = Stopwatch.StartNew();
        var bytes = 0L;
        foreach (var article in generator.Generate(Articles))
        {
            var path = Path.Combine(folder, article.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var content = Utf8.GetBytes(article.Markdown);
            await File.WriteAllBytesAsync(path, content);
            bytes += content.Length;
            await ReportProgressAsync(output, article.Number, 1, "Dateien geschrieben", watch);
        }

        await output.WriteLineAsync(
            $"Fertig: {GermanFormat.Number(Articles)} Markdown-Dateien ({Megabytes(bytes)}) mit bis zu " +
            $"{GermanFormat.Number(Tags)} Tags und {CorpusGenerator.AuthorCount} Autoren in {folder}, {Seconds(watch)}.");
        return 0;
    }

    private async Task<int> FillDatabaseAsync(IServiceProvider services, CorpusGenerator generator, TextWriter output)
    {
        var database = services.GetRequiredService<IDatabase>();

        // On SQLite the database is a file of the data folder: Program applies Settings before the app is built, and
        // services from elsewhere would write to another database. On PostgreSQL (ConnectionStrings:Postgres) the
        // articles go to that server, and the folder stays the data directory for everything else.
        var onSqlite = database is SqliteDatabase;
        if (onSqlite && !string.Equals(Path.GetDirectoryName(database.Location), DataDirectory, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Die Datenbank {database.Location} liegt nicht im Ordner {DataDirectory}.");
        }

        await database.MigrateAsync();
        var repository = services.GetRequiredService<IArticleStore>();
        var existing = await repository.CountAsync();
        if (existing > 0)
        {
            await output.WriteLineAsync(
                $"Die Datenbank {database.Location} enthält bereits {GermanFormat.Number(existing)} Artikel. " +
                "generate füllt nur eine leere Datenbank; bitte einen neuen Datenordner angeben.");
            return 1;
        }

        var parser = services.GetRequiredService<ArticleParser>();
        var watch = Stopwatch.StartNew();
        using var batches = generator.Generate(Articles).Chunk(BatchSize).GetEnumerator();

        // Generating and rendering the next batch (both cores) overlaps with writing the current one (SQLite, one core).
        var next = ParseNextAsync(batches, parser);
        var done = 0;
        while (await next is { } batch)
        {
            next = ParseNextAsync(batches, parser);
            done += (await repository.CreateBatchAsync(batch)).Count;
            await ReportProgressAsync(output, done, batch.Length, "Artikel geschrieben", watch);
        }

        await database.CompactAsync();
        var (articles, tags, authors) = await repository.CountContentsAsync();
        var size = onSqlite ? ": " + Megabytes(new FileInfo(database.Location).Length) : "";
        await output.WriteLineAsync(
            $"Fertig: {GermanFormat.Number(articles)} Artikel, {GermanFormat.Number(tags)} Tags, {GermanFormat.Number(authors)} Autoren " +
            $"in {Seconds(watch)}. Datenbank {database.Location}{size}.");
        return 0;
    }

    /// <summary>The next batch, generated and parsed on the thread pool; null after the last.</summary>
    private Task<(ArticleContent Content, ArticleOrigin Origin)[]?> ParseNextAsync(
        IEnumerator<GeneratedArticle[]> batches, ArticleParser parser) => Task.Run(() =>
        {
            // Only one batch is in flight at a time, so the generator's enumerator is never used concurrently.
            if (!batches.MoveNext())
            {
                return null;
            }

            var articles = batches.Current;
            var parsed = new (ArticleContent Content, ArticleOrigin Origin)[articles.Length];
            Parallel.For(0, articles.Length, i => parsed[i] = (
                parser.Parse(articles[i].RelativePath, articles[i].Markdown),
                ArticleOrigin.Generated(articles[i].RelativePath, Seed)));
            return parsed;
        });

    private static async Task ReportProgressAsync(TextWriter output, int done, int justDone, string what, Stopwatch watch)
    {
        if (done / ProgressEvery > (done - justDone) / ProgressEvery)
        {
            await output.WriteLineAsync($"  {GermanFormat.Number(done)} {what} ({Seconds(watch)})");
        }
    }

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("N1", GermanFormat.Culture) + " MB";

    private static string Seconds(Stopwatch watch) =>
        watch.Elapsed.TotalSeconds.ToString("N1", GermanFormat.Culture) + " s";
}
