using NewsSite.Core.Editing;

namespace NewsSite.Core.Tests.Editing;

public class LineDiffTests
{
    private static string Render(IReadOnlyList<DiffLine> diff) =>
        string.Join("|", diff.Select(l => (l.Kind switch { DiffKind.Added => "+", DiffKind.Removed => "-", _ => " " }) + l.Text));

    [Fact]
    public void EqualTexts_AreAllSame()
    {
        var diff = LineDiff.Compare("a\nb", "a\nb");

        Assert.All(diff, l => Assert.Equal(DiffKind.Same, l.Kind));
        Assert.Equal([(1, 1), (2, 2)], diff.Select(l => (l.OldNumber!.Value, l.NewNumber!.Value)));
    }

    [Fact]
    public void AChangedLine_IsRemovedThenAdded_WithLineNumbers()
    {
        var diff = LineDiff.Compare("a\nb\nc", "a\nB\nc");

        Assert.Equal(" a|-b|+B| c", Render(diff));
        Assert.Equal(new DiffLine(DiffKind.Removed, "b", 2, null), diff[1]);
        Assert.Equal(new DiffLine(DiffKind.Added, "B", null, 2), diff[2]);
        Assert.Equal(new DiffLine(DiffKind.Same, "c", 3, 3), diff[3]);
    }

    [Fact]
    public void FindsTheLongestCommonSubsequence()
    {
        Assert.Equal(" a|-b| c|+x| d|-e", Render(LineDiff.Compare("a\nb\nc\nd\ne", "a\nc\nx\nd")));
    }

    [Fact]
    public void EmptyToText_AndBack()
    {
        Assert.Equal("-|+a|+b", Render(LineDiff.Compare("", "a\nb")));
        Assert.Equal("-a|+", Render(LineDiff.Compare("a", "")));
    }

    [Fact]
    public void WindowsLineEndings_DoNotCountAsChanges()
    {
        Assert.All(LineDiff.Compare("a\r\nb", "a\nb"), l => Assert.Equal(DiffKind.Same, l.Kind));
    }

    [Fact]
    public void HugeRewrites_AreShownWhole_InsteadOfExhaustingMemory()
    {
        var oldText = string.Join('\n', Enumerable.Range(0, 5000).Select(i => "alt " + i));
        var newText = string.Join('\n', Enumerable.Range(0, 5000).Select(i => "neu " + i));

        var diff = LineDiff.Compare(oldText, newText);

        Assert.Equal(5000, diff.Count(l => l.Kind == DiffKind.Removed));
        Assert.Equal(5000, diff.Count(l => l.Kind == DiffKind.Added));
    }
}
