namespace NewsSite.Core.Data.Moving;

/// <summary>One table after the copy: its rows on both sides and whether their digests agree.</summary>
public sealed record TableCheck(string Table, long SourceRows, long TargetRows, bool DigestsEqual)
{
    public bool IsEqual => SourceRows == TargetRows && DigestsEqual;
}

/// <summary>Texts of one column that the target could not hold as they were (NUL dropped, a lone surrogate replaced).</summary>
public sealed record RepairedTexts(string Table, string Column, int Count);

/// <summary>What a move did; <see cref="Committed"/> only when every check agreed.</summary>
public sealed record SiteCopyReport(
    string Source,
    string Target,
    IReadOnlyList<TableCheck> Tables,
    TableCheck Search,
    TableCheck PictureFiles,
    IReadOnlyList<RepairedTexts> Repaired,
    long SessionsLeftBehind,
    int SequencesReset,
    bool Committed)
{
    public bool AllEqual => Tables.All(t => t.IsEqual) && Search.IsEqual && PictureFiles.IsEqual;
}
