namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>The database as a whole: its schema version and migrations, and the statements it runs.</summary>
public abstract class DatabaseContract : StoreContract
{
    [Fact]
    public async Task Migrate_OnAMigratedDatabase_AppliesNothing()
    {
        await using var s = await CreateStorageAsync();

        Assert.Equal(0, await s.Storage.Database.MigrateAsync(Token));
        Assert.Equal(0, await s.Storage.Database.MigrateAsync(Token));
    }

    [Fact]
    public async Task SchemaVersion_IsTheLatestThisBuildKnows()
    {
        await using var s = await CreateStorageAsync();

        Assert.True(s.Storage.Database.LatestSchemaVersion > 0);
        Assert.Equal(s.Storage.Database.LatestSchemaVersion, await s.Storage.Database.GetSchemaVersionAsync(Token));
        Assert.False(string.IsNullOrWhiteSpace(s.Storage.Database.Location));
    }

    [Fact]
    public async Task ObserveStatements_SeesStatementsUntilDisposed()
    {
        await using var s = await CreateStorageAsync();
        var seen = new List<string>();

        using (s.Storage.Database.ObserveStatements(seen.Add))
        {
            await s.Storage.Articles.CountAsync(Token);
        }

        var whileObserved = seen.Count;
        await s.Storage.Articles.CountAsync(Token);

        Assert.True(whileObserved > 0);
        Assert.Equal(whileObserved, seen.Count);
    }

    [Fact]
    public async Task Compact_LeavesTheDataReadable()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Titel"));

        await s.Storage.Database.CompactAsync(Token);

        Assert.Equal(1, await s.Storage.Articles.CountAsync(Token));
    }
}
