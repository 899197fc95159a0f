using NewsSite.Core.Editing;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>Autosaves: one per editor and article, each editor sees only their own, old ones are pruned, nothing public moves.</summary>
public abstract class AutosaveStoreContract : StoreContract
{
    private static EditorForm Form(string title, string body) =>
        new(new EditorFields(title, Author: "Erika Muster", Tags: "Verkehr, Köln", Date: "2025-06-01T12:00", ImageCredit: "dpa"), body);

    [Fact]
    public async Task Save_ThenFind_GivesTheFormBack_WithItsBaseRevisionAndTime()
    {
        await using var s = await CreateStorageAsync();
        var form = Form("Neue Radwege „jetzt“", "Erster Absatz.\n\n## Mehr\n\nZweiter – mit Ümlaut.");

        await s.Storage.Autosaves.SaveAsync("anna", 7, 3, form, s.Now, Token);

        Assert.Equal(new Autosave("anna", 7, 3, form, s.Now), await s.Storage.Autosaves.FindAsync("anna", 7, Token));
        Assert.Null(await s.Storage.Autosaves.FindAsync("anna", 8, Token));
    }

    [Fact]
    public async Task ASecondSave_ReplacesTheFirst_OneRowPerEditorAndArticle()
    {
        await using var s = await CreateStorageAsync();
        await s.Storage.Autosaves.SaveAsync("anna", 7, 3, Form("Erste", "Eins."), s.Now, Token);

        await s.Storage.Autosaves.SaveAsync("anna", 7, 4, Form("Zweite", "Zwei."), s.Now.AddSeconds(5), Token);

        Assert.Equal(new Autosave("anna", 7, 4, Form("Zweite", "Zwei."), s.Now.AddSeconds(5)), await s.Storage.Autosaves.FindAsync("anna", 7, Token));
        Assert.True(await s.Storage.Autosaves.DeleteAsync("anna", 7, Token));
        Assert.Null(await s.Storage.Autosaves.FindAsync("anna", 7, Token));
    }

    [Fact]
    public async Task EachEditor_HasTheirOwn_AndANewArticleIsArticleZero()
    {
        await using var s = await CreateStorageAsync();
        await s.Storage.Autosaves.SaveAsync("anna", 0, 0, Form("Annas neuer", "A."), s.Now, Token);
        await s.Storage.Autosaves.SaveAsync("anna", 7, 3, Form("Annas", "A."), s.Now, Token);
        await s.Storage.Autosaves.SaveAsync("ben", 7, 3, Form("Bens", "B."), s.Now, Token);

        Assert.Equal("Annas", (await s.Storage.Autosaves.FindAsync("anna", 7, Token))!.Form.Fields.Title);
        Assert.Equal("Bens", (await s.Storage.Autosaves.FindAsync("ben", 7, Token))!.Form.Fields.Title);
        Assert.Equal("Annas neuer", (await s.Storage.Autosaves.FindAsync("anna", 0, Token))!.Form.Fields.Title);
        Assert.Null(await s.Storage.Autosaves.FindAsync("ben", 0, Token));

        Assert.True(await s.Storage.Autosaves.DeleteAsync("ben", 7, Token));
        Assert.False(await s.Storage.Autosaves.DeleteAsync("ben", 7, Token));
        Assert.NotNull(await s.Storage.Autosaves.FindAsync("anna", 7, Token));
    }

    [Fact]
    public async Task Prune_RemovesOnlyThoseSavedBeforeTheGivenInstant()
    {
        await using var s = await CreateStorageAsync();
        var cutoff = s.Now.AddDays(-30);
        await s.Storage.Autosaves.SaveAsync("anna", 1, 1, Form("Alt", "A."), cutoff.AddSeconds(-1), Token);
        await s.Storage.Autosaves.SaveAsync("ben", 2, 1, Form("Alt", "B."), cutoff.AddDays(-100), Token);
        await s.Storage.Autosaves.SaveAsync("anna", 3, 1, Form("Grenze", "C."), cutoff, Token);
        await s.Storage.Autosaves.SaveAsync("anna", 4, 1, Form("Neu", "D."), s.Now, Token);

        Assert.Equal(2, await s.Storage.Autosaves.PruneAsync(cutoff, Token));

        Assert.Null(await s.Storage.Autosaves.FindAsync("anna", 1, Token));
        Assert.Null(await s.Storage.Autosaves.FindAsync("ben", 2, Token));
        Assert.NotNull(await s.Storage.Autosaves.FindAsync("anna", 3, Token));
        Assert.NotNull(await s.Storage.Autosaves.FindAsync("anna", 4, Token));
        Assert.Equal(0, await s.Storage.Autosaves.PruneAsync(cutoff, Token));
    }

    [Fact]
    public async Task Saving_ChangesNothingPublic_NoJournalEntryAndNoSignal()
    {
        var signalled = 0;
        var signal = new NewsSite.Core.Articles.ContentChangeSignal();
        signal.Listen(_ =>
        {
            Interlocked.Increment(ref signalled);
            return Task.CompletedTask;
        });
        await using var s = await CreateStorageAsync(signal);
        var written = await s.CreateAsync(Article("Veröffentlicht"));
        signalled = 0;
        var lastChange = await s.Storage.Journal.FindLastChangeIdAsync(Token);

        await s.Storage.Autosaves.SaveAsync("anna", written.ArticleId, written.Revision, Form("Geheimwort", "Geheimwort."), s.Now, Token);
        await s.Storage.Autosaves.DeleteAsync("anna", written.ArticleId, Token);

        Assert.Equal(0, signalled);
        Assert.Equal(lastChange, await s.Storage.Journal.FindLastChangeIdAsync(Token));
    }
}
