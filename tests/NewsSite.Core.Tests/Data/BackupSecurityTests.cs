using System.Diagnostics;
using NewsSite.Core.Accounts;
using NewsSite.Core.Data;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Data;

/// <summary>
/// What backups and restores do with what they carry besides articles: accounts, password hashes and sessions, and
/// the database-sized files they write.
/// </summary>
public class BackupSecurityTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static SqliteBackup BackupOf(TestDatabase db) => new(db.Database, db.Clock);

    private static Task StartSessionAsync(TestDatabase db, UserAccount account, string idHash) =>
        db.Storage.Sessions.StartAsync(new NewSession(idHash, account.Id, db.Clock.Now, db.Clock.Now.AddHours(12), "10.0.0.1", "Test"), Token);

    /// <summary>The id of a process that has ended: what a killed backup leaves in the names of its files.</summary>
    private static int EndedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    [Fact]
    public async Task Restore_KeepsTheLiveAccountsPasswordsAndSessions_ByDefault()
    {
        await using var db = await TestDatabase.CreateAsync();
        var anna = await db.Users.AddAsync("anna", UserRole.Admin, "altes-passwort", Token);
        var ben = await db.Users.AddAsync("ben", UserRole.Editor, "bens-passwort", Token);
        await StartSessionAsync(db, anna, "anna-vorher");
        await StartSessionAsync(db, ben, "ben-vorher");
        var backup = Path.Combine(db.Directory, "sicherung.db");
        await BackupOf(db).BackupAsync(backup, cancellationToken: Token);

        // After the backup: a new password (which ends anna's sessions), a new session, a removed account.
        var newStamp = await db.Users.SetPasswordAsync("anna", "neues-passwort", Token);
        await StartSessionAsync(db, anna, "anna-nachher");
        await db.Users.RemoveAsync("ben", Token);

        var report = await BackupOf(db).RestoreAsync(backup, cancellationToken: Token);

        var restored = await db.Users.FindByNameAsync("anna", Token);
        Assert.Equal(("neues-passwort", newStamp), (restored!.PasswordHash, restored.SecurityStamp));
        Assert.Null(await db.Users.FindByNameAsync("ben", Token));
        Assert.Null(await db.Storage.Sessions.FindAsync("anna-vorher", Token));
        Assert.Null(await db.Storage.Sessions.FindAsync("ben-vorher", Token));
        Assert.NotNull(await db.Storage.Sessions.FindAsync("anna-nachher", Token));
        Assert.Equal((RestoreAccounts.KeepLive, 1), (report.Accounts.Choice, report.Accounts.LiveSessions));
        Assert.Equal(["anna"], report.Accounts.LiveNames);
        Assert.Equal(["anna", "ben"], report.Accounts.BackupNames);
    }

    [Fact]
    public async Task Restore_WithTheBackupsAccounts_RenewsEveryStamp_AndEndsEverySession()
    {
        await using var db = await TestDatabase.CreateAsync();
        var anna = await db.Users.AddAsync("anna", UserRole.Admin, "altes-passwort", Token);
        await db.Users.AddAsync("ben", UserRole.Editor, "bens-passwort", Token);
        var backup = Path.Combine(db.Directory, "sicherung.db");
        await BackupOf(db).BackupAsync(backup, cancellationToken: Token);
        await db.Users.RemoveAsync("ben", Token);
        await db.Users.AddAsync("carla", UserRole.Editor, "carlas-passwort", Token);
        await StartSessionAsync(db, anna, "anna-nachher");

        var report = await BackupOf(db).RestoreAsync(backup, RestoreAccounts.FromBackup, Token);

        var accounts = await db.Users.ListAsync(Token);
        Assert.Equal(["anna", "ben"], accounts.Select(a => a.Name));
        Assert.Equal("altes-passwort", accounts[0].PasswordHash);
        Assert.NotEqual(anna.SecurityStamp, accounts[0].SecurityStamp);
        Assert.Null(await db.Storage.Sessions.FindAsync("anna-nachher", Token));
        Assert.Empty(await db.Storage.Sessions.ListAsync(anna.Id, Token));
        Assert.Equal((RestoreAccounts.FromBackup, 1), (report.Accounts.Choice, report.Accounts.LiveSessions));
        Assert.Equal(["anna", "carla"], report.Accounts.LiveNames);
        Assert.Equal(["anna", "ben"], report.Accounts.BackupNames);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Backup_AndTheRestoresSafetyCopy_AreReadableByTheirOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var db = await TestDatabase.CreateAsync();
        await db.Users.AddAsync("anna", UserRole.Admin, "ein-hash", Token);
        var backup = Path.Combine(db.Directory, "sicherung.db");

        var saved = await BackupOf(db).BackupAsync(backup, cancellationToken: Token);
        var restored = await BackupOf(db).RestoreAsync(backup, cancellationToken: Token);

        Assert.True(saved.IsSound);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(backup));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(restored.SafetyCopy.FilePath));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Backup_OverAnExistingReadableFile_LeavesAFileReadableByItsOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var db = await TestDatabase.CreateAsync();
        var backup = Path.Combine(db.Directory, "sicherung.db");
        await File.WriteAllTextAsync(backup, "alt", Token);
        File.SetUnixFileMode(backup, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await BackupOf(db).BackupAsync(backup, overwrite: true, Token);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(backup));
    }

    [Fact]
    public async Task Backup_RemovesWhatAKilledBackupLeftInItsFolder_ButNotARunningOnesFiles()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = TestDatabase.NewDirectory();
        var killed = Path.Combine(folder, $"gestern.db.{EndedProcessId()}-{Guid.NewGuid():N}.tmp");
        using var running = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var other = Path.Combine(folder, $"parallel.db.{running.Id}-{Guid.NewGuid():N}.tmp");
        var unrelated = Path.Combine(folder, "notizen.tmp");
        foreach (var file in new[] { killed, killed + "-journal", other, unrelated })
        {
            await File.WriteAllBytesAsync(file, new byte[64 * 1024], Token);
        }

        try
        {
            await BackupOf(db).BackupAsync(Path.Combine(folder, "heute.db"), cancellationToken: Token);
        }
        finally
        {
            running.Kill();
        }

        Assert.Equal(["heute.db", "notizen.tmp", Path.GetFileName(other)],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheDatabasesFolder_LosesWhatAKilledRestoreLeft_WhenAskedAtStart()
    {
        await using var db = await TestDatabase.CreateAsync();
        var working = Path.Combine(db.Directory, $"{SqliteDatabase.FileName}.restore.{EndedProcessId()}-{Guid.NewGuid():N}.tmp");
        var safetyCopy = Path.Combine(db.Directory, $"newssite-vor-wiederherstellung-20250601-120000.db.{EndedProcessId()}-{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(working, new byte[64 * 1024], Token);
        await File.WriteAllBytesAsync(safetyCopy, new byte[64 * 1024], Token);

        var removed = db.Storage.Backup.RemoveLeftoverFiles();

        Assert.Equal([safetyCopy, working], removed.Order(StringComparer.Ordinal));
        Assert.False(File.Exists(working) || File.Exists(safetyCopy));
        Assert.True(File.Exists(db.Database.FilePath));
    }
}
