using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Articles;

/// <summary>How the reader's text becomes FTS5 terms: only words, each quoted, never the reader's syntax.</summary>
public class SearchQueryTests
{
    [Theory]
    [InlineData("Köln", "\"koln\"*")]
    [InlineData("  Köln   Stadtbahn ", "\"koln\"* \"stadtbahn\"*")]
    [InlineData("title:Köln", "\"titl\"* \"koln\"*")]
    [InlineData("' OR 1=1 --", "\"1\"")]
    [InlineData("NEAR(ab cd)", "\"ab\"* \"cd\"*")]
    [InlineData("ab AND cd", "\"ab\"* \"cd\"*")]
    [InlineData("-xy ^yz \"unbalanced", "\"xy\"* \"yz\"* \"unbalanced\"*")]
    [InlineData("Nord-Stream 2", "\"nord\"* \"stream\"* \"2\"")]
    [InlineData("Ko\u0308ln", "\"koln\"*")]
    [InlineData("\u202Ekoln", "\"koln\"*")]
    [InlineData("Köln 🙂 Bonn", "\"koln\"* \"bonn\"*")]
    [InlineData("Köln köln KÖLN koeln", "\"koln\"*")]
    public void Terms_AreTheWordsOnly_AsTheIndexHoldsThem_EachQuotedAsAPrefix(string input, string expected) =>
        Assert.Equal(expected, SearchQuery.Parse(input).ToMatchExpression());

    [Theory]
    [InlineData("E-Auto", "\"e\" \"auto\"*")]
    [InlineData("a e i s", "\"a\" \"e\" \"i\" \"s\"")]
    [InlineData("A 7 Stau", "\"a\" \"7\" \"stau\"*")]
    [InlineData("a\u0308 b\u0308c", "\"a\" \"b\u0308c\"*")]
    [InlineData("𝐀", "\"𝐀\"")]
    public void OneLetterTerms_AreWholeWords_NotPrefixesOfEveryWordWithThatLetter(string input, string expected) =>
        Assert.Equal(expected, SearchQuery.Parse(input).ToMatchExpression());

    [Theory]
    [InlineData("\u202Egpj.exe", "gpj.exe")]
    [InlineData("K\u202Aö\u202Bl\u202Cn\u202D", "Köln")]
    [InlineData("\u2066Köln\u2069 \u2067Bonn\u2068", "Köln Bonn")]
    [InlineData("Köln\u200F", "Köln\u200F")]
    public void DirectionOverridesAndIsolates_AreRemovedFromTheShownText_MarksStay(string input, string shown) =>
        Assert.Equal(shown, SearchQuery.Parse(input).Text);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("***")]
    [InlineData("NEAR(")]
    [InlineData("🙂🙂")]
    [InlineData("\u0301\u0301")]
    [InlineData("\u202E")]
    public void InputWithoutAWord_IsEmpty(string? input)
    {
        var query = SearchQuery.Parse(input);

        Assert.True(query.IsEmpty);
        Assert.Equal("", query.ToMatchExpression());
    }

    [Theory]
    [InlineData("Köln OR Bonn", "\"koln\"* \"bonn\"*")]
    [InlineData("NOT Bonn", "\"bonn\"*")]
    [InlineData("Not oder and near", "\"not\"* \"oder\"* \"and\"* \"near\"*")]
    public void OperatorsInCapitals_AreLeftOut_OtherSpellingsAreWords(string input, string expected) =>
        Assert.Equal(expected, SearchQuery.Parse(input).ToMatchExpression());

    [Fact]
    public void LongInput_IsCutTo200CharactersAndSaysSo()
    {
        var query = SearchQuery.Parse("  Stadtbahn" + new string(' ', 195) + "Käfer  ");

        Assert.True(query.WasShortened);
        Assert.Equal("Stadtbahn", query.Text);
        Assert.Equal(["Stadtbahn"], query.Terms);
    }

    [Fact]
    public void InputOfExactly200Characters_IsKeptWhole()
    {
        var text = new string('a', 195) + " Bonn";

        var query = SearchQuery.Parse(text);

        Assert.False(query.WasShortened);
        Assert.Equal(text, query.Text);
        Assert.Equal([new string('a', 195), "Bonn"], query.Terms);
    }

    [Fact]
    public void Cut_NeverSplitsASurrogatePair()
    {
        // U+1D400 (a mathematical letter) needs two UTF-16 units; the 200th unit would be its first half.
        var query = SearchQuery.Parse(new string('a', 199) + "\U0001D400" + "bcd");

        Assert.Equal(199, query.Text.Length);
        Assert.False(char.IsSurrogate(query.Text[^1]));
    }

    [Fact]
    public void LettersBeyondTheFirstPlane_AreLettersNotSeparators() =>
        Assert.Equal(["a\U0001D400b"], SearchQuery.Parse("a\U0001D400b").Terms);

    [Fact]
    public void AtMostTenTermsAreKept()
    {
        var query = SearchQuery.Parse(string.Join(' ', Enumerable.Range(1, 15).Select(i => $"w{i}")));

        Assert.Equal(Enumerable.Range(1, SearchQuery.MaxTerms).Select(i => $"w{i}"), query.Terms);
    }

    [Fact]
    public void AQuoteInsideATerm_WouldBeDoubled()
    {
        // Terms hold letters and digits only, so this cannot happen today; the quoting must not depend on that.
        Assert.Equal("\"a\"\"b\"*", SearchQuery.MatchExpressionOf([new SearchTerm("a\"b", IsPrefix: true)]));
    }

    [Theory]
    [InlineData("ae", "\"a\"")]
    [InlineData("Straße", "\"strass\"*")]
    [InlineData("Gefangener Gefangene", "\"gefang\"*")]
    public void Terms_OfOneLetterAfterAnalysis_AreWholeWords_AndInflectionsOneTerm(string input, string expected) =>
        Assert.Equal(expected, SearchQuery.Parse(input).ToMatchExpression());
}
