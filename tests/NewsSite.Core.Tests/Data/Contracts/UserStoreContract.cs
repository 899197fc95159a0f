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

        Assert.True(await s.Storage.Users.SetRoleAsync("anna", UserRole.Admin, Token));

        var stored = await s.Storage.Users.FindByNameAsync("anna", Token);
        Assert.Equal(UserRole.Admin, stored!.Role);
        Assert.NotEqual(added.SecurityStamp, stored.SecurityStamp);
        Assert.False(await s.Storage.Users.SetRoleAsync("niemand", UserRole.Admin, Token));
    }

    [Fact]
    public async Task Remove_DeletesTheAccount()
    {
        await using var s = await CreateStorageAsync();
        await s.Storage.Users.AddAsync("anna", UserRole.Editor, "h", Token);

        Assert.True(await s.Storage.Users.RemoveAsync("anna", Token));

        Assert.Null(await s.Storage.Users.FindByNameAsync("anna", Token));
        Assert.False(await s.Storage.Users.RemoveAsync("anna", Token));
    }
}
