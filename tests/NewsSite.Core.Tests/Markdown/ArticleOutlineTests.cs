using NewsSite.Core.Markdown;

namespace NewsSite.Core.Tests.Markdown;

public class ArticleOutlineTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static ArticleOutline Outline(string markdown) => ArticleOutline.Of(Renderer.Render(markdown).Html);

    [Fact]
    public void Headings_AreReadWithLevelIdAndPlainText()
    {
        var outline = Outline("# Erster *Teil*\n\nText.\n\n### Ein Detail mit `Code` & „Zitat“\n\nMehr.\n\n## Fazit\n\nEnde.\n\n#### Zu fein\n");

        Assert.Equal(
            [
                new OutlineHeading(2, "erster-teil", "Erster Teil"),
                new OutlineHeading(3, "ein-detail-mit-code-zitat", "Ein Detail mit Code & „Zitat“"),
                new OutlineHeading(2, "fazit", "Fazit"),
            ],
            outline.Headings);
        Assert.True(outline.HasContents);
    }

    [Fact]
    public void TwoHeadings_AreNoTableOfContents()
    {
        Assert.False(Outline("## Eins\n\nText\n\n## Zwei\n\nText").HasContents);
    }

    [Fact]
    public void RawHtmlThatLooksLikeAHeading_IsNotOne()
    {
        // Raw HTML is escaped by the renderer, so it cannot smuggle an entry into the table of contents.
        var outline = Outline("<h2 id=\"x\">Falsch</h2>\n\n## Echt");

        Assert.Equal(["Echt"], outline.Headings.Select(h => h.Text));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(200, 1)]
    [InlineData(201, 2)]
    [InlineData(800, 4)]
    [InlineData(801, 5)]
    public void ReadingTime_IsWholeMinutesAtTwoHundredWordsRoundedUp(int words, int minutes)
    {
        var markdown = "## Überschrift\n\n" + string.Join(' ', Enumerable.Repeat("Wort", Math.Max(0, words - 1)));
        var outline = Outline(words == 0 ? "—" : markdown);

        Assert.Equal(words, outline.WordCount);
        Assert.Equal(minutes, outline.ReadingMinutes);
    }

    [Fact]
    public void Words_AreCountedAcrossMarkupButNotSplitByIt()
    {
        var outline = Outline("Ein **fett**gedrucktes Wort, ein [Link](https://example.org) und Nord-Süd-Gefälle.\n\n- eins\n- zwei");

        // Ein, fettgedrucktes, Wort, ein, Link, und, Nord-Süd-Gefälle, eins, zwei: inline markup joins, blocks separate.
        Assert.Equal(9, outline.WordCount);
    }
}
