using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Core.Export;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Editing;

/// <summary>
/// When a save tells readers „Aktualisiert am“: a published article that stays published and whose readers see a
/// change, unless the editor calls it minor; always with a correction note. Drafts and scheduled articles never.
/// </summary>
public class ArticleUpdateTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 8, 30, 15, 500, TimeSpan.Zero);
    private static readonly DateTimeOffset NowToTheSecond = new(2025, 3, 14, 8, 30, 15, TimeSpan.Zero);
    private static readonly ArticleDraft Drafts = new(TestDatabase.Parser, ArticleFileLimit.Default);

    private const string Published = "---\ntitle: \"Streik im Nahverkehr\"\nauthor: Erika\ntags: [Verkehr]\ndate: 2025-03-01T09:00\n---\n\nDer Streik endet am Freitag.\n";

    private static UpdateNotice Live(bool minor = false, string correction = "") => new(WasPublished: true, minor, correction);

    private static (string Text, ArticleContent Content) Save(
        string stored, EditorFields? fields = null, string? body = null, UpdateNotice? notice = null, PublishIntent intent = PublishIntent.Publish)
    {
        var form = EditorForm.FromSource(stored);
        return Drafts.Compose(stored, fields ?? form.Fields, body ?? form.Body, intent, Now, notice: notice ?? Live());
    }

    [Theory]
    [InlineData("title")]
    [InlineData("summary")]
    [InlineData("tags")]
    [InlineData("author")]
    [InlineData("body")]
    public void APublicChange_SetsUpdatedToTheSavesSecond_InTheSource(string changed)
    {
        var fields = EditorForm.FromSource(Published).Fields;
        fields = changed switch
        {
            "title" => fields with { Title = "Streik im Nahverkehr beendet" },
            "summary" => fields with { Summary = "Kurz." },
            "tags" => fields with { Tags = "Verkehr, Streik" },
            "author" => fields with { Author = "Max" },
            _ => fields,
        };

        var (text, content) = Save(Published, fields, changed == "body" ? "Der Streik endete am Donnerstag." : null);

        Assert.Equal(NowToTheSecond, content.UpdatedAt);
        Assert.Contains("\nupdated: 2025-03-14T09:30:15+01:00\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AMinorChange_LeavesTheUpdateDateAsItWas()
    {
        var stored = Published.Replace("date: 2025-03-01T09:00\n", "date: 2025-03-01T09:00\nupdated: 2025-03-02T10:00\n", StringComparison.Ordinal);

        var (text, content) = Save(stored, body: "Der Streik endet am Freitag!", notice: Live(minor: true));

        Assert.Equal(new DateTimeOffset(2025, 3, 2, 9, 0, 0, TimeSpan.Zero), content.UpdatedAt);
        Assert.Contains("\nupdated: 2025-03-02T10:00\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnchangedSave_AndAChangeReadersCannotSee_LeaveTheSourceAlone()
    {
        var unchanged = Save(Published);
        var emphasis = Save(Published.Replace("am Freitag.", "am *Freitag*.", StringComparison.Ordinal), body: "Der Streik endet am _Freitag_.");

        Assert.Equal(Published, unchanged.Text);
        Assert.Null(unchanged.Content.UpdatedAt);
        Assert.Contains("_Freitag_", emphasis.Text, StringComparison.Ordinal);
        Assert.Null(emphasis.Content.UpdatedAt);
    }

    [Theory]
    [InlineData(false, PublishIntent.Publish, "2025-03-01T09:00")]
    [InlineData(true, PublishIntent.Draft, "2025-03-01T09:00")]
    [InlineData(true, PublishIntent.Publish, "2025-04-01T09:00")]
    public void ADraft_AScheduledArticle_OrOneTakenOffline_GetsNoUpdateDate(bool wasPublished, PublishIntent intent, string date)
    {
        var fields = EditorForm.FromSource(Published).Fields with { Title = "Neuer Titel", Date = date };

        var (text, content) = Save(Published, fields, notice: new UpdateNotice(wasPublished), intent: intent);

        Assert.Null(content.UpdatedAt);
        Assert.DoesNotContain("updated:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorrection_IsAddedWithTheSavesTime_AndAlwaysSetsUpdated_EvenWhenMinor()
    {
        var (first, _) = Save(Published, body: "Der Streik endet am Donnerstag.", notice: Live(correction: "In einer früheren Fassung stand,\nder Streik ende am Freitag."));
        var (text, content) = Drafts.Compose(first, EditorForm.FromSource(first).Fields, EditorForm.FromSource(first).Body, PublishIntent.Keep,
            Now.AddHours(2), notice: Live(minor: true, correction: "Zweite Korrektur."));

        Assert.Equal(
            [
                new ArticleCorrection(NowToTheSecond, "In einer früheren Fassung stand, der Streik ende am Freitag."),
                new ArticleCorrection(NowToTheSecond.AddHours(2), "Zweite Korrektur."),
            ],
            content.Corrections);
        Assert.Equal(NowToTheSecond.AddHours(2), content.UpdatedAt);
        Assert.Contains(
            "corrections:\n  - date: 2025-03-14T09:30:15+01:00\n    text: \"In einer früheren Fassung stand, der Streik ende am Freitag.\"\n" +
            "  - date: 2025-03-14T11:30:15+01:00\n    text: \"Zweite Korrektur.\"\n",
            text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, PublishIntent.Publish)]
    [InlineData(true, PublishIntent.Draft)]
    public void ACorrection_OfAnArticleNotPublishedAfterTheSave_IsRefusedBesideItsField(bool wasPublished, PublishIntent intent)
    {
        var e = Assert.Throws<ArticleFormatException>(() => Save(Published, notice: new UpdateNotice(wasPublished, Correction: "Korrigiert."), intent: intent));

        Assert.Equal(ArticleDraft.CorrectionField, e.Field);
        Assert.Contains("veröffentlichten Artikel", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mit \u0007 Klingel.", "Steuerzeichen U+0007")]
    [InlineData("Gedreht \u202E txt", "Schreibrichtung")]
    public void ACorrectionWithControlCharacters_IsRefused_TogetherWithTheFormsOtherProblems(string correction, string reason)
    {
        var fields = EditorForm.FromSource(Published).Fields with { Title = "" };

        var e = Assert.Throws<ArticleFormatException>(() => Save(Published, fields, notice: Live(correction: correction)));

        Assert.Contains(e.Problems, p => p.Field == ArticleDraft.CorrectionField && p.Reason.Contains(reason, StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Field == "title");
    }

    [Fact]
    public void ACorrectionOverTheLimit_IsRefused()
    {
        var e = Assert.Throws<ArticleFormatException>(() => Save(Published, notice: Live(correction: new string('x', CorrectionText.MaxLength + 1))));

        Assert.Equal(ArticleDraft.CorrectionField, e.Field);
        Assert.Contains($"zu lang ({CorrectionText.MaxLength + 1} Zeichen, höchstens {CorrectionText.MaxLength})", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnHtmlCorrection_StaysText()
    {
        var (_, content) = Save(Published, notice: Live(correction: "<script>alert(1)</script> **fett**"));

        Assert.Equal("<script>alert(1)</script> **fett**", content.Corrections.Single().Text);
        Assert.DoesNotContain("script", content.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void RestoringAnOldVersion_KeepsTheCorrections_AndMarksTheChangedTextUpdated()
    {
        var (corrected, _) = Save(Published, body: "Der Streik endet am Donnerstag.", notice: Live(correction: "Falscher Tag."));

        var (text, content) = Drafts.Restore(corrected, Published, wasPublished: true, Now.AddDays(1));

        Assert.Contains("Der Streik endet am Freitag.", text, StringComparison.Ordinal);
        Assert.Equal("Falscher Tag.", content.Corrections.Single().Text);
        Assert.Equal(NowToTheSecond.AddDays(1), content.UpdatedAt);
    }

    [Fact]
    public void RestoringADraftsVersion_MarksNothing()
    {
        var (text, content) = Drafts.Restore(Published, Published.Replace("Freitag", "Montag", StringComparison.Ordinal), wasPublished: false, Now);

        Assert.Null(content.UpdatedAt);
        Assert.DoesNotContain("updated:", text, StringComparison.Ordinal);
    }
}
