using NewsSite.Core.Tags;

namespace NewsSite.Core.Tests.Tags;

public class TagNameTests
{
    [Theory]
    [InlineData("Köln")]
    [InlineData("köln ")]
    [InlineData("KÖLN")]
    [InlineData("  Ko\u0308ln")]
    public void SpellingsThatDifferOnlyByCaseOrSpacesShareOneKey(string spelling)
    {
        var tag = TagName.TryCreate(spelling)!;

        Assert.Equal("köln", tag.Key);
        Assert.Equal("koeln", tag.Slug);
    }

    [Fact]
    public void InnerWhitespaceIsCollapsed()
    {
        var tag = TagName.TryCreate("  Naher   Osten ")!;

        Assert.Equal("Naher Osten", tag.Display);
        Assert.Equal("naher osten", tag.Key);
        Assert.Equal("naher-osten", tag.Slug);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void EmptyTagsAreRefused(string? text) => Assert.Null(TagName.TryCreate(text));

    [Fact]
    public void OverlongTagsAreRefused() => Assert.Null(TagName.TryCreate(new string('x', TagName.MaxLength + 1)));
}
