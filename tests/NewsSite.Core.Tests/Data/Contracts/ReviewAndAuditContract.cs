using NewsSite.Core.Articles;
using NewsSite.Core.Audit;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>
/// Owners, review states and the audit log (decision 0017): who began an article, submit and return, and the entries
/// every publish, schedule, unpublish, trash and restore leaves in the same transaction.
/// </summary>
public abstract class ReviewAndAuditContract : StoreContract
{
    private static async Task<List<(AuditAction, string)>> EventsAsync(StorageUnderTest s, long articleId) =>
        [.. (await s.Storage.AuditLog.ListForArticleAsync(articleId, Token)).Select(e => (e.Action, e.Account))];

    [Fact]
    public async Task AnArticleBegunInTheAdmin_HasItsOwner_AndAnImportedOneHasNone()
    {
        await using var s = await CreateStorageAsync();
        var written = await s.CreateAsync(Article("Von Clara", draft: true), editor: "clara");
        var imported = await s.ImportAsync("datei.md", Article("Aus der Datei"));
        await s.UpdateAsync(written.ArticleId, 1, Article("Von Clara, von Anna bearbeitet", draft: true), editor: "anna");

        Assert.Equal("clara", (await s.Storage.Editing.FindForEditingAsync(written.ArticleId, Token))!.Owner);
        Assert.Null((await s.Storage.Editing.FindForEditingAsync(imported.ArticleId, Token))!.Owner);
        Assert.Equal(["Von Clara, von Anna bearbeitet"], (await s.Storage.Editing.ListForEditorsAsync(
            new EditorArticleFilter(null, null, Owner: "clara"), 1, 10, Token)).Items.Select(a => a.Title));
    }

    [Fact]
    public async Task Submit_PutsADraftInReview_Return_SendsItBack_AndPublishingEndsTheReview()
    {
        await using var s = await CreateStorageAsync();
        var draft = await s.CreateAsync(Article("Zur Prüfung", draft: true), editor: "clara");
        var articles = s.Storage.Articles;

        Assert.Equal(ReviewChange.WrongState, await articles.ReturnFromReviewAsync(draft.ArticleId, "erika", "Zu früh", Token));
        Assert.Equal(ReviewChange.Done, await articles.SubmitForReviewAsync(draft.ArticleId, "clara", Token));
        var inReview = (await s.Storage.Editing.FindForEditingAsync(draft.ArticleId, Token))!;
        Assert.Equal((ArticleStatus.InReview, ReviewState.Pending), (inReview.Status, inReview.Review));
        Assert.Equal(["Zur Prüfung"], (await s.Storage.Editing.ListForEditorsAsync(
            new EditorArticleFilter(ArticleStatus.InReview, null), 1, 10, Token)).Items.Select(a => a.Title));

        Assert.Equal(ReviewChange.Done, await articles.ReturnFromReviewAsync(draft.ArticleId, "erika", "Bitte belegen.", Token));
        var returned = (await s.Storage.Editing.FindForEditingAsync(draft.ArticleId, Token))!;
        Assert.Equal((ArticleStatus.Draft, ReviewState.Returned), (returned.Status, returned.Review));
        Assert.Equal("Bitte belegen.", (await s.Storage.AuditLog.FindLatestAsync(draft.ArticleId, AuditAction.Returned, Token))!.Detail);

        await articles.SubmitForReviewAsync(draft.ArticleId, "clara", Token);
        await s.UpdateAsync(draft.ArticleId, 1, Article("Zur Prüfung"), editor: "erika");
        var published = (await s.Storage.Editing.FindForEditingAsync(draft.ArticleId, Token))!;
        Assert.Equal((ArticleStatus.Published, ReviewState.None), (published.Status, published.Review));
        Assert.Equal(ReviewChange.WrongState, await articles.SubmitForReviewAsync(draft.ArticleId, "clara", Token));
        Assert.Equal(ReviewChange.NotFound, await articles.SubmitForReviewAsync(4711, "clara", Token));
        Assert.Equal(
            [(AuditAction.Submitted, "clara"), (AuditAction.Returned, "erika"), (AuditAction.Submitted, "clara"), (AuditAction.Published, "erika")],
            await EventsAsync(s, draft.ArticleId));
    }

    [Fact]
    public async Task Publish_Schedule_Unpublish_Trash_AndRestore_AreRecorded_OnlyWhenTheyHappen()
    {
        await using var s = await CreateStorageAsync();
        var article = await s.CreateAsync(Article("Geplant", date: Iso(s.Now.AddDays(1))), editor: "anna");
        await s.UpdateAsync(article.ArticleId, 1, Article("Geplant", date: Iso(s.Now.AddDays(2))), editor: "anna"); // still scheduled
        await s.UpdateAsync(article.ArticleId, 2, Article("Geplant", date: Iso(s.Now.AddDays(-1))), editor: "erika");
        await s.UpdateAsync(article.ArticleId, 3, Article("Geplant, korrigiert", date: Iso(s.Now.AddDays(-1))), editor: "erika"); // stays live
        await s.UpdateAsync(article.ArticleId, 4, Article("Geplant, korrigiert", draft: true), editor: "emil");
        await s.Storage.Articles.SetTrashedAsync(article.ArticleId, true, "emil", Token);
        await s.Storage.Articles.SetTrashedAsync(article.ArticleId, true, "emil", Token); // already there
        await s.Storage.Articles.SetTrashedAsync(article.ArticleId, false, "anna", Token);
        var imported = await s.ImportAsync("datei.md", Article("Importiert"));

        Assert.Equal(
            [(AuditAction.Scheduled, "anna"), (AuditAction.Published, "erika"), (AuditAction.Unpublished, "emil"),
             (AuditAction.Trashed, "emil"), (AuditAction.Restored, "anna")],
            await EventsAsync(s, article.ArticleId));
        var fromFile = Assert.Single(await s.Storage.AuditLog.ListForArticleAsync(imported.ArticleId, Token));
        Assert.Equal((AuditAction.Published, "import", "datei.md", "Importiert"), (fromFile.Action, fromFile.Account, fromFile.Detail, fromFile.Subject));
    }

    [Fact]
    public async Task TheLog_IsFilteredByAction_Account_Article_AndTime_NewestFirst()
    {
        await using var s = await CreateStorageAsync();
        var log = s.Storage.AuditLog;
        await log.RecordAsync(new AuditEvent("anna", AuditAction.Login, Address: "10.0.0.1"), Token);
        s.Clock.Now = s.Now.AddHours(1);
        await log.RecordAsync(new AuditEvent("gast", AuditAction.LoginFailed, Address: "10.0.0.9"), Token);
        s.Clock.Now = s.Now.AddHours(1);
        await log.RecordAsync(new AuditEvent("anna", AuditAction.RoleChanged, Subject: "clara", Detail: "editor"), Token);
        s.Clock.Now = s.Now.AddHours(1);
        var article = await s.CreateAsync(Article("Neu"), editor: "Anna");

        var all = await log.ListAsync(new AuditFilter(), 1, 10, Token);
        Assert.Equal(
            [AuditAction.Published, AuditAction.RoleChanged, AuditAction.LoginFailed, AuditAction.Login],
            all.Items.Select(e => e.Action));
        Assert.Equal(4, all.TotalCount);
        Assert.Equal([AuditAction.Published, AuditAction.RoleChanged, AuditAction.Login],
            (await log.ListAsync(new AuditFilter(Account: "ANNA"), 1, 10, Token)).Items.Select(e => e.Action));
        Assert.Equal("10.0.0.9", Assert.Single((await log.ListAsync(new AuditFilter(AuditAction.LoginFailed), 1, 10, Token)).Items).Address);
        Assert.Equal([AuditAction.Published],
            (await log.ListAsync(new AuditFilter(ArticleId: article.ArticleId), 1, 10, Token)).Items.Select(e => e.Action));
        Assert.Equal([AuditAction.RoleChanged, AuditAction.LoginFailed],
            (await log.ListAsync(new AuditFilter(From: Start.AddMinutes(30), To: Start.AddHours(2).AddMinutes(30)), 1, 10, Token)).Items.Select(e => e.Action));
        var second = await log.ListAsync(new AuditFilter(), 2, 3, Token);
        Assert.Equal([AuditAction.Login], second.Items.Select(e => e.Action));
    }
}
