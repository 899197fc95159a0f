using NewsSite.Core.Search;

namespace NewsSite.Core.Tests.Search;

public class SpellingDistanceTests
{
    [Theory]
    [InlineData("ukrain", "ukrain", 0)]
    [InlineData("ukrian", "ukrain", 1)] // a swap of neighbours is one slip
    [InlineData("augsbrug", "augsburg", 1)]
    [InlineData("kolm", "koln", 1)]
    [InlineData("geheimprojeckt", "geheimprojekt", 1)]
    [InlineData("hasen", "hafen", 1)]
    [InlineData("stutgart", "stuttgart", 1)]
    [InlineData("frankfrut", "frankfurt", 1)]
    [InlineData("brelin", "berlin", 1)]
    [InlineData("abcdef", "badcfe", 3)]
    public void CountsInsertionsDeletionsSubstitutionsAndSwaps(string a, string b, int distance) =>
        Assert.Equal(distance, SpellingDistance.Within(a, b, limit: 5));

    [Theory]
    [InlineData("haus", "bahnhof")]
    [InlineData("stadt", "xyzzy")]
    public void StopsAtTheLimit(string a, string b) => Assert.Equal(3, SpellingDistance.Within(a, b, limit: 2));
}
