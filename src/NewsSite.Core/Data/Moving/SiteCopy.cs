using System.Runtime.CompilerServices;
using NewsSite.Core.Images;

namespace NewsSite.Core.Data.Moving;

/// <summary>
/// Moves a whole site into an empty database of another dialect (copy-to-postgres, docs/operations.md): every table of
/// <see cref="SiteTables.Copied"/> with its ids, the picture files of the data folder into the target's picture_files,
/// the full-text index rebuilt there; then every table read back and compared with the source (rows and
/// <see cref="TableDigest"/>). All of it is one transaction of the target, committed only when everything agrees:
/// a refusal, an error or a difference leaves the target as empty as it was.
/// </summary>
public sealed class SiteCopy(ISiteCopySource source, ISiteCopyDestination destination, string imagesFolder, TimeProvider clock)
{
    public Task<SiteCopyReport> RunAsync(CancellationToken cancellationToken = default) =>
        destination.InOneTransactionAsync(target => CopyAsync(target, cancellationToken), cancellationToken);

    private async Task<SiteCopyReport> CopyAsync(ISiteCopyTarget target, CancellationToken cancellationToken)
    {
        var tables = await CheckSchemasAsync(target, cancellationToken);
        await CheckEmptyAsync(target, cancellationToken);

        var sourceDigests = new Dictionary<string, (long Rows, string Digest)>(StringComparer.Ordinal);
        var repaired = new List<RepairedTexts>();
        await target.PrepareAsync(SiteTables.Copied, cancellationToken);
        foreach (var table in tables)
        {
            using var digest = new TableDigest(target.Storable);
            var changed = await target.WriteAsync(table, Digested(source.ReadAsync(table, cancellationToken), table, digest), cancellationToken);
            sourceDigests[table.Name] = (digest.Rows, digest.Finish());
            repaired.AddRange(changed.Where(c => c.Value > 0).Select(c => new RepairedTexts(table.Name, c.Key, c.Value)));
        }

        var pictureTable = await target.DescribeAsync(SiteTables.PictureFiles, cancellationToken);
        var digestColumns = pictureTable with { Columns = [.. pictureTable.Columns.Where(c => c.Name != "stored_at")] };
        using (var digest = new TableDigest(target.Storable))
        {
            await target.WriteAsync(pictureTable, PictureRowsAsync(pictureTable, digestColumns, digest, cancellationToken), cancellationToken);
            sourceDigests[SiteTables.PictureFiles] = (digest.Rows, digest.Finish());
        }

        await target.RebuildSearchAsync(cancellationToken);
        var sequences = await target.FinishAsync(SiteTables.Copied, cancellationToken);

        var checks = new List<TableCheck>();
        foreach (var table in tables)
        {
            checks.Add(await CheckAsync(table, sourceDigests[table.Name], target.ReadAsync(table, cancellationToken), target.Storable));
        }

        var pictures = await CheckAsync(digestColumns, sourceDigests[SiteTables.PictureFiles], target.ReadAsync(digestColumns, cancellationToken), target.Storable);
        var search = await CheckSearchAsync(target, cancellationToken);
        var report = new SiteCopyReport(
            source.Location, destination.Location, checks, search, pictures, repaired,
            SessionsLeftBehind: await source.CountAsync(SiteTables.Sessions, cancellationToken), sequences, Committed: true);
        if (!report.AllEqual)
        {
            target.RollBack();
            return report with { Committed = false };
        }

        return report;
    }

    /// <summary>The tables in copy order, as the target has them; refused when the two schemas do not match.</summary>
    private async Task<List<CopyTable>> CheckSchemasAsync(ISiteCopyTarget target, CancellationToken cancellationToken)
    {
        var unknown = (await target.TablesAsync(cancellationToken)).Where(t => !SiteTables.IsKnownToTarget(t))
            .Concat((await source.TablesAsync(cancellationToken)).Where(t => !SiteTables.IsKnownToSource(t)))
            .Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new SiteCopyException(
                $"copy-to-postgres kennt die Tabelle(n) {string.Join(", ", unknown)} nicht; ob ihre Zeilen mitkommen, " +
                "ist nicht festgelegt (SiteTables). Bitte Quelle und Ziel mit derselben Version der Anwendung migrieren.");
        }

        var tables = new List<CopyTable>();
        foreach (var name in SiteTables.Copied)
        {
            var table = await target.DescribeAsync(name, cancellationToken);
            var sourceColumns = await source.ColumnsAsync(name, cancellationToken);
            var targetColumns = table.Columns.Select(c => c.Name).ToList();
            if (!sourceColumns.Order(StringComparer.Ordinal).SequenceEqual(targetColumns.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                throw new SiteCopyException(
                    $"Die Tabelle {name} hat in der Quelle die Spalten ({string.Join(", ", sourceColumns)}), im Ziel " +
                    $"({string.Join(", ", targetColumns)}). Bitte beide mit derselben Version der Anwendung migrieren.");
            }

            tables.Add(table);
        }

        return tables;
    }

    private static async Task CheckEmptyAsync(ISiteCopyTarget target, CancellationToken cancellationToken)
    {
        var filled = new List<string>();
        foreach (var table in await target.TablesAsync(cancellationToken))
        {
            if (!SiteTables.TargetBookkeeping.Contains(table) && !SiteTables.Seeded.Contains(table)
                && await target.CountAsync(table, cancellationToken) is var rows and > 0)
            {
                filled.Add($"{table} ({rows})");
            }
        }

        if (filled.Count > 0)
        {
            throw new SiteCopyException(
                "Die PostgreSQL-Datenbank ist nicht leer: " + string.Join(", ", filled) + ". copy-to-postgres schreibt nur in " +
                "eine leere Datenbank (frisch migriert oder neu angelegt).");
        }
    }

    private static async IAsyncEnumerable<object?[]> Digested(IAsyncEnumerable<object?[]> rows, CopyTable table, TableDigest digest)
    {
        await foreach (var row in rows)
        {
            digest.Add(table.Columns, row);
            yield return row;
        }
    }

    /// <summary>The originals of the images folder (named by their content, as the uploader stores them), by name.</summary>
    private async IAsyncEnumerable<object?[]> PictureRowsAsync(
        CopyTable table, CopyTable digestColumns, TableDigest digest, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(imagesFolder))
        {
            yield break;
        }

        var names = Directory.EnumerateFiles(imagesFolder).Select(Path.GetFileName).OfType<string>()
            .Where(ImageStore.IsStoredFileName).Order(StringComparer.Ordinal).ToList();
        var now = clock.GetUtcNow();
        foreach (var name in names)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(imagesFolder, name), cancellationToken);
            var values = new Dictionary<string, object?>(StringComparer.Ordinal) { ["file_name"] = name, ["content"] = bytes, ["stored_at"] = now };
            digest.Add(digestColumns.Columns, [.. digestColumns.Columns.Select(c => values[c.Name])]);
            yield return [.. table.Columns.Select(c => values[c.Name])];
        }
    }

    private static async Task<TableCheck> CheckAsync(
        CopyTable table, (long Rows, string Digest) expected, IAsyncEnumerable<object?[]> rows, Func<string, string> storable)
    {
        using var digest = new TableDigest(storable);
        await foreach (var row in rows)
        {
            digest.Add(table.Columns, row);
        }

        var rowsThere = digest.Rows;
        return new TableCheck(table.Name, expected.Rows, rowsThere, digest.Finish() == expected.Digest);
    }

    private async Task<TableCheck> CheckSearchAsync(ISiteCopyTarget target, CancellationToken cancellationToken)
    {
        CopyColumn[] id = [new("article_id", ColumnKind.Number)];
        using var sourceDigest = new TableDigest(target.Storable);
        await foreach (var articleId in source.IndexedArticleIdsAsync(cancellationToken))
        {
            sourceDigest.Add(id, [articleId]);
        }

        using var targetDigest = new TableDigest(target.Storable);
        await foreach (var articleId in target.IndexedArticleIdsAsync(cancellationToken))
        {
            targetDigest.Add(id, [articleId]);
        }

        return new TableCheck(SiteTables.Search, sourceDigest.Rows, targetDigest.Rows, sourceDigest.Finish() == targetDigest.Finish());
    }
}
