using NewsSite.Core.Accounts;
using NewsSite.Core.Data;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>Server-side sessions: what a signed-in request finds, and every way a session ends.</summary>
public abstract class SessionStoreContract : StoreContract
{
    private static NewSession Session(UserAccount account, string idHash, DateTimeOffset startedAt, string address = "10.0.0.1") =>
        new(idHash, account.Id, startedAt, startedAt.AddHours(12), address, "Firefox");

    [Fact]
    public async Task Find_GivesTheSession_WithItsAccountAsItIsNow()
    {
        await using var s = await CreateStorageAsync();
        var anna = await s.Storage.Users.AddAsync("anna", UserRole.Admin, "h", Token);
        await s.Storage.Sessions.StartAsync(Session(anna, "a1", s.Now), Token);

        var found = await s.Storage.Sessions.FindAsync("a1", Token);

        Assert.Equal(new ActiveSession("a1", anna.Id, "anna", UserRole.Admin, anna.SecurityStamp, s.Now, s.Now, s.Now.AddHours(12)), found);
        Assert.Null(await s.Storage.Sessions.FindAsync("gibt-es-nicht", Token));
    }

    [Fact]
    public async Task Start_ForAnAccountThatIsGone_IsRefused()
    {
        await using var s = await CreateStorageAsync();
        var anna = await s.Storage.Users.AddAsync("anna", UserRole.Editor, "h", Token);
        await s.Storage.Users.RemoveAsync("anna", Token);

        var refused = await Assert.ThrowsAsync<StorageException>(() => s.Storage.Sessions.StartAsync(Session(anna, "a1", s.Now), Token));

        Assert.Equal(StorageFailure.Constraint, refused.Failure);
        Assert.Null(await s.Storage.Sessions.FindAsync("a1", Token));
    }

    [Fact]
    public async Task Touch_MovesTheLastUseForward_NeverBack()
    {
        await using var s = await CreateStorageAsync();
        var anna = await s.Storage.Users.AddAsync("anna", UserRole.Editor, "h", Token);
        await s.Storage.Sessions.StartAsync(Session(anna, "a1", s.Now), Token);

        await s.Storage.Sessions.TouchAsync("a1", s.Now.AddMinutes(5), Token);
        await s.Storage.Sessions.TouchAsync("a1", s.Now.AddMinutes(2), Token);

        var found = await s.Storage.Sessions.FindAsync("a1", Token);
        Assert.Equal((s.Now, s.Now.AddMinutes(5)), (found!.StartedAt, found.LastSeenAt));
    }

    [Fact]
    public async Task End_EndsThatSessionOnly()
    {
        await using var s = await CreateStorageAsync();
        var anna = await s.Storage.Users.AddAsync("anna", UserRole.Editor, "h", Token);
        await s.Storage.Sessions.StartAsync(Session(anna, "a1", s.Now), Token);
        await s.Storage.Sessions.StartAsync(Session(anna, "a2", s.Now), Token);

        Assert.True(await s.Storage.Sessions.EndAsync("a1", Token));
        Assert.False(await s.Storage.Sessions.EndAsync("a1", Token));

        Assert.Null(await s.Storage.Sessions.FindAsync("a1", Token));
        Assert.NotNull(await s.Storage.Sessions.FindAsync("a2", Token));
    }

    [Fact]
    public async Task EndOthers_KeepsTheOneNamed_AndTouchesNoOtherAccount()
    {
        await using var s = await CreateStorageAsync();
        var anna = await s.Storage.Users.AddAsync("anna", UserRole.Editor, "h", Token);
        var ben = await s.Storage.Users.AddAsync("ben", UserRole.Editor, "h", Token);
        foreach (var id in new[] { "a1", "a2", "a3" })
        {
            await s.Storage.Sessions.StartAsync(Session(anna, id, s.Now), Token);
        }

        await s.Storage.Sessions.StartAsync(Session(ben, "b1", s.Now), Token);

        Assert.Equal(2, await s.Storage.Sessions.EndOthersAsync(anna.Id, "a2", Token));

        Assert.Equal(["a2"], (await s.Storage.Sessions.ListAsync(anna.Id, Token)).Select(x => x.IdHash));
        Assert.NotNull(await s.Storage.Sessions.FindAsync("b1", Token));
    }

    [Fact]
    public async Task List_ShowsTheAccountsSessions_MostRecentlyUsedFirst()
    {
        await using var s = await CreateStorageAsync();
        var anna = await s.Storage.Users.AddAsync("anna", UserRole.Editor, "h", Token);
        var ben = await s.Storage.Users.AddAsync("ben", UserRole.Editor, "h", Token);
        await s.Storage.Sessions.StartAsync(Session(anna, "alt", s.Now, "10.0.0.1"), Token);
        await s.Storage.Sessions.StartAsync(Session(anna, "neu", s.Now.AddMinutes(1), "10.0.0.2"), Token);
        await s.Storage.Sessions.StartAsync(Session(ben, "fremd", s.Now), Token);
        await s.Storage.Sessions.TouchAsync("alt", s.Now.AddMinutes(30), Token);

        var list = await s.Storage.Sessions.ListAsync(anna.Id, Token);

        Assert.Equal(
            [
                new SessionInfo("alt", s.Now, s.Now.AddMinutes(30), s.Now.AddHours(12), "10.0.0.1", "Firefox"),
                new SessionInfo("neu", s.Now.AddMinutes(1), s.Now.AddMinutes(1), s.Now.AddMinutes(1).AddHours(12), "10.0.0.2", "Firefox"),
            ],
            list);
    }

    [Fact]
    public async Task Prune_DeletesTheSessionsPastTheirEndOrIdleTooLong()
    {
        await using var s = await CreateStorageAsync();
        var anna = await s.Storage.Users.AddAsync("anna", UserRole.Editor, "h", Token);
        await s.Storage.Sessions.StartAsync(Session(anna, "abgelaufen", s.Now.AddHours(-13)), Token);
        await s.Storage.Sessions.TouchAsync("abgelaufen", s.Now.AddMinutes(-1), Token);
        await s.Storage.Sessions.StartAsync(Session(anna, "untaetig", s.Now.AddHours(-9)), Token);
        await s.Storage.Sessions.StartAsync(Session(anna, "aktiv", s.Now.AddHours(-9)), Token);
        await s.Storage.Sessions.TouchAsync("aktiv", s.Now.AddHours(-1), Token);

        Assert.Equal(2, await s.Storage.Sessions.PruneAsync(s.Now, s.Now.AddHours(-8), Token));

        Assert.Equal(["aktiv"], (await s.Storage.Sessions.ListAsync(anna.Id, Token)).Select(x => x.IdHash));
    }
}
