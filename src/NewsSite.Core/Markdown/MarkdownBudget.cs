using System.Globalization;

namespace NewsSite.Core.Markdown;

/// <summary>
/// What Markdig would have to do with a text, estimated in one linear pass before it is given the text, since a
/// parse cannot be stopped once begun. Markdig is linear for ordinary articles, but not for every text (measured on
/// the shared 2-core machine, docs/security.md):
/// <list type="bullet">
/// <item>Inline markup that stays open or reads ahead costs up to the rest of its paragraph, each time: "[a](" repeated
/// 20,000 times took 3 s, a paragraph of "www.a.de " 6 s at 250 KB, 100 emphasis runs before a table of 10,000 rows
/// 20 s. The estimate per paragraph is in <see cref="MarkdownBudgetScan"/>; the sum is held to
/// <see cref="MaxInlineWork"/>.</item>
/// <item>Every quote, apostrophe, "--", "...", entity, escape or angle bracket is an inline of its own, a few
/// microseconds each: a megabyte of quotes took 2 to 3 s. Held to <see cref="MaxInlinePieces"/>.</item>
/// <item>Blocks that replace or remove an earlier one (setext headings, link and footnote definitions, tables) search
/// their siblings: 16 s for 150,000 definitions. Held to <see cref="MaxReplacingBlocks"/>; and every line costs a
/// few microseconds, held to <see cref="MaxLines"/>.</item>
/// <item>Table pipes after open emphasis split the containers around them: held to <see cref="MaxPipesWithMarkup"/>.</item>
/// <item>Quote markers (<c>&gt;</c>) open a container each before the nesting check after the parse can refuse them:
/// held to <see cref="MarkdownRenderer.MaxNestingDepth"/> per line.</item>
/// </list>
/// A megabyte of heavily marked-up news text (links, emphasis, footnotes, tables in every section) stays below half
/// of each limit.
/// </summary>
public static class MarkdownBudget
{
    public const int MaxLines = 50_000;

    public const int MaxReplacingBlocks = 2_000;

    /// <summary>Characters set one by one (quotes, apostrophes, entities …); German news prose has about 20,000 in a megabyte.</summary>
    public const int MaxInlinePieces = 100_000;

    /// <summary>Table pipes in a paragraph that also holds emphasis, links or autolinks: a table of 500 rows.</summary>
    public const int MaxPipesWithMarkup = 2_000;

    /// <summary>The estimate of <see cref="ParagraphCost.Work"/>, summed over the text: a fraction of a second of Markdig.</summary>
    public const long MaxInlineWork = 20_000_000;

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <exception cref="UnrenderableMarkdownException">
    /// Naming the problem; its <see cref="UnrenderableMarkdownException.Line"/> is the line of <paramref name="markdown"/>
    /// where it is, which the article parser turns into the file's line.
    /// </exception>
    public static void Check(string markdown)
    {
        var cost = Measure(markdown);
        if (cost.Lines > MaxLines)
        {
            throw new UnrenderableMarkdownException(
                string.Create(German, $"Der Text hat {cost.Lines:N0} Zeilen, höchstens {MaxLines:N0}."), MaxLines + 1);
        }

        if (cost.DeepestQuote.Depth > MarkdownRenderer.MaxNestingDepth)
        {
            throw UnrenderableMarkdownException.TooDeep(cost.DeepestQuote.Line);
        }

        if (cost.InlinePieces > MaxInlinePieces)
        {
            throw new UnrenderableMarkdownException(
                string.Create(German,
                    $"Der Text hat {cost.InlinePieces:N0} Zeichen, die einzeln gesetzt werden (Anführungszeichen, Apostrophe, -- und ..., &, \\, < und >), höchstens {MaxInlinePieces:N0}."),
                cost.FirstInlinePieceOverLimit);
        }

        if (cost.ReplacingBlocks > MaxReplacingBlocks)
        {
            throw new UnrenderableMarkdownException(
                string.Create(German,
                    $"Der Text hat mehr als {MaxReplacingBlocks:N0} Tabellen, Fußnoten, Linkverweise ([…]: …) und mit === oder --- unterstrichene Überschriften zusammen. Bitte weniger verwenden."),
                cost.FirstReplacingBlockOverLimit);
        }

        if (cost.MostPipesWithMarkup.Pipes > MaxPipesWithMarkup)
        {
            throw new UnrenderableMarkdownException(
                string.Create(German,
                    $"Die Tabelle, die in dieser Zeile beginnt, hat {cost.MostPipesWithMarkup.Pipes:N0} Spaltenstriche (|) und Auszeichnungen wie Links oder Hervorhebungen; mit Auszeichnungen sind höchstens {MaxPipesWithMarkup:N0} Spaltenstriche in einem Absatz möglich. Bitte die Tabelle teilen."),
                cost.MostPipesWithMarkup.Line);
        }

        if (cost.InlineWork > MaxInlineWork)
        {
            var worst = cost.CostliestParagraph;
            throw new UnrenderableMarkdownException(
                string.Create(German,
                    $"Der Text ist zu aufwendig zu setzen: zu viele Auszeichnungen ([ ] * _ ~ ` | oder Webadressen) in zu langen Absätzen. Am aufwendigsten ist der Absatz, der in dieser Zeile beginnt, mit {worst.Markup:N0} Auszeichnungen auf {worst.Length:N0} Zeichen. Bitte lange Absätze teilen oder Auszeichnungen entfernen."),
                worst.Line);
        }
    }

    public static MarkdownCost Measure(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var scan = new MarkdownBudgetScan();
        var lineNumber = 0;
        for (var start = 0; start <= markdown.Length; lineNumber++)
        {
            var end = markdown.IndexOf('\n', start);
            if (end < 0)
            {
                end = markdown.Length;
            }

            scan.Line(markdown.AsSpan(start, end - start).TrimEnd('\r'), lineNumber + 1);
            start = end + 1;
        }

        return scan.Result(lineNumber);
    }
}

/// <summary>One paragraph's share of the budget: where it starts, its markup, its length and the work estimated.</summary>
public sealed record ParagraphCost(int Line, int Markup, int Length, long Work);

/// <param name="DeepestQuote">The most quote markers (&gt;) at the start of a line, and that line.</param>
/// <param name="InlinePieces">The characters set one by one; compare <see cref="MarkdownBudget.MaxInlinePieces"/>.</param>
/// <param name="InlineWork">The paragraphs' work, summed; compare <see cref="MarkdownBudget.MaxInlineWork"/>.</param>
public sealed record MarkdownCost(
    int Lines, (int Depth, int Line) DeepestQuote, int InlinePieces, int? FirstInlinePieceOverLimit,
    int ReplacingBlocks, int? FirstReplacingBlockOverLimit, long InlineWork, ParagraphCost CostliestParagraph,
    (int Pipes, int Line) MostPipesWithMarkup);
