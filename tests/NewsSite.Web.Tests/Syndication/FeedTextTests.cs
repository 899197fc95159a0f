using NewsSite.Web.Syndication;

namespace NewsSite.Web.Tests.Syndication;

public class FeedTextTests
{
    [Theory]
    [InlineData("Ohne Befund: äöü ß – „Zitat“ 😀 \t\r\n", "Ohne Befund: äöü ß – „Zitat“ 😀 \t\r\n")]
    [InlineData("a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg", "abcdefg")]
    [InlineData("a\uFFFEb\uFFFFc", "abc")]
    [InlineData("pair at the end \uD83D\uDE00", "pair at the end \uD83D\uDE00")]
    public void Clean_RemovesExactlyWhatXml10Forbids(string text, string expected)
    {
        Assert.Equal(expected, FeedText.Clean(text));
    }

    /// <summary>Built in code: test data with a lone surrogate does not survive the test runner's serialization.</summary>
    [Fact]
    public void Clean_RemovesSurrogatesWithoutTheirPartner_AndKeepsPairs()
    {
        char high = (char)0xD83D, low = (char)0xDE00;
        var text = $"lone {high} high, lone {low} low, reversed {low}{high} end, pair {high}{low}";

        Assert.Equal($"lone  high, lone  low, reversed  end, pair {high}{low}", FeedText.Clean(text));
        Assert.Equal("", FeedText.Clean(high.ToString()));
    }

    [Fact]
    public void Clean_ReturnsTheSameStringWhenNothingIsForbidden()
    {
        var text = "Nichts zu tun";

        Assert.Same(text, FeedText.Clean(text));
    }

    [Theory]
    [InlineData("<a href=\"/thema/koeln\">x</a>", "<a href=\"https://n.example/thema/koeln\">x</a>")]
    [InlineData("<a href=\"#ende\">x</a>", "<a href=\"https://n.example/artikel/eins#ende\">x</a>")]
    [InlineData("<a href=\"zwei\">x</a>", "<a href=\"https://n.example/artikel/zwei\">x</a>")]
    [InlineData("<a href=\"//andere.example/x\">x</a>", "<a href=\"https://andere.example/x\">x</a>")]
    [InlineData("<img src=\"/bilder/a.png\" alt=\"href=&quot;/x&quot;\" />", "<img src=\"https://n.example/bilder/a.png\" alt=\"href=&quot;/x&quot;\" />")]
    [InlineData("<a href=\"https://example.org/?a=1&amp;b=2\">x</a>", "<a href=\"https://example.org/?a=1&amp;b=2\">x</a>")]
    [InlineData("<a href=\"mailto:redaktion@example.org\">x</a>", "<a href=\"mailto:redaktion@example.org\">x</a>")]
    [InlineData("<a href=\"/suche?q=a&amp;b\">x</a>", "<a href=\"https://n.example/suche?q=a&amp;b\">x</a>")]
    [InlineData("<p>Text mit href=&quot;/x&quot; bleibt Text</p>", "<p>Text mit href=&quot;/x&quot; bleibt Text</p>")]
    public void WithAbsoluteLinks_ResolvesAgainstTheArticle(string html, string expected)
    {
        Assert.Equal(expected, FeedText.WithAbsoluteLinks(html, new Uri("https://n.example/artikel/eins")));
    }
}
