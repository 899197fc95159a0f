using NewsSite.Core.Accounts;
using NewsSite.Core.Data;
using NewsSite.Core.Import;
using NewsSite.Web.Accounts;
using NewsSite.Web.Localization;
using NewsSite.Core.Audit;

namespace NewsSite.Web.Commands;

/// <summary>
/// The operator's commands, run by the same app as the site: dotnet run --project src/NewsSite.Web -- import content,
/// or -- user add anna --role editor, or -- generate (see <see cref="GenerateCommand"/>), or -- backup, restore,
/// export (see <see cref="BackupCommands"/>), or -- copy-to-postgres (see <see cref="CopyToPostgresCommand"/>). They share the site's configuration (appsettings, NewsSite__* environment
/// variables) and so its database. Exit codes: 0 done, 1 refused or failed, 2 wrong usage.
/// </summary>
public sealed class CommandLine
{
    private const string ImportUsage = "Aufruf: import <ordner> [--dry-run]";

    /// <summary>Who the audit log names for account changes made with the user command.</summary>
    public const string CommandLineActor = "kommandozeile";

    private const string UserUsage =
        """
        Aufruf:
          user add <name> --role admin|editor|contributor   legt ein Konto an; das Passwort kommt als eine Zeile von der Standardeingabe
          user passwd <name>                                setzt ein neues Passwort (von der Standardeingabe) und beendet alle Sitzungen
          user role <name> admin|editor|contributor         ändert die Rolle und beendet die Sitzungen des Kontos
          user list                                         zeigt alle Konten
          user remove <name>                                löscht ein Konto und beendet seine Sitzungen
        Rollen: admin (auch Konten, Ressorts, Seiten), editor (prüft und veröffentlicht), contributor (schreibt, reicht zur Prüfung ein)
        """;

    private readonly string[] _args;
    private readonly GenerateCommand? _generate;

    private CommandLine(string[] args)
    {
        _args = args;
        _generate = args[0] == "generate" ? GenerateCommand.TryParse(args[1..], ResolveUserPath) : null;
    }

    /// <summary>Null when the arguments are for the web server rather than a command.</summary>
    public static CommandLine? Parse(string[] args) =>
        args is ["import", ..] or ["user", ..] or ["generate", ..] or ["backup", ..] or ["restore", ..] or ["export", ..]
            or ["copy-to-postgres", ..]
            ? new CommandLine(args)
            : null;

    /// <summary>
    /// Configuration the command brings along, to be added before the app is built: generate --data names the data
    /// directory.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings => _generate?.Settings ?? [];

    public async Task<int> RunAsync(IServiceProvider services, TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (_args[0] == "generate")
        {
            if (_generate is null)
            {
                await output.WriteLineAsync(GenerateCommand.Usage);
                return 2;
            }

            return await _generate.RunAsync(services, output);
        }

        if (_args[0] == "copy-to-postgres")
        {
            // Migrates source and target itself, and only once it knows there is a target.
            return await CopyToPostgresCommand.RunAsync(services, _args[1..], output);
        }

        await services.GetRequiredService<IDatabase>().MigrateAsync();
        return _args[0] switch
        {
            "import" => await ImportAsync(services, output),
            "backup" => await BackupCommands.BackupAsync(services, _args[1..], output),
            "restore" => await BackupCommands.RestoreAsync(services, _args[1..], output),
            "export" => await BackupCommands.ExportAsync(services, _args[1..], output),
            _ => await UserAsync(services.GetRequiredService<AccountService>(), services.GetRequiredService<IAuditLog>(), input, output),
        };
    }

    private async Task<int> ImportAsync(IServiceProvider services, TextWriter output)
    {
        var rest = _args[1..];
        var dryRun = rest.Contains("--dry-run", StringComparer.Ordinal);
        var folders = rest.Where(a => a != "--dry-run").ToList();
        if (folders.Count != 1 || folders[0].StartsWith('-'))
        {
            await output.WriteLineAsync(ImportUsage);
            return 2;
        }

        ImportReport report;
        try
        {
            var folder = ResolveUserPath(folders[0]);
            if (!dryRun && Directory.Exists(folder))
            {
                // Before the articles: the pictures an exported article names (/bilder/…) must be there when it is parsed.
                await BackupCommands.ImportImagesAsync(services, folder, output);
            }

            report = await services.GetRequiredService<ArticleImporter>().ImportFolderAsync(folder, dryRun);
        }
        catch (DirectoryNotFoundException e)
        {
            await output.WriteLineAsync(e.Message);
            return 2;
        }

        await WriteReportAsync(report, output);
        return report.Failed > 0 ? 1 : 0;
    }

    private async Task<int> UserAsync(AccountService accounts, IAuditLog audit, TextReader input, TextWriter output)
    {
        try
        {
            switch (_args[1..])
            {
                case ["add", var name, "--role", var roleText]:
                    var role = AccountService.ParseRole(roleText);
                    if (role is null)
                    {
                        await output.WriteLineAsync("Die Rolle muss „admin“, „editor“ oder „contributor“ sein.");
                        return 2;
                    }

                    var created = await accounts.CreateAsync(name, role.Value, await ReadPasswordAsync(input, name));
                    await audit.RecordAsync(new AuditEvent(CommandLineActor, AuditAction.AccountCreated, Subject: created.Name, Detail: UserRoles.Text(created.Role)));
                    await output.WriteLineAsync($"Konto „{created.Name}“ ({roleText.ToLowerInvariant()}) angelegt. Anmelden unter {AdminAuthentication.LoginPath}");
                    return 0;

                case ["passwd", var name]:
                    await accounts.ChangePasswordAsync(name, await ReadPasswordAsync(input, name));
                    await audit.RecordAsync(new AuditEvent(CommandLineActor, AuditAction.PasswordChanged, Subject: name.Trim().ToLowerInvariant()));
                    await output.WriteLineAsync($"Neues Passwort für „{name.Trim().ToLowerInvariant()}“ gesetzt; alle Sitzungen des Kontos sind beendet.");
                    return 0;

                case ["role", var name, var roleText]:
                    var newRole = AccountService.ParseRole(roleText);
                    if (newRole is null)
                    {
                        await output.WriteLineAsync("Die Rolle muss „admin“, „editor“ oder „contributor“ sein.");
                        return 2;
                    }

                    await accounts.ChangeRoleAsync(name, newRole.Value);
                    await audit.RecordAsync(new AuditEvent(CommandLineActor, AuditAction.RoleChanged, Subject: name.Trim().ToLowerInvariant(), Detail: UserRoles.Text(newRole.Value)));
                    await output.WriteLineAsync($"„{name.Trim().ToLowerInvariant()}“ ist jetzt {roleText.ToLowerInvariant()}; seine Sitzungen sind beendet.");
                    return 0;

                case ["list"]:
                    var all = await accounts.ListAsync();
                    if (all.Count == 0)
                    {
                        await output.WriteLineAsync("Es gibt noch kein Konto. Anlegen mit: user add <name> --role admin");
                    }

                    foreach (var account in all)
                    {
                        await output.WriteLineAsync(
                            $"{account.Name,-30} {UserRoles.Text(account.Role),-11} angelegt {GermanFormat.Date(account.CreatedAt)}");
                    }

                    return 0;

                case ["remove", var name]:
                    await accounts.RemoveAsync(name);
                    await audit.RecordAsync(new AuditEvent(CommandLineActor, AuditAction.AccountRemoved, Subject: name.Trim().ToLowerInvariant()));
                    await output.WriteLineAsync($"Konto „{name.Trim().ToLowerInvariant()}“ gelöscht.");
                    return 0;

                default:
                    await output.WriteLineAsync(UserUsage);
                    return 2;
            }
        }
        catch (AccountInputException e)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }
    }

    /// <summary>
    /// One line from standard input, so that scripts can pipe it in. Typed at a terminal, the password is not echoed
    /// and is asked for twice.
    /// </summary>
    private static async Task<string> ReadPasswordAsync(TextReader input, string name)
    {
        if (input != Console.In || Console.IsInputRedirected)
        {
            return await input.ReadLineAsync() ?? throw new AccountInputException("Kein Passwort auf der Standardeingabe.");
        }

        var first = ReadHidden($"Passwort für „{name}“: ");
        var second = ReadHidden("Passwort wiederholen: ");
        return first == second ? first : throw new AccountInputException("Die beiden Passwörter stimmen nicht überein.");
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var password = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }

    private static async Task WriteReportAsync(ImportReport report, TextWriter output)
    {
        await output.WriteLineAsync(report.DryRun
            ? $"Probelauf für {report.Folder} (nichts wird gespeichert):"
            : $"Import aus {report.Folder}:");

        foreach (var file in report.Files)
        {
            var page = file.Kind switch
            {
                ImportItemKind.AuthorProfile => $"/autor/{file.Slug} (Autorenprofil)",
                ImportItemKind.SitePage => $"/{file.Slug} (Seite)",
                ImportItemKind.RessortList => "/admin/ressorts (Ressort-Liste)",
                ImportItemKind.TagList => "/admin/schlagwoerter (Varianten der Schlagwörter)",
                _ => $"/artikel/{file.Slug}",
            };
            var line = file.Outcome switch
            {
                ImportOutcome.Created => $"  neu          {file.Path} → {page}",
                ImportOutcome.Updated => $"  geändert     {file.Path} → {page}",
                ImportOutcome.Unchanged => $"  unverändert  {file.Path}",
                _ => $"  FEHLER       {file.Reason}",
            };
            await output.WriteLineAsync(line);
            foreach (var warning in file.Warnings ?? [])
            {
                await output.WriteLineAsync($"    WARNUNG    {file.Path}: {warning}");
            }
        }

        await output.WriteLineAsync(
            $"{report.Created} neu, {report.Updated} geändert, {report.Unchanged} unverändert, {report.Failed} fehlgeschlagen");
    }

    /// <summary>
    /// dotnet run starts the app in the project folder, but "import content" means the folder where the command was
    /// typed; the shell's PWD still names it. A path that exists from the app's own working directory wins.
    /// </summary>
    internal static string ResolveUserPath(string path)
    {
        if (Path.IsPathRooted(path) || Directory.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        var shellDirectory = Environment.GetEnvironmentVariable("PWD");
        return shellDirectory is not null && Path.IsPathRooted(shellDirectory)
            ? Path.GetFullPath(path, shellDirectory)
            : Path.GetFullPath(path);
    }
}
