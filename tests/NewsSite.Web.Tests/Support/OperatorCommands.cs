using NewsSite.Web.Commands;

namespace NewsSite.Web.Tests.Support;

/// <summary>The operator's commands (import, user, generate, backup, …) run in process against a site's services.</summary>
public static class OperatorCommands
{
    /// <returns>The exit code and everything the command wrote.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(IServiceProvider services, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var reader = new StringReader(input);
        var exitCode = await CommandLine.Parse(args)!.RunAsync(services, reader, output);
        return (exitCode, output.ToString());
    }

    public static Task<(int ExitCode, string Output)> RunAsync(IServiceProvider services, params string[] args) =>
        RunAsync(services, "", args);
}
