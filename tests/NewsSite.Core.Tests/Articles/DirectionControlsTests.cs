using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Markdown;

namespace NewsSite.Core.Tests.Articles;

/// <summary>Direction overrides and isolates in a stored name would turn the page around it; names refuse them.</summary>
public class DirectionControlsTests
{
    private static readonly ArticleParser Parser = new(new MarkdownRenderer());

    public static TheoryData<string, string> NamesWithAControl() => new()
    {
        { "title", "---\ntitle: \"Rechnung \u202Egpj.exe\"\n---\n\nText.\n" },
        { "title", "---\ntitle: \"Isoliert \u2067x\u2069\"\n---\n\nText.\n" },
        { "author", "---\ntitle: T\nauthor: \"Anna \u202DBerger\"\n---\n\nText.\n" },
        { "summary", "---\ntitle: T\nsummary: \"Kurz \u202B\"\n---\n\nText.\n" },
        { "tags", "---\ntitle: T\ntags: [Köln, \"Bonn\u2066\"]\n---\n\nText.\n" },
    };

    [Theory]
    [MemberData(nameof(NamesWithAControl))]
    public void ANameWithADirectionControl_IsRefused_NamingTheFieldAndTheCharacter(string field, string file)
    {
        var error = Assert.Throws<ArticleFormatException>(() => Parser.Parse("a.md", Encoding.UTF8.GetBytes(file)));

        Assert.Equal(field, error.Field);
        Assert.Contains("Steuerzeichen U+", error.Message, StringComparison.Ordinal);
        Assert.Contains("Schreibrichtung", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarksForQuotedRightToLeftText_StayAllowed()
    {
        var article = Parser.Parse("a.md", Encoding.UTF8.GetBytes("---\ntitle: \"Zitat \u200Fשלום\u200E heute\"\n---\n\nText.\n"));

        Assert.Contains("\u200F", article.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSummaryTakenFromTheBody_LosesItsControls()
    {
        var article = Parser.Parse("a.md", Encoding.UTF8.GetBytes("---\ntitle: T\n---\n\nErster \u202EAbsatz\u202C hier.\n"));

        Assert.Equal("Erster Absatz hier.", article.Summary);
    }

    [Fact]
    public void AProfileNameWithAControl_IsRefused()
    {
        var error = Assert.Throws<ArticleFormatException>(() => new AuthorProfileParser(new MarkdownRenderer())
            .Parse("authors/anna-berger.md", "anna-berger", Encoding.UTF8.GetBytes("---\nname: \"Anna \u202EBerger\"\n---\n\nBio.\n")));

        Assert.Equal("name", error.Field);
    }
}
