using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Markdown;
using NewsSite.Core.SitePages;

namespace NewsSite.Core.Tests.SitePages;

public class SitePageParserTests
{
    private static readonly SitePageParser Parser = new(new MarkdownRenderer());

    [Theory]
    [InlineData("impressum")]
    [InlineData("ueber-uns")]
    [InlineData("agb-2025")]
    public void Prepare_TakesALowerCaseAddress(string slug) =>
        Assert.Equal(slug, Parser.Prepare(slug, "Titel", "Text.").Slug);

    [Theory]
    [InlineData("Impressum", "nur Kleinbuchstaben")]
    [InlineData("über-uns", "nur Kleinbuchstaben")]
    [InlineData("a/b", "nur Kleinbuchstaben")]
    [InlineData("artikel", "gehört der Website selbst")]
    [InlineData("admin", "gehört der Website selbst")]
    [InlineData("neu", "gehört der Website selbst")]
    [InlineData("", "Bitte eine Adresse angeben")]
    public void Prepare_RefusesAnAddressThatIsNoSlugOrTheSitesOwn(string slug, string message)
    {
        var refused = Assert.Throws<SitePageException>(() => Parser.Prepare(slug, "Titel", "Text."));

        Assert.Equal("slug", refused.Field);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_RefusesTitleControlsAndTooLongTexts_NamingTheField()
    {
        Assert.Equal("title", Assert.Throws<SitePageException>(() => Parser.Prepare("a", "Impr\u202Eessum", "Text.")).Field);
        Assert.Equal("title", Assert.Throws<SitePageException>(() => Parser.Prepare("a", new string('x', 121), "Text.")).Field);
        Assert.Equal("markdown", Assert.Throws<SitePageException>(() => Parser.Prepare("a", "Titel", new string('x', 200_001))).Field);
        Assert.Equal("markdown", Assert.Throws<SitePageException>(() => Parser.Prepare("a", "Titel", "Text\u0007")).Field);
    }

    [Fact]
    public void Prepare_EscapesRawHtml_AndKeepsLineBreaksForAddresses()
    {
        var page = Parser.Prepare("impressum", "  Impressum  ", "Musterverlag GmbH  \nMusterstraße 1\n\n<script>alert(1)</script>");

        Assert.Equal("Impressum", page.Title);
        Assert.Contains("Musterverlag GmbH<br />", page.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReadsTitleAndBody_AndRefusesUnknownFieldsWithTheLine()
    {
        var page = Parser.Parse("seiten/impressum.md", "impressum", Encoding.UTF8.GetBytes("---\ntitle: Impressum\n---\n\nText.\n"));
        Assert.Equal(("impressum", "Impressum", "Text."), (page.Slug, page.Title, page.Markdown));

        var unknown = Assert.Throws<ArticleFormatException>(() =>
            Parser.Parse("seiten/impressum.md", "impressum", Encoding.UTF8.GetBytes("---\ntitle: Impressum\nauthor: Anna\n---\n\nText.\n")));
        Assert.Equal(3, unknown.Line);
        var untitled = Assert.Throws<ArticleFormatException>(() =>
            Parser.Parse("seiten/impressum.md", "impressum", Encoding.UTF8.GetBytes("---\ntitle: \"\"\n---\n\nText.\n")));
        Assert.Equal("title", untitled.Field);
    }
}
