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

    [Theory]
    [InlineData("Köln", null)]
    [InlineData("  Naher   Osten ", null)]
    [InlineData("", "Bitte einen Namen angeben, z. B. „Köln“.")]
    [InlineData("?!", "„?!“ ergibt keine Adresse. Bitte mindestens einen Buchstaben oder eine Ziffer verwenden.")]
    [InlineData("Köln, Bonn", "Ein Schlagwort darf kein Komma enthalten: Im Editor trennt das Komma die Schlagwörter.")]
    [InlineData("Köln\u0007", "Der Name enthält Steuerzeichen. Bitte nur sichtbare Zeichen verwenden.")]
    [InlineData("Köln\u202E", "Der Name enthält Steuerzeichen. Bitte nur sichtbare Zeichen verwenden.")]
    public void ANameForTheAdmin_MustMakeAnAddress_AndHoldNoCommaOrControl(string name, string? problem) =>
        Assert.Equal(problem, TagName.ProblemWith(System.Text.RegularExpressions.Regex.Unescape(name)));

    [Fact]
    public void ATooLongNameForTheAdmin_SaysHowLong() =>
        Assert.Equal($"Der Name ist zu lang (51 Zeichen, höchstens {TagName.MaxLength}).", TagName.ProblemWith(new string('x', 51)));
}
