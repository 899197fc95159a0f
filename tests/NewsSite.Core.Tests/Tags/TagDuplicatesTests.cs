using NewsSite.Core.Tags;

namespace NewsSite.Core.Tests.Tags;

public class TagDuplicatesTests
{
    private static int _lastId;

    private static TagSummary Tag(string name, int articles = 1) =>
        new(Interlocked.Increment(ref _lastId), name, name.ToLowerInvariant(), articles, articles, []);

    private static List<string> Pairs(params TagSummary[] tags) =>
        [.. TagDuplicates.Find(tags).Select(d => $"{d.Merge.Name} → {d.Keep.Name} ({d.Kind})")];

    [Theory]
    [InlineData("Köln", "Koeln")]
    [InlineData("Straße", "Strasse")]
    [InlineData("Übergriff", "Uebergriff")]
    [InlineData("Naher Osten", "Naher-Osten")]
    [InlineData("E-Mail", "e mail")]
    [InlineData("Öl", "OEL")]
    public void SpellingsThatDifferOnlyByUmlautsCaseHyphenOrSpace_AreAPair(string a, string b)
    {
        var pair = Assert.Single(TagDuplicates.Find([Tag(a), Tag(b)]));

        Assert.Equal(DuplicateKind.Spelling, pair.Kind);
        Assert.Equal(TagDuplicates.Fold(a), TagDuplicates.Fold(b));
    }

    [Theory]
    [InlineData("Flüchtling", "Flüchtlinge")]
    [InlineData("Bundestag", "Bundestga")]
    [InlineData("Regierung", "Regirung")]
    [InlineData("Wahlkampf", "Wahlkämpf")]
    public void NamesOfFiveOrMoreOneLetterApart_AreAPair(string a, string b) =>
        Assert.Equal(DuplicateKind.OneLetter, Assert.Single(TagDuplicates.Find([Tag(a), Tag(b)])).Kind);

    [Theory]
    [InlineData("USA", "UNO")]
    [InlineData("Bahn", "Bann")]
    [InlineData("Wahl 2021", "Wahl 2025")]
    [InlineData("G7", "G8")]
    [InlineData("Flüchtling", "Flüchtlingen")]
    [InlineData("Sport", "Kultur")]
    public void ShortNames_NamesDifferingInDigits_AndFartherApart_AreNoPair(string a, string b) =>
        Assert.Empty(TagDuplicates.Find([Tag(a), Tag(b)]));

    [Fact]
    public void TheSpellingWithUmlauts_IsTheSuggestedTarget_ElseTheTagWithMoreArticles()
    {
        Assert.Equal(["Koeln → Köln (Spelling)"], Pairs(Tag("Köln", 1), Tag("Koeln", 9)));
        Assert.Equal(["Naher Osten → Naher-Osten (Spelling)"], Pairs(Tag("Naher Osten", 1), Tag("Naher-Osten", 4)));
        Assert.Equal(["Flüchtling → Flüchtlinge (OneLetter)"], Pairs(Tag("Flüchtling", 1), Tag("Flüchtlinge", 4)));
        Assert.Equal(["Flüchtlinge → Flüchtling (OneLetter)"], Pairs(Tag("Flüchtlinge", 2), Tag("Flüchtling", 2)));
    }

    [Fact]
    public void EveryPairOnce_SortedByTheTargetInGermanOrder()
    {
        var pairs = Pairs(
            Tag("Zölle", 5), Tag("Zoelle"), Tag("Ärztin", 5), Tag("Aerztin"), Tag("Aerztinnen"), Tag("Verkehr"), Tag("Verkehrs", 3));

        Assert.Equal(
            ["Aerztin → Ärztin (Spelling)", "Verkehr → Verkehrs (OneLetter)", "Zoelle → Zölle (Spelling)"],
            pairs);
    }

    [Fact]
    public void ThreeSpellingsOfOneName_AreThreePairs()
    {
        Assert.Equal(3, TagDuplicates.Find([Tag("Köln"), Tag("Koeln"), Tag("KOELN ")]).Count);
    }

    [Fact]
    public void AThousandsTags_AreComparedWithoutLookingAtEveryPair()
    {
        var tags = Enumerable.Range(0, 5000).Select(i => Tag($"Thema Nummer {i:D5}")).Append(Tag("Thema Numer 00042", articles: 0)).ToArray();

        var pair = Assert.Single(TagDuplicates.Find(tags));

        Assert.Equal(("Thema Numer 00042", "Thema Nummer 00042"), (pair.Merge.Name, pair.Keep.Name));
    }
}
