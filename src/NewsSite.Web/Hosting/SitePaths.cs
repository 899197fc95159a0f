using Microsoft.Extensions.Options;

namespace NewsSite.Web.Hosting;

/// <summary>The configured folders as absolute paths, resolved once against the content root.</summary>
public sealed record SitePaths(string DataDirectory, string ContentDirectory)
{
    public static SitePaths From(IOptions<NewsSiteOptions> options, IHostEnvironment environment)
    {
        var value = options.Value;
        return new SitePaths(
            Path.GetFullPath(value.DataDirectory, environment.ContentRootPath),
            Path.GetFullPath(value.ContentDirectory, environment.ContentRootPath));
    }

    /// <summary>
    /// The published app keeps appsettings.json, wwwroot and content/ next to its dll. Started from another folder
    /// (dotnet /srv/newssite/NewsSite.Web.dll), the default content root would be that other folder and the site
    /// would miss all three; so the app's own folder becomes the content root unless one was given explicitly.
    /// Under dotnet run the build output has no wwwroot, and the usual default (the project folder) stays.
    /// </summary>
    public static string? PublishedContentRoot(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var explicitlyGiven = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is not null;
        var appFolder = AppContext.BaseDirectory;
        return !explicitlyGiven && Directory.Exists(Path.Combine(appFolder, "wwwroot")) ? appFolder : null;
    }
}
