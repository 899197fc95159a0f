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
    public void AnEmptyText_IsOneEmptyLine_ThatCanMatchABlankLine()
    {
        Assert.Equal("+Titel| |+Satz", Render(LineDiff.Compare("", "Titel\n\nSatz")));
        Assert.Equal(" a|+x| |+y| b", Render(LineDiff.Compare("a\n\nb", "a\nx\n\ny\nb")));
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

    private static string Marked(DiffLine line) =>
        line.Words is null ? "(ganz)" : string.Concat(line.Words.Select(w => w.Kind switch
        {
            DiffKind.Removed => "[-" + w.Text + "]",
            DiffKind.Added => "[+" + w.Text + "]",
            _ => w.Text,
        }));

    [Fact]
    public void AOneWordEdit_MarksThatWord_NotTheParagraph()
    {
        var diff = LineDiff.Compare(
            "# Titel\n\nDer Bürgermeister sagte am Montag, dass die Brücke gesperrt bleibt.\n\nEnde.",
            "# Titel\n\nDer Bürgermeister sagte am Dienstag, dass die Brücke gesperrt bleibt.\n\nEnde.");

        var removed = Assert.Single(diff, l => l.Kind == DiffKind.Removed);
        var added = Assert.Single(diff, l => l.Kind == DiffKind.Added);
        Assert.Equal("Der Bürgermeister sagte am [-Montag], dass die Brücke gesperrt bleibt.", Marked(removed));
        Assert.Equal("Der Bürgermeister sagte am [+Dienstag], dass die Brücke gesperrt bleibt.", Marked(added));
        Assert.Equal((3, 3), (removed.OldNumber, added.NewNumber));
        Assert.All(diff.Where(l => l.Kind == DiffKind.Same), l => Assert.Null(l.Words));
    }

    [Fact]
    public void NeighbouringChangedWords_AreOneMark_AndPunctuationIsItsOwnPiece()
    {
        var diff = LineDiff.Compare("Es regnet heute stark.", "Es schneit seit gestern stark!");

        Assert.Equal("Es [-regnet heute] stark[-.]", Marked(diff[0]));
        Assert.Equal("Es [+schneit seit gestern] stark[+!]", Marked(diff[1]));
    }

    [Fact]
    public void EachRemovedLineIsPaired_WithTheAddedLineInTheSamePlace()
    {
        var diff = LineDiff.Compare("a\nerste Zeile alt\nzweite Zeile alt\nz", "a\nerste Zeile neu\nzweite Zeile neu\ndritte Zeile\nz");

        Assert.Equal(" a|-erste Zeile alt|-zweite Zeile alt|+erste Zeile neu|+zweite Zeile neu|+dritte Zeile| z", Render(diff));
        Assert.Equal("erste Zeile [-alt]", Marked(diff[1]));
        Assert.Equal("zweite Zeile [-alt]", Marked(diff[2]));
        Assert.Equal("erste Zeile [+neu]", Marked(diff[3]));
        Assert.Equal("zweite Zeile [+neu]", Marked(diff[4]));
        Assert.Equal("(ganz)", Marked(diff[5])); // no counterpart: the whole line is new
    }

    [Fact]
    public void LinesThatShareNoWord_AreShownWhole()
    {
        var diff = LineDiff.Compare("Alles neu.", "Ganz anders!");

        Assert.All(diff, l => Assert.Null(l.Words));
    }

    [Fact]
    public void TheMarkedPieces_AlwaysSpellTheWholeLine()
    {
        var random = new Random(18);
        string[] words = ["Stadt", "Rat", "Köln", "sagte", ",", ".", " ", "  ", "Brücke", "über", "die", "100", "–"];
        for (var round = 0; round < 200; round++)
        {
            string Line() => string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => words[random.Next(words.Length)]));
            var oldText = string.Join('\n', Enumerable.Range(0, random.Next(1, 6)).Select(_ => Line()));
            var newText = string.Join('\n', Enumerable.Range(0, random.Next(1, 6)).Select(_ => Line()));

            var diff = LineDiff.Compare(oldText, newText);

            Assert.Equal(oldText, string.Join('\n', diff.Where(l => l.Kind != DiffKind.Added).Select(l => l.Text)));
            Assert.Equal(newText, string.Join('\n', diff.Where(l => l.Kind != DiffKind.Removed).Select(l => l.Text)));
            foreach (var line in diff.Where(l => l.Words is not null))
            {
                Assert.Equal(line.Text, string.Concat(line.Words!.Select(w => w.Text)));
                Assert.All(line.Words!, w => Assert.Contains(w.Kind, new[] { DiffKind.Same, line.Kind }));
            }
        }
    }
}
