using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Core.Export;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>Dates from front matter and from the editor's date field: one reader, one range, a German reason.</summary>
public class ArticleDatesTests
{
    private static ArticleContent Parse(string frontMatter) =>
        TestDatabase.Parser.Parse("datum.md", $"---\ntitle: T\n{frontMatter}\n---\n\nText.");

    [Theory]
    [InlineData("date: 0001-01-01T00:30")] // Berlin's offset takes it below DateTimeOffset.MinValue: was a 500
    [InlineData("date: 0001-01-01")]
    [InlineData("date: 0001-01-01T00:30:00+01:00")]
    [InlineData("updated: 0001-01-01T00:00")]
    [InlineData("date: 9999-12-31T23:59")] // German time runs into the year 10000 in UTC+1
    [InlineData("date: 1899-12-31T23:59")]
    [InlineData("date: 2101-01-01")]
    [InlineData("date: 1900-01-01T00:30+02:00")] // still 1899 in Germany
    public void ADateOutsideTheYearsAllowed_IsRefused_NamingFieldLineAndRange(string frontMatter)
    {
        var e = Assert.Throws<ArticleFormatException>(() => Parse(frontMatter));

        Assert.Equal(frontMatter.Split(':')[0], e.Field);
        Assert.Equal(3, e.Line);
        Assert.Contains("liegt außerhalb des erlaubten Zeitraums: Erlaubt sind Daten in den Jahren 1900 bis 2100 (deutsche Zeit).", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1900-01-01T00:00", "1899-12-31T23:00:00Z")]
    [InlineData("2100-12-31T23:59:59", "2100-12-31T22:59:59Z")]
    public void TheFirstAndLastMomentsOfTheRange_AreDates(string date, string utc)
    {
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Parse($"date: {date}").PublishedAt);
    }

    [Fact]
    public void TheEditorsDateField_IsHeldToTheSameRange_WithTheFieldNamed()
    {
        var drafts = new ArticleDraft(TestDatabase.Parser, ArticleFileLimit.Default);
        var e = Assert.Throws<ArticleFormatException>(() => drafts.Compose(
            null, new EditorFields("T", Date: "0001-01-01T00:30"), "Text.", PublishIntent.Publish, DateTimeOffset.UnixEpoch));

        Assert.Equal("Editor, Feld „date“: „0001-01-01T00:30“ liegt außerhalb des erlaubten Zeitraums: Erlaubt sind Daten in den Jahren 1900 bis 2100 (deutsche Zeit).", e.Message);
    }

    [Fact]
    public void TheEditorsDateField_CannotCarryALineOfYamlIntoTheSource()
    {
        var drafts = new ArticleDraft(TestDatabase.Parser, ArticleFileLimit.Default);
        var e = Assert.Throws<ArticleFormatException>(() => drafts.Compose(
            null, new EditorFields("T", Date: "2025-03-14T09:30\nslug: fremd"), "Text.", PublishIntent.Publish, DateTimeOffset.UnixEpoch));

        Assert.Equal("date", e.Field);
        Assert.Contains("kein Datum im Format ISO 8601", e.Reason, StringComparison.Ordinal);
    }
}
