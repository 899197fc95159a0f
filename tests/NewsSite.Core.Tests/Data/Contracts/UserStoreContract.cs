using NewsSite.Core.Accounts;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>Editor accounts: names, hashes, roles, and the security stamp that ends sessions.</summary>
public abstract class UserStoreContract : StoreContract
{
    [Fact]
    public async Task Add_StoresTheAccount_FoundByNameAndById()
    {
        await using var s = await CreateStorageAsync();

        var added = await s.Storage.Users.AddAsync("anna", UserRole.Admin, "hash-1", Token);

        Assert.Equal(("anna", UserRole.Admin, "hash-1"), (added.Name, added.Role, added.PasswordHash));
        Assert.NotEmpty(added.SecurityStamp);
        Assert.Equal(added, await s.Storage.Users.FindByNameAsync("anna", Token));
        Assert.Equal(added, await s.Storage.Users.FindByIdAsync(added.Id, Token));
        Assert.Null(await s.Storage.Users.FindByNameAsync("niemand", Token));
    }

    [Fact]
    public async Task Add_TakenName_ThrowsAccountExists()
    {
        await using var s = await CreateStorageAsync();
        await s.Storage.Users.AddAsync("anna", UserRole.Editor, "hash-1", Token);

        var exists = await Assert.ThrowsAsync<AccountExistsException>(() => s.Storage.Users.AddAsync("anna", UserRole.Admin, "hash-2", Token));

        Assert.Equal("anna", exists.Name);
        Assert.Equal(UserRole.Editor, Assert.Single(await s.Storage.Users.ListAsync(Token)).Role);
    }

    [Fact]
    public async Task List_ShowsEveryAccount()
    {
        await using var s = await CreateStorageAsync();
        await s.Storage.Users.AddAsync("ben", UserRole.Editor, "h", Token);
        await s.Storage.Users.AddAsync("anna", UserRole.Admin, "h", Token);

        Assert.Equal(["anna", "ben"], (await s.Storage.Users.ListAsync(Token)).Select(u => u.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SetPassword_ReplacesHashAndStamp()
    {
        await using var s = await CreateStorageAsync();
        var added = await s.Storage.Users.AddAsync("anna", UserRole.Editor, "hash-1", Token);

        var stamp = await s.Storage.Users.SetPasswordAsync("anna", "hash-2", Token);

        var stored = await s.Storage.Users.FindByNameAsync("anna", Token);
        Assert.Equal(("hash-2", stamp), (stored!.PasswordHash, stored.SecurityStamp));
        Assert.NotEqual(added.SecurityStamp, stamp);
        Assert.Null(await s.Storage.Users.SetPasswordAsync("niemand", "hash-3", Token));
    }

    [Fact]
    public async Task Rehash_KeepsTheStamp_AndIsGuardedByTheOldHash()
    {
        await using var s = await CreateStorageAsync();
        var added = await s.Storage.Users.AddAsync("anna", UserRole.Editor, "alt", Token);

        await s.Storage.Users.RehashAsync(added.Id, "falsch", "verloren", Token);
        var afterGuard = await s.Storage.Users.FindByIdAsync(added.Id, Token);
        await s.Storage.Users.RehashAsync(added.Id, "alt", "neu", Token);
        var afterRehash = await s.Storage.Users.FindByIdAsync(added.Id, Token);

        Assert.Equal("alt", afterGuard!.PasswordHash);
        Assert.Equal(("neu", added.SecurityStamp), (afterRehash!.PasswordHash, afterRehash.SecurityStamp));
    }

    [Fact]
    public async Task SetRole_ChangesRoleAndStamp()
    {
        await using var s = await CreateStorageAsync();
        var added = await s.Storage.Users.AddAsync("anna", UserRole.Editor, "h", Token);

        Assert.Equal(AccountChange.Done, await s.Storage.Users.SetRoleAsync("anna", UserRole.Admin, Token));

        var stored = await s.Storage.Users.FindByNameAsync("anna", Token);
        Assert.Equal(UserRole.Admin, stored!.Role);
        Assert.NotEqual(added.SecurityStamp, stored.SecurityStamp);
        Assert.Equal(AccountChange.NoSuchAccount, await s.Storage.Users.SetRoleAsync("niemand", UserRole.Admin, Token));
    }

    [Fact]
    public async Task Remove_DeletesTheAccount()
    {
        await using var s = await CreateStorageAsync();
        await s.Storage.Users.AddAsync("anna", UserRole.Editor, "h", Token);

        Assert.Equal(AccountChange.Done, await s.Storage.Users.RemoveAsync("anna", Token));

        Assert.Null(await s.Storage.Users.FindByNameAsync("anna", Token));
        Assert.Equal(AccountChange.NoSuchAccount, await s.Storage.Users.RemoveAsync("anna", Token));
    }

    [Fact]
    public async Task TheLastAdmin_CanBeNeitherDemotedNorRemoved_UntilThereIsAnother()
    {
        await using var s = await CreateStorageAsync();
        var anna = await s.Storage.Users.AddAsync("anna", UserRole.Admin, "h", Token);
        await s.Storage.Users.AddAsync("ben", UserRole.Editor, "h", Token);

        Assert.Equal(AccountChange.WouldLeaveNoAdmin, await s.Storage.Users.SetRoleAsync("anna", UserRole.Editor, Token));
        Assert.Equal(AccountChange.WouldLeaveNoAdmin, await s.Storage.Users.RemoveAsync("anna", Token));
        Assert.Equal(anna, await s.Storage.Users.FindByNameAsync("anna", Token));

        // An admin may stay admin, and editors come and go.
        Assert.Equal(AccountChange.Done, await s.Storage.Users.SetRoleAsync("anna", UserRole.Admin, Token));
        Assert.Equal(AccountChange.Done, await s.Storage.Users.RemoveAsync("ben", Token));

        await s.Storage.Users.AddAsync("carla", UserRole.Admin, "h", Token);
        Assert.Equal(AccountChange.Done, await s.Storage.Users.SetRoleAsync("anna", UserRole.Editor, Token));
        Assert.Equal(AccountChange.WouldLeaveNoAdmin, await s.Storage.Users.RemoveAsync("carla", Token));
        Assert.Equal(AccountChange.Done, await s.Storage.Users.RemoveAsync("anna", Token));
        Assert.Equal(["carla"], (await s.Storage.Users.ListAsync(Token)).Select(u => u.Name));
    }

    [Fact]
    public async Task TwoAdminsDemotingEachOtherAtOnce_LeaveOneAdmin()
    {
        await using var s = await CreateStorageAsync();
        await s.Storage.Users.AddAsync("anna", UserRole.Admin, "h", Token);
        await s.Storage.Users.AddAsync("ben", UserRole.Admin, "h", Token);

        var results = await Task.WhenAll(
            Task.Run(() => s.Storage.Users.SetRoleAsync("anna", UserRole.Editor, Token), Token),
            Task.Run(() => s.Storage.Users.RemoveAsync("ben", Token), Token));

        Assert.Single(results, r => r == AccountChange.Done);
        Assert.Single(results, r => r == AccountChange.WouldLeaveNoAdmin);
        Assert.Single(await s.Storage.Users.ListAsync(Token), u => u.Role == UserRole.Admin);
    }

    [Fact]
    public async Task PasswordRoleAndRemoval_EachEndEverySessionOfTheAccount_AndNoOther()
    {
        await using var s = await CreateStorageAsync();
        var anna = await s.Storage.Users.AddAsync("anna", UserRole.Admin, "h", Token);
        var ben = await s.Storage.Users.AddAsync("ben", UserRole.Editor, "h", Token);
        async Task<string> StartAsync(UserAccount account, string id)
        {
            await s.Storage.Sessions.StartAsync(new NewSession(id, account.Id, s.Now, s.Now.AddHours(12), "10.0.0.1", "Test"), Token);
            return id;
        }

        async Task<bool> LiveAsync(string id) => await s.Storage.Sessions.FindAsync(id, Token) is not null;

        var bens = await StartAsync(ben, "ben-1");
        await StartAsync(anna, "anna-1");
        await StartAsync(anna, "anna-2");
        await s.Storage.Users.SetPasswordAsync("anna", "h2", Token);
        Assert.False(await LiveAsync("anna-1"));
        Assert.False(await LiveAsync("anna-2"));
        Assert.True(await LiveAsync(bens));

        await StartAsync(anna, "anna-3");
        await s.Storage.Users.RehashAsync(anna.Id, "h2", "h3", Token);
        Assert.True(await LiveAsync("anna-3"));

        await s.Storage.Users.SetRoleAsync("ben", UserRole.Admin, Token);
        Assert.False(await LiveAsync(bens));
        Assert.True(await LiveAsync("anna-3"));

        await StartAsync(ben, "ben-2");
        await s.Storage.Users.RemoveAsync("ben", Token);
        Assert.False(await LiveAsync("ben-2"));
        Assert.True(await LiveAsync("anna-3"));
    }
}
