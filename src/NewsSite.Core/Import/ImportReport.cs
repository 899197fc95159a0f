namespace NewsSite.Core.Import;

public enum ImportOutcome
{
    Created,
    Updated,
    Unchanged,
    Failed,
}

/// <param name="Reason">For a failed file: what is wrong, in German, naming file, line and field where known.</param>
public sealed record ImportFileResult(string Path, ImportOutcome Outcome, string? Slug, string? Reason);

public sealed record ImportReport(string Folder, bool DryRun, IReadOnlyList<ImportFileResult> Files)
{
    public int Created => Count(ImportOutcome.Created);

    public int Updated => Count(ImportOutcome.Updated);

    public int Unchanged => Count(ImportOutcome.Unchanged);

    public int Failed => Count(ImportOutcome.Failed);

    private int Count(ImportOutcome outcome) => Files.Count(f => f.Outcome == outcome);
}
