using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Accounts;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Accounts;

public class UserRepositoryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("anna", "anna")]
    [InlineData("  Anna.Muster ", "anna.muster")]
    [InlineData("a_b-c.9", "a_b-c.9")]
    [InlineData("a", null)]
    [InlineData("-anna", null)]
    [InlineData("an na", null)]
    [InlineData("аnna", null)] // Cyrillic а
    [InlineData("anna<script>", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Names_AreNormalizedOrRefused(string? input, string? expected)
    {
        Assert.Equal(expected, AccountName.Normalize(input));
    }

    [Fact]
    public async Task Add_Find_SetPassword_Remove()
    {
        await using var db = await TestDatabase.CreateAsync();
        var users = db.Users;

        var added = await users.AddAsync("anna", UserRole.Admin, "hash-1", Token);
        var stamp = await users.SetPasswordAsync("anna", "hash-2", Token);
        var found = await users.FindByNameAsync("anna", Token);

        Assert.Equal(UserRole.Admin, found!.Role);
        Assert.Equal("hash-2", found.PasswordHash);
        Assert.NotEqual(added.SecurityStamp, found.SecurityStamp);
        Assert.Equal(stamp, found.SecurityStamp);
        Assert.Null(await users.SetPasswordAsync("niemand", "x", Token));
        Assert.Equal(AccountChange.WouldLeaveNoAdmin, await users.RemoveAsync("anna", Token)); // the last admin
        await users.AddAsync("ben", UserRole.Admin, "hash-3", Token);
        Assert.Equal(AccountChange.Done, await users.RemoveAsync("anna", Token));
        Assert.Null(await users.FindByIdAsync(added.Id, Token));
    }

    [Fact]
    public async Task ADuplicateName_IsReported()
    {
        await using var db = await TestDatabase.CreateAsync();
        var users = db.Users;
        await users.AddAsync("anna", UserRole.Editor, "h", Token);

        await Assert.ThrowsAsync<AccountExistsException>(() => users.AddAsync("anna", UserRole.Admin, "h", Token));
    }

    [Fact]
    public async Task RoleChange_AndRehash()
    {
        await using var db = await TestDatabase.CreateAsync();
        var users = db.Users;
        var added = await users.AddAsync("anna", UserRole.Editor, "old", Token);

        Assert.Equal(AccountChange.Done, await users.SetRoleAsync("anna", UserRole.Admin, Token));
        await users.RehashAsync(added.Id, "not-the-current-hash", "ignored", Token);
        var afterWrongRehash = await users.FindByIdAsync(added.Id, Token);
        await users.RehashAsync(added.Id, "old", "new", Token);
        var after = await users.FindByIdAsync(added.Id, Token);

        Assert.Equal(UserRole.Admin, after!.Role);
        Assert.NotEqual(added.SecurityStamp, after.SecurityStamp);
        Assert.Equal("old", afterWrongRehash!.PasswordHash);
        Assert.Equal("new", after.PasswordHash);
        Assert.Equal(afterWrongRehash.SecurityStamp, after.SecurityStamp);
    }
}
