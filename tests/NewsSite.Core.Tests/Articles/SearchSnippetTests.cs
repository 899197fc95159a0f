using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Articles;

public class SearchSnippetTests
{
    private const char Start = SearchSnippet.MatchStart;
    private const char End = SearchSnippet.MatchEnd;

    [Fact]
    public void Markers_BecomeMarkElements_AndTheTextIsEncoded()
    {
        var html = SearchSnippet.ToHtml($"…die {Start}Gespräche{End} über <script>alert(\"x\")</script> & {Start}mehr{End}…");

        Assert.Equal("…die <mark>Gespräche</mark> über &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>mehr</mark>…", html);
    }

    [Theory]
    [InlineData("a\uE001b", "ab")]
    [InlineData("a\uE000b", "a<mark>b</mark>")]
    [InlineData("\uE000a\uE000b\uE001\uE001c", "<mark>ab</mark>c")]
    public void UnpairedMarkers_StillGiveWellFormedHtml(string snippet, string expected) =>
        Assert.Equal(expected, SearchSnippet.ToHtml(snippet));

    [Fact]
    public void WithoutMarkers_RemovesBothMarkersAndNothingElse() =>
        Assert.Equal("Gift <b>", SearchSnippet.WithoutMarkers($"{Start}Gift{End} <b>{Start}"));
}
