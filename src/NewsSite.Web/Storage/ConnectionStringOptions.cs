using System.ComponentModel.DataAnnotations;
using NewsSite.Core.Data.Postgres;

namespace NewsSite.Web.Storage;

/// <summary>
/// The "ConnectionStrings" section: the servers a site on several nodes shares. Without any, the site runs on its
/// SQLite file and keeps everything in its own process, as a single node should (docs/operations.md).
/// Environment variables: ConnectionStrings__Postgres, ConnectionStrings__Redis.
/// </summary>
public sealed class ConnectionStringOptions : IValidatableObject
{
    public const string SectionName = "ConnectionStrings";

    /// <summary>A PostgreSQL connection string (key=value pairs), e.g. "Host=db;Database=newssite;Username=newssite;Password=…".</summary>
    public string? Postgres { get; set; }

    /// <summary>A StackExchange.Redis configuration string, e.g. "redis:6379".</summary>
    public string? Redis { get; set; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Postgres);

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesPostgres && PostgresStorage.ConnectionStringProblem(Postgres!) is { } problem)
        {
            yield return new ValidationResult(
                $"ConnectionStrings:Postgres ist keine gültige PostgreSQL-Verbindungszeichenfolge: {problem}", [nameof(Postgres)]);
        }

        if (UsesRedis && Nodes.RedisConnection.ConfigurationProblem(Redis!) is { } redisProblem)
        {
            yield return new ValidationResult(
                $"ConnectionStrings:Redis ist keine gültige Redis-Konfiguration: {redisProblem}", [nameof(Redis)]);
        }

        if (UsesRedis && !UsesPostgres)
        {
            // Redis shares what nodes must agree on; with SQLite there is one node, and a cache shared with nobody
            // would only add a round trip.
            yield return new ValidationResult(
                "ConnectionStrings:Redis verlangt ConnectionStrings:Postgres: mehrere Knoten brauchen eine gemeinsame Datenbank.", [nameof(Redis)]);
        }
    }
}
