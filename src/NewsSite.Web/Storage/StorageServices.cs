using Microsoft.Extensions.Options;
using NewsSite.Core.Accounts;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Data.Postgres;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Storage;

/// <summary>
/// The one place that chooses the database: every store is registered by its contract, from one
/// <see cref="SiteStorage"/>, so that pages, importer, uploader, caches and feeds never learn which one it is.
/// </summary>
public static class StorageServices
{
    public static IServiceCollection AddSiteStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The page cache listens here for this process's own writes (see ContentChangeFollower).
        services.AddSingleton<ContentChangeSignal>();
        services.AddOptions<ConnectionStringOptions>()
            .BindConfiguration(ConnectionStringOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var servers = sp.GetRequiredService<IOptions<ConnectionStringOptions>>().Value;
            var clock = sp.GetRequiredService<TimeProvider>();
            var signal = sp.GetRequiredService<ContentChangeSignal>();
            return servers.UsesPostgres
                ? PostgresStorage.Open(servers.Postgres!, clock, signal)
                : SqliteStorage.OpenInDirectory(sp.GetRequiredService<SitePaths>().DataDirectory, clock, signal);
        });

        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Database);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Backup);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Articles);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Published);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Listings);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Editing);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Authors);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Search);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Sitemaps);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Journal);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Export);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Users);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Sessions);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().SitePages);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Ressorts);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Autosaves);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().AuditLog);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().PictureLibrary);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Tags);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().Corrections);
        services.AddSingleton(sp => sp.GetRequiredService<SiteStorage>().PreviewLinks);
        return services;
    }
}
