using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Editing;

public class FrontMatterEditorTests
{
    private const string Source = "---\ntitle: Alt # Kommentar bleibt? nein, Zeile wird ersetzt\n# ein Kommentar\ntags:\n- Köln\n- Bahn\nauthor: Erika\n---\n\n# Text\n";

    [Fact]
    public void ReplacesAFieldInPlace_KeepingEveryOtherLine()
    {
        var result = FrontMatterEditor.Apply(Source, [new("title", "\"Neu\"")]);

        Assert.Equal("---\ntitle: \"Neu\"\n# ein Kommentar\ntags:\n- Köln\n- Bahn\nauthor: Erika\n---\n\n# Text\n", result);
    }

    [Fact]
    public void ReplacesABlockListWithAllItsLines()
    {
        var result = FrontMatterEditor.Apply(Source, [new("tags", "[\"Umwelt\"]")]);

        Assert.Contains("tags: [\"Umwelt\"]\nauthor: Erika\n---", result, StringComparison.Ordinal);
        Assert.DoesNotContain("- Köln", result, StringComparison.Ordinal);
    }

    [Fact]
    public void RemovesAField_AndAddsMissingOnesBeforeTheClosingLine()
    {
        var result = FrontMatterEditor.Apply(Source, [new("author", null), new("draft", "true")]);

        Assert.EndsWith("- Bahn\ndraft: true\n---\n\n# Text\n", result, StringComparison.Ordinal);
        Assert.DoesNotContain("author", result, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainMarkdown_GetsAFrontMatter()
    {
        var result = FrontMatterEditor.Apply("Nur Text.", [new("title", "\"Titel\"")]);

        Assert.Equal("---\ntitle: \"Titel\"\n---\n\nNur Text.", result);
    }

    [Fact]
    public void DoesNotMistakeAFieldWhoseNameStartsTheSame()
    {
        var result = FrontMatterEditor.Apply("---\ntitle: A\ntitles: B\n---\n", [new("title", "\"C\"")]);

        Assert.Equal("---\ntitle: \"C\"\ntitles: B\n---\n", result);
    }

    [Fact]
    public void UnclosedFrontMatter_IsLeftForTheParserToReport()
    {
        Assert.Equal("---\ntitle: A\n", FrontMatterEditor.Apply("---\ntitle: A\n", [new("title", "\"B\"")]));
    }

    [Theory]
    [InlineData("Anführungszeichen \" und \\ Backslash")]
    [InlineData("Doppelpunkt: und # Raute")]
    [InlineData("- beginnt wie eine Liste")]
    [InlineData("[eckig]")]
    [InlineData("&anker *alias !tag")]
    [InlineData("Tab\tim Text")]
    [InlineData("true")]
    public void QuotedValues_ReadBackExactly(string title)
    {
        var text = FrontMatterEditor.Apply("---\ntitle: x\n---\n\nText.", [new("title", YamlText.Quote(title)), new("tags", YamlText.List([title[..Math.Min(title.Length, 40)]]))]);

        var front = FrontMatterReader.Read("t.md", text).FrontMatter;

        Assert.Equal(title.Replace('\t', ' '), front.Title);
    }

    [Fact]
    public void Instants_AreWrittenInBerlinTimeAndReadBackToTheSameInstant()
    {
        var instant = new DateTimeOffset(2025, 7, 1, 8, 30, 15, TimeSpan.Zero);
        var text = FrontMatterEditor.Apply(ArticleFile.With("T", "2025-01-01", "[]"), [new("date", YamlText.Instant(instant))]);

        Assert.Contains("date: 2025-07-01T10:30:15+02:00", text, StringComparison.Ordinal);
        Assert.Equal(instant, FrontMatterReader.Read("t.md", text).FrontMatter.Date);
    }
}
