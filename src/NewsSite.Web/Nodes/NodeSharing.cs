using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NewsSite.Web.Hosting;
using NewsSite.Web.Storage;

namespace NewsSite.Web.Nodes;

/// <summary>
/// The Redis this node shares with the others, when ConnectionStrings:Redis names one (decision 0026); otherwise
/// <see cref="Connection"/> is null and each process keeps its cache, counts and keys to itself, as one node should.
/// Decided from the validated options when first asked for, not while the app is built: settings a host adds late
/// (tests, hosting environments) count too.
/// </summary>
public sealed class SharedRedis(RedisConnection? connection) : IAsyncDisposable
{
    public RedisConnection? Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }
    }
}

public static class NodeSharing
{
    public static WebApplicationBuilder AddNodeSharing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(sp =>
        {
            var servers = sp.GetRequiredService<IOptions<ConnectionStringOptions>>().Value;
            return new SharedRedis(servers.UsesRedis
                ? RedisConnection.Open(
                    servers.Redis!,
                    sp.GetRequiredService<IOptions<NewsSiteOptions>>().Value.RedisKeyPrefix,
                    sp.GetRequiredService<ILogger<RedisConnection>>())
                : null);
        });
        services.AddSingleton<IChangeBroadcast>(sp => sp.GetRequiredService<SharedRedis>().Connection is { } redis
            ? new RedisChangeBroadcast(redis, sp.GetRequiredService<ILogger<RedisChangeBroadcast>>())
            : new NoBroadcast());
        services.AddSingleton<IPeriodicWorkLock>(sp => sp.GetRequiredService<SharedRedis>().Connection is { } redis
            ? new RedisPeriodicWorkLock(redis)
            : new OwnPeriodicWork());
        services.AddHealthChecks().AddCheck<RedisReadyCheck>("redis", tags: [Health.HealthEndpoints.ReadyTag]);
        return builder;
    }
}

/// <summary>
/// Redis down is "Degraded", not "Unhealthy": the node still serves every page from the database, only slower, so a
/// load balancer must keep it in rotation (/healthz/ready answers 200 with "Degraded").
/// </summary>
public sealed class RedisReadyCheck(SharedRedis shared) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(shared.Connection switch
        {
            null => HealthCheckResult.Healthy("ohne Redis"),
            { IsConnected: true } => HealthCheckResult.Healthy("Redis verbunden"),
            _ => HealthCheckResult.Degraded("Redis nicht erreichbar: Seiten ungecacht"),
        });
}
