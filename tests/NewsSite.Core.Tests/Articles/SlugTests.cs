using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Articles;

public class SlugTests
{
    [Theory]
    [InlineData("Gespräche über Köln", "gespraeche-ueber-koeln")]
    [InlineData("Straße der Einheit", "strasse-der-einheit")]
    [InlineData("ÄRGER ÖFFENTLICH ÜBEL", "aerger-oeffentlich-uebel")]
    [InlineData("GROẞE Pläne", "grosse-plaene")]
    [InlineData("Kreml lehnt internationale Truppen in Ukraine strikt ab", "kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab")]
    [InlineData("„Wir sind bereit!“ – sagt er…", "wir-sind-bereit-sagt-er")]
    [InlineData("  Preise: +3,5 % (Januar)  ", "preise-3-5-januar")]
    [InlineData("Café & Crème brûlée", "cafe-creme-brulee")]
    [InlineData("K\u0061\u0308se", "kaese")] // "ä" written as a plus combining diaeresis
    [InlineData("C# und .NET 10", "c-und-net-10")]
    public void FromText_TransliteratesGermanAndHyphenates(string title, string expected) =>
        Assert.Equal(expected, Slug.FromText(title, fallback: "artikel"));

    [Theory]
    [InlineData("")]
    [InlineData("!!! ???")]
    [InlineData("日本語")]
    public void FromText_UsesFallbackWhenNothingIsLeft(string title) =>
        Assert.Equal("artikel", Slug.FromText(title, fallback: "artikel"));

    [Fact]
    public void FromText_ShortensLongTitlesAtAWordBoundary()
    {
        var slug = Slug.FromText(string.Join(' ', Enumerable.Repeat("Bundesverfassungsgericht", 10)), "artikel");

        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.EndsWith("bundesverfassungsgericht", slug, StringComparison.Ordinal);
        Assert.True(Slug.IsValid(slug));
    }

    [Theory]
    [InlineData("koeln-2025", true)]
    [InlineData("a", true)]
    [InlineData("Koeln", false)]
    [InlineData("köln", false)]
    [InlineData("-koeln", false)]
    [InlineData("koeln--bonn", false)]
    [InlineData("koeln/bonn", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_AcceptsOnlyLowerCaseWordsAndSingleHyphens(string? slug, bool valid) =>
        Assert.Equal(valid, Slug.IsValid(slug));

    [Fact]
    public async Task MakeUnique_AppendsTheFirstFreeNumber()
    {
        var taken = new HashSet<string> { "wahl", "wahl-2" };

        var slug = await Slug.MakeUniqueAsync("wahl", s => Task.FromResult(taken.Contains(s)));

        Assert.Equal("wahl-3", slug);
    }

    [Fact]
    public async Task MakeUnique_KeepsAFreeSlugAsItIs()
    {
        var slug = await Slug.MakeUniqueAsync("wahl", _ => Task.FromResult(false));

        Assert.Equal("wahl", slug);
    }

    [Fact]
    public async Task MakeUnique_StaysWithinMaxLength()
    {
        var longSlug = new string('a', Slug.MaxLength);

        var slug = await Slug.MakeUniqueAsync(longSlug, s => Task.FromResult(s == longSlug));

        Assert.Equal(Slug.MaxLength, slug.Length);
        Assert.EndsWith("-2", slug, StringComparison.Ordinal);
    }
}
