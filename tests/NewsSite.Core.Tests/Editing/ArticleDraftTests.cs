using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Core.Export;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Editing;

public class ArticleDraftTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 8, 0, 0, TimeSpan.Zero);
    private static readonly ArticleDraft Drafts = new(TestDatabase.Parser, ArticleFileLimit.Default);

    private const string Source = "---\ntitle: \"Alt\"\nauthor: Erika\ntags: [Köln]\ndate: 2025-03-01T09:00\n---\n\nText.\n";

    private static EditorFields Fields(string markdown) => EditorFields.From(markdown);

    [Fact]
    public void FieldsAreReadFromTheFrontMatter()
    {
        Assert.Equal(new EditorFields("Alt", "", "Erika", "2025-03-01T09:00", "Köln", ""), Fields(Source));
    }

    [Fact]
    public void UnchangedFields_LeaveTheSourceAsTyped()
    {
        var (text, content) = Drafts.Compose(Source, Fields(Source), Fields(Source), PublishIntent.Keep, Now);

        Assert.Equal(Source, text);
        Assert.Equal("Alt", content.Title);
    }

    [Fact]
    public void AChangedField_IsWrittenIntoTheSource()
    {
        var posted = Fields(Source) with { Title = "Neu", Tags = "Köln, Bahn", Date = "2025-03-02T10:15", Summary = "Kurz." };

        var (text, content) = Drafts.Compose(Source, posted, Fields(Source), PublishIntent.Keep, Now);

        Assert.Contains("title: \"Neu\"", text, StringComparison.Ordinal);
        Assert.Equal(["Köln", "Bahn"], content.Tags.Select(t => t.Display));
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 9, 15, 0, TimeSpan.Zero), content.PublishedAt);
        Assert.Equal("Kurz.", content.Summary);
    }

    [Fact]
    public void AnEditInTheSource_IsNotUndoneByTheStaleField()
    {
        var edited = Source.Replace("title: \"Alt\"", "title: \"Im Quelltext geändert\"", StringComparison.Ordinal);

        var (_, content) = Drafts.Compose(edited, Fields(Source), Fields(Source), PublishIntent.Keep, Now);

        Assert.Equal("Im Quelltext geändert", content.Title);
    }

    [Fact]
    public void AnEmptiedField_RemovesTheValue()
    {
        var (text, content) = Drafts.Compose(Source, Fields(Source) with { Author = "" }, Fields(Source), PublishIntent.Keep, Now);

        Assert.DoesNotContain("author:", text, StringComparison.Ordinal);
        Assert.Equal(ArticleParser.DefaultAuthor, content.AuthorName);
    }

    [Fact]
    public void Draft_SetsTheFlag_Publish_RemovesIt()
    {
        var (draftText, draft) = Drafts.Compose(Source, Fields(Source), Fields(Source), PublishIntent.Draft, Now);
        var (publishedText, published) = Drafts.Compose(draftText, Fields(draftText), Fields(draftText), PublishIntent.Publish, Now);

        Assert.True(draft.IsDraft);
        Assert.Contains("draft: true", draftText, StringComparison.Ordinal);
        Assert.False(published.IsDraft);
        Assert.DoesNotContain("draft", publishedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_WithoutADate_WritesNowIntoTheSource()
    {
        const string undated = "---\ntitle: Ohne Datum\n---\n\nText.";

        var (text, content) = Drafts.Compose(undated, Fields(undated), Fields(undated), PublishIntent.Publish, Now.AddTicks(1234));

        Assert.Contains("date: 2025-03-14T09:00:00+01:00", text, StringComparison.Ordinal);
        Assert.Equal(Now, content.PublishedAt);
    }

    [Fact]
    public void Publish_WithoutADate_KeepsTheDateTheArticleFirstAppeared()
    {
        const string undated = "---\ntitle: Altes Stück\n---\n\nText.";
        var firstAppeared = new DateTimeOffset(2024, 11, 3, 7, 15, 0, TimeSpan.Zero);

        var (text, content) = Drafts.Compose(undated, Fields(undated), Fields(undated), PublishIntent.Publish, Now, firstAppeared);

        Assert.Contains("date: 2024-11-03T08:15:00+01:00", text, StringComparison.Ordinal);
        Assert.Equal(firstAppeared, content.PublishedAt);
    }

    [Fact]
    public void PlainMarkdownWithFields_BecomesAnArticle()
    {
        var posted = EditorFields.Empty with { Title = "Nur Felder", Tags = "A" };

        var (text, content) = Drafts.Compose("Nur Text.", posted, EditorFields.Empty, PublishIntent.Draft, Now);

        Assert.StartsWith("---\ntitle: \"Nur Felder\"\ntags: [\"A\"]\ndraft: true\n---\n", text, StringComparison.Ordinal);
        Assert.Equal("Nur Felder", content.Title);
    }

    [Theory]
    [InlineData("morgen", "ist kein Datum")]
    [InlineData("2025-02-30T10:00", "kein gültiges Datum")]
    [InlineData("2025-03-30T02:30", "gibt es in deutscher Zeit nicht")]
    public void ABadDateField_IsReportedForTheField(string date, string message)
    {
        var error = Assert.Throws<ArticleFormatException>(() =>
            Drafts.Compose(Source, Fields(Source) with { Date = date }, Fields(Source), PublishIntent.Keep, Now));

        Assert.Equal("date", error.Field);
        Assert.Contains(message, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingTitle_IsReported()
    {
        var error = Assert.Throws<ArticleFormatException>(() =>
            Drafts.Compose("Text ohne alles.", EditorFields.Empty, EditorFields.Empty, PublishIntent.Publish, Now));

        Assert.Equal("title", error.Field);
    }
}
