using NewsSite.Core.Search;

namespace NewsSite.Core.Tests.Search;

/// <summary>The one analysis that index and query share: spellings and inflections of a word meet in one term.</summary>
public class GermanSearchAnalyzerTests
{
    [Theory]
    [InlineData("Köln", "koeln")]
    [InlineData("KÖLN", "Koeln")]
    [InlineData("Ko\u0308ln", "Köln")]
    [InlineData("Straße", "strasse")]
    [InlineData("STRASSE", "Straße")]
    [InlineData("Gefangene", "Gefangener")]
    [InlineData("Gefangenen", "Gefangene")]
    [InlineData("Müller", "Mueller")]
    [InlineData("Gespräche", "gesprache")]
    [InlineData("Gespräche", "Gespraeche")]
    [InlineData("Café", "Cafe")]
    [InlineData("Übersicht", "Uebersicht")]
    [InlineData("Häuser", "Haus")]
    [InlineData("Städte", "Stadt")]
    [InlineData("Bücher", "Buch")]
    [InlineData("Wahlen", "Wahl")]
    [InlineData("kleinen", "kleines")]
    public void Spellings_AndInflections_MeetInOneTerm(string word, string other) =>
        Assert.Equal(GermanSearchAnalyzer.TermOf(word), GermanSearchAnalyzer.TermOf(other));

    [Theory]
    [InlineData("Quelle", "qulle")]
    [InlineData("Feuer", "feur")]
    [InlineData("Stadtbahn", "Bahn")]
    [InlineData("Südschwarzwald", "Schwarzwald")]
    [InlineData("Ukraine", "Ukriane")]
    [InlineData("Wahl", "Wal")]
    [InlineData("ging", "gehen")]
    [InlineData("Studium", "Studien")]
    public void DifferentWords_StayApart(string word, string other) =>
        Assert.NotEqual(GermanSearchAnalyzer.TermOf(word), GermanSearchAnalyzer.TermOf(other));

    [Theory]
    [InlineData("Quelle", "quell")]
    [InlineData("Köln", "koln")]
    [InlineData("Straße", "strass")]
    [InlineData("Gefangener", "gefang")]
    [InlineData("Ukraine", "ukrain")]
    [InlineData("Stadtbahnnetz", "stadtbahnnetz")]
    [InlineData("2030", "2030")]
    [InlineData("die", "die")]
    public void Terms_AreLowerCaseNormalisedStems(string word, string term) =>
        Assert.Equal(term, GermanSearchAnalyzer.TermOf(word));

    [Fact]
    public void Words_KeepWhereTheyStandInTheOriginalText()
    {
        const string text = "Die Straße – nach Köln!";

        var words = GermanSearchAnalyzer.Words(text);

        Assert.Equal(["die", "strass", "nach", "koln"], words.Select(w => w.Term));
        Assert.Equal(["Die", "Straße", "nach", "Köln"], words.Select(w => text[w.Start..w.End]));
    }

    [Theory]
    [InlineData("E-Auto", new[] { "e", "auto" })]
    [InlineData("a\U0001D400b", new[] { "a\U0001D400b" })]
    [InlineData("\u0301\u0301 ab", new[] { "ab" })]
    [InlineData("ab\uD800cd", new[] { "ab", "cd" })]
    [InlineData("🙂 Bonn", new[] { "bonn" })]
    public void Words_AreRunsOfLettersAndDigits_AsTheQuerySplitsThem(string text, string[] terms) =>
        Assert.Equal(terms, GermanSearchAnalyzer.Words(text).Select(w => w.Term));

    [Fact]
    public void IndexText_IsTheTermsSeparatedBySpaces() =>
        Assert.Equal("neu streck koln", GermanSearchAnalyzer.IndexText("Neue Strecken: Köln"));
}
