using System.Text;
using AngleSharp.Html.Parser;
using NewsSite.Core.Articles;
using NewsSite.Core.Markdown;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Markdown;

/// <summary>
/// The renderer's work is linear in its input: heading ids by a counter, and the texts that Markdig reads in more than
/// linear time refused before it reads them (<see cref="MarkdownBudget"/>). Asserted as work done (ids tried,
/// refusal before parsing), never as time.
/// </summary>
public class MarkdownBudgetTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static string Repeat(string unit, int count) => new StringBuilder(unit.Length * count).Insert(0, unit, count).ToString();

    [Fact]
    public void ManyEqualHeadings_CostIdsInProportionToTheirNumber()
    {
        // 20,000 equal headings (220 KB) took 18 s when every id was probed from "-2" on: 200 million tries.
        Renderer.Render(Repeat("## Gleich\n\n", 5_000), out var probesForFiveThousand);
        var rendered = Renderer.Render(Repeat("## Gleich\n\n", 20_000), out var probesForTwentyThousand);

        Assert.Equal(2 * 20_000 - 1, probesForTwentyThousand);
        Assert.Equal(4 * probesForFiveThousand + 3, probesForTwentyThousand);
        var ids = new HtmlParser().ParseDocument(rendered.Html).QuerySelectorAll("h2").Select(h => h.Id).ToList();
        Assert.Equal(20_000, ids.Distinct().Count());
        Assert.Equal(["gleich", "gleich-2", "gleich-3"], ids.Take(3));
        Assert.Equal("gleich-20000", ids[^1]);
    }

    [Theory]
    [InlineData(new[] { "Fazit", "Fazit 2", "Fazit", "Fazit" }, new[] { "fazit", "fazit-2", "fazit-3", "fazit-4" })]
    [InlineData(new[] { "Fazit", "Fazit", "Fazit 2", "Fazit 2" }, new[] { "fazit", "fazit-2", "fazit-2-2", "fazit-2-3" })]
    [InlineData(new[] { "Fazit 3", "Fazit", "Fazit", "Fazit", "Fazit" }, new[] { "fazit-3", "fazit", "fazit-2", "fazit-4", "fazit-5" })]
    public void HeadingIds_StayUnique_AlsoAgainstHeadingsNamedLikeANumberedOne(string[] headings, string[] expected)
    {
        var html = Renderer.Render(string.Join("\n\n", headings.Select(h => "## " + h))).Html;

        Assert.Equal(expected, new HtmlParser().ParseDocument(html).QuerySelectorAll("h2").Select(h => h.Id));
    }

    /// <summary>
    /// Texts Markdig reads in more than linear time, each at most 1 MB, with what it cost before the budget on the
    /// shared 2-core machine (docs/security.md, "Worst-case cost per endpoint").
    /// </summary>
    public static TheoryData<string, string> Pathological => new()
    {
        // Link openers whose target scan runs to the next space: 3.3 s at 80 KB, quadratic.
        { "unclosed links", Repeat("[a](", 250_000) },
        { "empty links", Repeat("[](", 300_000) },
        // A "(" title scans to the end of the paragraph: 3.7 s at 250 KB.
        { "unclosed titles", Repeat("[a](b (", 20_000) },
        // Each autolink walks back over the paragraph: 6 s at 250 KB.
        { "autolinks in one paragraph", Repeat("Wort www.a.de ", 70_000) },
        // Emphasis runs stay open containers, and every pipe after them splits them: 100 before a table of 10,000
        // rows took 20 s, of 1,000 rows 0.6 s.
        { "emphasis before a table", Repeat("*a ", 100) + "\n|a|b|\n|-|-|\n" + Repeat("|x|y|\n", 1_000) },
        { "unclosed emphasis", Repeat("*a ", 9_000) },
        { "bold cut short", Repeat("**x [a*b**c*](d) ", 50_000) },
        // Backtick runs of every length each look for a partner to the end.
        { "backtick runs", string.Concat(Enumerable.Range(1, 1_300).Select(n => new string('`', n) + "a")) },
        // Every quote is an inline of its own: 3 s for a megabyte.
        { "quotes", Repeat("\"a '", 250_000) },
        // Definitions remove their paragraph from its siblings: 16 s for 150,000.
        { "link definitions", string.Concat(Enumerable.Range(0, 40_000).Select(n => $"[r{n}]: /u\n")) },
        { "footnote definitions", string.Concat(Enumerable.Range(0, 3_000).Select(n => $"[^{n}]: b\n\n")) },
        { "setext headings", string.Concat(Enumerable.Range(0, 3_000).Select(n => $"a{n}\n===\n")) },
        // Quote markers open containers before the nesting check can refuse them: 0.4 s for one line.
        { "deep quote", Repeat(">", 100_000) + " a" },
        { "many lines", Repeat("a\n\n", 300_000) },
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public void PathologicalMarkdown_IsRefusedBeforeParsing_WithAGermanReasonAndItsLine(string name, string markdown)
    {
        Assert.True(markdown.Length <= MarkdownRenderer.MaxLength, name);

        var e = Assert.Throws<UnrenderableMarkdownException>(() => Renderer.Render(markdown));

        Assert.NotNull(e.Line);
        Assert.Matches("^(Der Text (hat|ist)|Die Tabelle, die in dieser Zeile beginnt, hat) ", e.Message);
    }

    [Fact]
    public void TheRefusal_NamesTheParagraphAndTheFileLine_ForAnArticle()
    {
        var body = "Ein ruhiger Absatz.\n\n" + Repeat("[a](", 20_000);
        var file = ArticleFile.With("Teuer", "2025-01-01", "[]", body);

        var e = Assert.Throws<ArticleFormatException>(() => TestDatabase.Parser.Parse("teuer.md", file));

        // Front matter of seven lines and a blank one, then the quiet paragraph and a blank line.
        Assert.Equal(11, e.Line);
        Assert.Contains("Zeile 11", e.Message, StringComparison.Ordinal);
        Assert.Contains("40.000 Auszeichnungen", e.Message, StringComparison.Ordinal);
        Assert.Contains("Bitte lange Absätze teilen", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A megabyte of what a newsroom writes, heavy on markup: sections with headings, links, emphasis, quotes, code,
    /// footnotes, lists and every tenth section a table of 30 rows.
    /// </summary>
    private static string HeavyOrdinaryArticle()
    {
        var text = new StringBuilder();
        for (var section = 0; text.Length < MarkdownRenderer.MaxLength - 3_000; section++)
        {
            text.Append("## Abschnitt ").Append(section % 50).Append("\n\n");
            for (var paragraph = 0; paragraph < 3; paragraph++)
            {
                text.Append("Der Senat hat am Dienstag \"nach langer Debatte\" beschlossen, die **Förderung** auszuweiten; ")
                    .Append("die Opposition nennt das *halbherzig*. Mehr dazu [beim Amt](https://example.org/amt/bericht-2025) ")
                    .Append("und unter www.example.org. Der Haushalt (`Kapitel 12`) sieht 4,5 Mio. Euro vor – ")
                    .Append("so viel wie nie.[^q").Append(section).Append("] Kritiker fordern ~~mehr~~ eine Prüfung.\n\n");
            }

            text.Append("- erster Punkt mit [Link](https://example.org/a)\n- zweiter Punkt, **fett**\n\n");
            if (section % 10 == 0)
            {
                text.Append("| Bezirk | Stimmen | Anteil |\n|---|---:|---:|\n");
                for (var row = 0; row < 30; row++)
                {
                    text.Append("| [Bezirk ").Append(row).Append("](https://example.org/b/").Append(row).Append(") | **1.234** | 12,3 % |\n");
                }

                text.Append('\n');
            }

            text.Append("[^q").Append(section).Append("]: Quelle: Senatsvorlage.\n\n");
        }

        return text.ToString();
    }

    [Fact]
    public void AHeavyMegabyteOfOrdinaryText_UsesAFractionOfTheBudget_AndRenders()
    {
        var markdown = HeavyOrdinaryArticle();
        var cost = MarkdownBudget.Measure(markdown);

        Assert.InRange(cost.InlineWork, 1, MarkdownBudget.MaxInlineWork / 2);
        Assert.InRange(cost.InlinePieces, 1, MarkdownBudget.MaxInlinePieces / 2);
        Assert.InRange(cost.ReplacingBlocks, 1, MarkdownBudget.MaxReplacingBlocks / 2);
        Assert.InRange(cost.Lines, 1, MarkdownBudget.MaxLines / 2);
        Assert.Contains("<table>", Renderer.Render(markdown).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void CodeInAFenceAtTheMargin_IsNotCountedAsMarkup()
    {
        var code = "```csharp\n" + Repeat("var x = a[i] * b[j] | c; // \"`\"\n", 20_000) + "```\n\nText danach.";

        Assert.Equal(0, MarkdownBudget.Measure(code).InlineWork / 1_000);
        Assert.Contains("<pre>", Renderer.Render(code).Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- Punkt\n\n  ```\n")]
    [InlineData("> ```\n")]
    [InlineData("``` a`b\n")]
    public void AFenceThatMarkdigMayEndEarlier_HidesNothingFromTheBudget(string opening)
    {
        // An indented fence closes with its list item, a backtick fence cannot carry a backtick in its info string:
        // what follows is parsed as text, so it must be counted as text.
        var markdown = opening + "Ende der Liste.\n\n" + Repeat("[a](", 50_000) + "\n```";

        Assert.Throws<UnrenderableMarkdownException>(() => Renderer.Render(markdown));
    }
}
