using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Core.Export;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Editing;

public class ArticleDraftTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 8, 0, 0, TimeSpan.Zero);
    private static readonly ArticleDraft Drafts = new(TestDatabase.Parser, ArticleFileLimit.Default);

    private const string Source = "---\n# aus dem alten CMS\ntitle: \"Alt\"\nauthor: Erika\ntags: [Köln]\ndate: 2025-03-01T09:00\nfeed-id: \"2024-01-01:artikel/1\"\n---\n\nText.\n";

    private static EditorForm Form(string markdown) => EditorForm.FromSource(markdown);

    [Fact]
    public void TheFormTakesTheFieldsFromTheFrontMatter_AndTheBodyAlone()
    {
        var form = Form(Source);

        Assert.Equal(new EditorFields("Alt", Author: "Erika", Date: "2025-03-01T09:00", Tags: "Köln"), form.Fields);
        Assert.Equal("Text.", form.Body);
    }

    [Fact]
    public void TheLeadPicturesFields_AreReadToo()
    {
        var form = Form("---\ntitle: T\nimage: /bilder/a.jpg\nimage-alt: Ein Hafen\nimage-caption: Am Morgen\nimage-credit: Erika\n---\n\nText.");

        Assert.Equal(("/bilder/a.jpg", "Ein Hafen", "Am Morgen", "Erika"),
            (form.Fields.Image, form.Fields.ImageAlt, form.Fields.ImageCaption, form.Fields.ImageCredit));
    }

    [Fact]
    public void SavingTheFormUnchanged_KeepsEveryLineAsWritten_AndTheLinesTheFormHasNoFieldFor()
    {
        var form = Form(Source);

        var (text, content) = Drafts.Compose(Source, form.Fields, form.Body, PublishIntent.Keep, Now);

        Assert.StartsWith(Source, text, StringComparison.Ordinal);
        Assert.Equal("Alt", content.Title);
        Assert.Equal("2024-01-01:artikel/1", content.RequestedFeedKey);
    }

    [Fact]
    public void ChangedFields_AndBody_AreWrittenIntoTheSource()
    {
        var posted = Form(Source).Fields with { Title = "Neu", Tags = "Köln, Bahn", Date = "2025-03-02T10:15", Summary = "Kurz.", Ressort = "" };

        var (text, content) = Drafts.Compose(Source, posted, "Neuer Text.\n\n## Teil zwei", PublishIntent.Keep, Now);

        Assert.Contains("title: \"Neu\"", text, StringComparison.Ordinal);
        Assert.Contains("\nauthor: Erika\n", text, StringComparison.Ordinal); // unchanged: as it was written
        Assert.EndsWith("---\n\nNeuer Text.\n\n## Teil zwei\n", text, StringComparison.Ordinal);
        Assert.Equal(["Köln", "Bahn"], content.Tags.Select(t => t.Display));
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 9, 15, 0, TimeSpan.Zero), content.PublishedAt);
        Assert.Equal("Kurz.", content.Summary);
        Assert.Contains("<h2", content.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptiedField_RemovesTheValue()
    {
        var (text, content) = Drafts.Compose(Source, Form(Source).Fields with { Author = "" }, "Text.", PublishIntent.Keep, Now);

        Assert.DoesNotContain("author:", text, StringComparison.Ordinal);
        Assert.Equal(ArticleParser.DefaultAuthor, content.AuthorName);
    }

    [Fact]
    public void ABodyThatLooksLikeFrontMatter_StaysText()
    {
        var (_, content) = Drafts.Compose(null, new EditorFields("Echt"), "---\ntitle: Untergeschoben\n---\n\nText.", PublishIntent.Draft, Now);

        Assert.Equal("Echt", content.Title);
        Assert.Contains("Untergeschoben", content.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Draft_SetsTheFlag_Publish_RemovesIt_Keep_LeavesIt_AndANewArticleKeptIsADraft()
    {
        var form = Form(Source);
        var (draftText, draft) = Drafts.Compose(Source, form.Fields, form.Body, PublishIntent.Draft, Now);
        var (keptText, kept) = Drafts.Compose(draftText, form.Fields, form.Body, PublishIntent.Keep, Now);
        var (publishedText, published) = Drafts.Compose(keptText, form.Fields, form.Body, PublishIntent.Publish, Now);
        var (_, fresh) = Drafts.Compose(null, new EditorFields("Neu"), "Text.", PublishIntent.Keep, Now);

        Assert.True(draft.IsDraft);
        Assert.Contains("draft: true", draftText, StringComparison.Ordinal);
        Assert.True(kept.IsDraft);
        Assert.False(published.IsDraft);
        Assert.DoesNotContain("draft", publishedText, StringComparison.Ordinal);
        Assert.True(fresh.IsDraft);
    }

    [Fact]
    public void Publish_WithoutADate_WritesNowIntoTheSource()
    {
        var (text, content) = Drafts.Compose(null, new EditorFields("Ohne Datum"), "Text.", PublishIntent.Publish, Now.AddTicks(1234));

        Assert.Contains("date: 2025-03-14T09:00:00+01:00", text, StringComparison.Ordinal);
        Assert.Equal(Now, content.PublishedAt);
    }

    [Fact]
    public void Publish_WithoutADate_KeepsTheDateTheArticleFirstAppeared()
    {
        const string undated = "---\ntitle: Altes Stück\n---\n\nText.";
        var firstAppeared = new DateTimeOffset(2024, 11, 3, 7, 15, 0, TimeSpan.Zero);

        var (text, content) = Drafts.Compose(undated, Form(undated).Fields, "Text.", PublishIntent.Publish, Now, firstAppeared);

        Assert.Contains("date: 2024-11-03T08:15:00+01:00", text, StringComparison.Ordinal);
        Assert.Equal(firstAppeared, content.PublishedAt);
    }

    [Theory]
    [InlineData("morgen", "ist kein Datum")]
    [InlineData("2025-02-30T10:00", "kein gültiges Datum")]
    [InlineData("2025-03-30T02:30", "gibt es in deutscher Zeit nicht")]
    public void ABadDateField_IsReportedForTheField(string date, string message)
    {
        var error = Assert.Throws<ArticleFormatException>(() =>
            Drafts.Compose(Source, Form(Source).Fields with { Date = date }, "Text.", PublishIntent.Keep, Now));

        Assert.Equal("date", error.Field);
        Assert.Contains(message, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce_EachForItsField()
    {
        var posted = new EditorFields("", Date: "morgen", Image: "/bilder/x.jpg");

        var error = Assert.Throws<ArticleFormatException>(() => Drafts.Compose(null, posted, "", PublishIntent.Publish, Now));

        Assert.Equal("body date image-alt title", string.Join(' ', error.Problems.Select(p => p.Field).Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    [InlineData("Der erste Absatz erscheint als Anreißer auf der Startseite.\n\n## Zwischenüberschrift\n\nWeiterer Text …")]
    public void PublishingAnEmptyOrPlaceholderBody_IsRefused_ADraftIsNot(string body)
    {
        var error = Assert.Throws<ArticleFormatException>(() => Drafts.Compose(null, new EditorFields("Titel"), body, PublishIntent.Publish, Now));
        var (_, draft) = Drafts.Compose(null, new EditorFields("Titel"), body, PublishIntent.Draft, Now);

        Assert.Equal(ArticleDraft.BodyField, error.Field);
        Assert.True(draft.IsDraft);
    }

    [Fact]
    public void AProblemInTheBody_IsCountedFromTheBodysFirstLine()
    {
        var body = "Zeile eins.\n\n" + new string('>', 200) + " zu tief verschachtelt";

        var error = Assert.Throws<ArticleFormatException>(() => Drafts.Compose(Source, Form(Source).Fields, body, PublishIntent.Keep, Now));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((ArticleDraft.BodyField, 3), (problem.Field, problem.Line));
    }
}
