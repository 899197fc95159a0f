using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Commands;

/// <summary>The "user" command as an operator types it; the password comes as one line on standard input.</summary>
public class UserCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<(int ExitCode, string Output)> Run(IServiceProvider services, string input, params string[] args) =>
        OperatorCommands.RunAsync(services, input, args);

    [Fact]
    public async Task Add_List_Passwd_Remove()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        var accounts = site.Services.GetRequiredService<AccountService>();

        var (added, addOutput) = await Run(site.Services, "erstes-langes-passwort\n", "user", "add", "Anna", "--role", "admin");
        Assert.Equal(0, added);
        Assert.Contains("Konto „anna“ (admin) angelegt", addOutput, StringComparison.Ordinal);
        Assert.Equal(UserRole.Admin, (await accounts.VerifyAsync("anna", "erstes-langes-passwort", Token))!.Role);

        var (_, list) = await Run(site.Services, "", "user", "list");
        Assert.Matches(@"^anna\s+admin\s+angelegt ", list);

        var (changed, _) = await Run(site.Services, "zweites-langes-passwort\n", "user", "passwd", "anna");
        Assert.Equal(0, changed);
        Assert.Null(await accounts.VerifyAsync("anna", "erstes-langes-passwort", Token));
        Assert.NotNull(await accounts.VerifyAsync("anna", "zweites-langes-passwort", Token));

        // Another admin first: the last one stays admin.
        await Run(site.Services, "zweites-langes-passwort\n", "user", "add", "ben", "--role", "admin");
        var (demoted, _) = await Run(site.Services, "", "user", "role", "anna", "editor");
        Assert.Equal(0, demoted);
        Assert.Equal(UserRole.Editor, (await accounts.FindByNameAsync("anna", Token))!.Role);

        var (removed, _) = await Run(site.Services, "", "user", "remove", "anna");
        Assert.Equal(0, removed);
        Assert.Null(await accounts.FindByNameAsync("anna", Token));
    }

    [Theory]
    [InlineData("anna")]
    [InlineData("ANNA")]
    public async Task TheLastAdmin_CanBeNeitherRemovedNorDemoted_WhateverTheSpelling(string spelled)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await Run(site.Services, "erstes-langes-passwort\n", "user", "add", "anna", "--role", "admin");
        await Run(site.Services, "zweites-langes-passwort\n", "user", "add", "erika", "--role", "editor");

        var (removeCode, removeOutput) = await Run(site.Services, "", "user", "remove", spelled);
        var (demoteCode, demoteOutput) = await Run(site.Services, "", "user", "role", spelled, "editor");

        Assert.Equal((1, 1), (removeCode, demoteCode));
        Assert.Contains("„anna“ ist das letzte Administratorkonto und kann nicht gelöscht werden", removeOutput, StringComparison.Ordinal);
        Assert.Contains("„anna“ ist das letzte Administratorkonto und bleibt Administrator", demoteOutput, StringComparison.Ordinal);
        Assert.Equal(UserRole.Admin, (await site.Services.GetRequiredService<AccountService>().FindByNameAsync("anna", Token))!.Role);

        // With a second admin, both are possible.
        await Run(site.Services, "", "user", "role", "erika", "admin");
        Assert.Equal(0, (await Run(site.Services, "", "user", "role", spelled, "editor")).ExitCode);
        Assert.Equal(0, (await Run(site.Services, "", "user", "remove", spelled)).ExitCode);
        Assert.Equal(1, (await Run(site.Services, "", "user", "remove", "erika")).ExitCode);
    }

    [Fact]
    public async Task ThePasswordIsStoredAsAPbkdf2Hash_NeverAsText()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await Run(site.Services, "erstes-langes-passwort\n", "user", "add", "anna", "--role", "editor");

        var stored = (await site.Services.GetRequiredService<IUserStore>().FindByNameAsync("anna", Token))!.PasswordHash;

        Assert.DoesNotContain("erstes-langes-passwort", stored, StringComparison.Ordinal);
        Assert.Equal(0x01, Convert.FromBase64String(stored)[0]); // PasswordHasher's format marker for PBKDF2 (v3)
        if (!TestDatabases.OnPostgres)
        {
            var fileBytes = await File.ReadAllBytesAsync(Path.Combine(site.DataDirectory, SqliteDatabase.FileName), Token);
            Assert.DoesNotContain("erstes-langes-passwort", System.Text.Encoding.UTF8.GetString(fileBytes), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("kurz\n", new[] { "user", "add", "anna", "--role", "editor" }, 1, "mindestens 12 Zeichen")]
    [InlineData("", new[] { "user", "add", "anna", "--role", "editor" }, 1, "Kein Passwort")]
    [InlineData("ein-langes-passwort\n", new[] { "user", "add", "anna", "--role", "chef" }, 2, "„admin“, „editor“ oder „contributor“")]
    [InlineData("ein-langes-passwort\n", new[] { "user", "add", "an na", "--role", "editor" }, 1, "nur Buchstaben a–z")]
    [InlineData("ein-langes-passwort\n", new[] { "user", "add", "anna" }, 2, "Aufruf:")]
    [InlineData("", new[] { "user", "remove", "niemand" }, 1, "Es gibt kein Konto")]
    [InlineData("ein-langes-passwort\n", new[] { "user", "passwd", "niemand" }, 1, "Es gibt kein Konto")]
    [InlineData("", new[] { "user" }, 2, "Aufruf:")]
    [InlineData("", new[] { "user", "role", "niemand", "admin" }, 1, "Es gibt kein Konto")]
    [InlineData("", new[] { "user", "role", "niemand", "chef" }, 2, "„admin“, „editor“ oder „contributor“")]
    public async Task Mistakes_AreExplainedInGerman_WithAnExitCode(string input, string[] args, int exitCode, string message)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());

        var (code, output) = await Run(site.Services, input, args);

        Assert.Equal(exitCode, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Empty(await site.Services.GetRequiredService<AccountService>().ListAsync(Token));
    }

    [Fact]
    public async Task ASecondAccountWithTheSameName_IsRefused()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await Run(site.Services, "ein-langes-passwort\n", "user", "add", "anna", "--role", "editor");

        var (code, output) = await Run(site.Services, "ein-anderes-passwort\n", "user", "add", "ANNA", "--role", "admin");

        Assert.Equal(1, code);
        Assert.Contains("Es gibt bereits ein Konto „anna“", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NoDefaultAccountOrPassword_InTheSource()
    {
        // The only way to an account is the command or an admin; the source holds no credentials to try.
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".sql", StringComparison.Ordinal))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotMatch("(?i)(default|initial|admin)_?password\\s*=", text);
            Assert.DoesNotMatch(@"(?i)INSERT INTO users\b", text.Replace("INSERT INTO users (name, role, password_hash", "", StringComparison.Ordinal));
        }
    }
}
