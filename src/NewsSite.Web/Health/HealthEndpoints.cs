using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsSite.Core.Data;

namespace NewsSite.Web.Health;

/// <summary>
/// For load balancers and orchestrators: /healthz answers while the process serves requests at all; /healthz/ready
/// only while the database opens and has the schema this build expects, so a node is taken out of rotation rather
/// than answering 500s. Plain "Healthy"/"Unhealthy" with 200/503, never cached, nothing that helps an attacker.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/healthz/ready";
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddHealthEndpoints(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("datenbank", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    public static bool IsHealthPath(PathString path) => path.StartsWithSegments(LivePath, StringComparison.Ordinal);
}

/// <summary>Opens the database and compares its schema version with the migrations this build carries.</summary>
public sealed class DatabaseReadyCheck(IDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await database.GetSchemaVersionAsync(cancellationToken);
            return version == database.LatestSchemaVersion
                ? HealthCheckResult.Healthy($"Schema {version}")
                : HealthCheckResult.Unhealthy($"Schema {version}, erwartet {database.LatestSchemaVersion}");
        }
        catch (StorageException e)
        {
            return HealthCheckResult.Unhealthy("Datenbank nicht erreichbar", e);
        }
    }
}
