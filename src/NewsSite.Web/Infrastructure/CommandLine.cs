using NewsSite.Core.Data;
using NewsSite.Core.Import;

namespace NewsSite.Web.Infrastructure;

/// <summary>
/// The operator's commands, run by the same app as the site: dotnet run --project src/NewsSite.Web -- import content.
/// They share the site's configuration (appsettings, NewsSite__* environment variables) and so its database.
/// </summary>
public sealed class CommandLine
{
    private const string ImportUsage = "Aufruf: import <ordner> [--dry-run]";

    private readonly string[] _args;

    private CommandLine(string[] args) => _args = args;

    /// <summary>Null when the arguments are for the web server rather than a command.</summary>
    public static CommandLine? Parse(string[] args) =>
        args is ["import", ..] ? new CommandLine(args) : null;

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var rest = _args[1..];
        var dryRun = rest.Contains("--dry-run", StringComparer.Ordinal);
        var folders = rest.Where(a => a != "--dry-run").ToList();
        if (folders.Count != 1 || folders[0].StartsWith('-'))
        {
            await output.WriteLineAsync(ImportUsage);
            return 2;
        }

        await services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        ImportReport report;
        try
        {
            report = await services.GetRequiredService<ArticleImporter>().ImportFolderAsync(ResolveUserPath(folders[0]), dryRun);
        }
        catch (DirectoryNotFoundException e)
        {
            await output.WriteLineAsync(e.Message);
            return 2;
        }

        await WriteReportAsync(report, output);
        return report.Failed > 0 ? 1 : 0;
    }

    private static async Task WriteReportAsync(ImportReport report, TextWriter output)
    {
        await output.WriteLineAsync(report.DryRun
            ? $"Probelauf für {report.Folder} (nichts wird gespeichert):"
            : $"Import aus {report.Folder}:");

        foreach (var file in report.Files)
        {
            var line = file.Outcome switch
            {
                ImportOutcome.Created => $"  neu          {file.Path} → /artikel/{file.Slug}",
                ImportOutcome.Updated => $"  geändert     {file.Path} → /artikel/{file.Slug}",
                ImportOutcome.Unchanged => $"  unverändert  {file.Path}",
                _ => $"  FEHLER       {file.Reason}",
            };
            await output.WriteLineAsync(line);
        }

        await output.WriteLineAsync(
            $"{report.Created} neu, {report.Updated} geändert, {report.Unchanged} unverändert, {report.Failed} fehlgeschlagen");
    }

    /// <summary>
    /// dotnet run starts the app in the project folder, but "import content" means the folder where the command was
    /// typed; the shell's PWD still names it. A path that exists from the app's own working directory wins.
    /// </summary>
    private static string ResolveUserPath(string path)
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
