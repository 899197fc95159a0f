using Dapper;
using NewsSite.Core.Accounts;

namespace NewsSite.Core.Data.Postgres;

/// <summary>Sessions in table sessions (0001_schema.sql); see <see cref="ISessionStore"/>.</summary>
public sealed class PostgresSessionStore(PostgresDatabase database) : ISessionStore
{
    // Every signed-in request runs this: one primary-key lookup and the account's row by its key, prepared once per
    // pooled connection (Npgsql's automatic preparation, PostgresDatabase).
    private const string FindSql =
        """
        SELECT s.id_hash AS IdHash, s.user_id AS AccountId, u.name AS AccountName, u.role AS Role,
               u.security_stamp AS SecurityStamp, s.created_at AS StartedAt, s.last_seen_at AS LastSeenAt,
               s.expires_at AS ExpiresAt
        FROM sessions s
        JOIN users u ON u.id = s.user_id
        WHERE s.id_hash = @IdHash;
        """;

    public Task StartAsync(NewSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return database.RunAsync(connection => connection.ExecuteAsync(
            """
            INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, client_address, user_agent)
            VALUES (@IdHash, @AccountId, @StartedAt, @StartedAt, @ExpiresAt, @ClientAddress, @UserAgent);
            """,
            new
            {
                session.IdHash,
                session.AccountId,
                session.StartedAt,
                session.ExpiresAt,
                session.ClientAddress,
                session.UserAgent,
            }), cancellationToken);
    }

    public Task<ActiveSession?> FindAsync(string idHash, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
            (await connection.QuerySingleOrDefaultAsync<SessionRow>(FindSql, new { IdHash = idHash }))?.ToSession(),
            cancellationToken);

    public Task TouchAsync(string idHash, DateTimeOffset seenAt, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.ExecuteAsync(
            "UPDATE sessions SET last_seen_at = @SeenAt WHERE id_hash = @IdHash AND last_seen_at < @SeenAt;",
            new { IdHash = idHash, SeenAt = seenAt }), cancellationToken);

    public Task<bool> EndAsync(string idHash, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
            await connection.ExecuteAsync("DELETE FROM sessions WHERE id_hash = @IdHash;", new { IdHash = idHash }) == 1,
            cancellationToken);

    public Task<int> EndOthersAsync(long accountId, string keepIdHash, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.ExecuteAsync(
            "DELETE FROM sessions WHERE user_id = @AccountId AND id_hash <> @Keep;",
            new { AccountId = accountId, Keep = keepIdHash }), cancellationToken);

    public Task<IReadOnlyList<SessionInfo>> ListAsync(long accountId, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<SessionInfo>>(async connection =>
            (await connection.QueryAsync<InfoRow>(
                """
                SELECT id_hash AS IdHash, created_at AS StartedAt, last_seen_at AS LastSeenAt, expires_at AS ExpiresAt,
                       client_address AS ClientAddress, user_agent AS UserAgent
                FROM sessions WHERE user_id = @AccountId
                ORDER BY last_seen_at DESC, created_at DESC;
                """,
                new { AccountId = accountId }))
            .Select(r => new SessionInfo(r.IdHash, r.StartedAt, r.LastSeenAt, r.ExpiresAt, r.ClientAddress, r.UserAgent))
            .ToList(), cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset now, DateTimeOffset idleBefore, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.ExecuteAsync(
            "DELETE FROM sessions WHERE expires_at <= @Now OR last_seen_at <= @IdleBefore;",
            new { Now = now, IdleBefore = idleBefore }), cancellationToken);

    private sealed class SessionRow
    {
        public string IdHash { get; init; } = "";
        public long AccountId { get; init; }
        public string AccountName { get; init; } = "";
        public string Role { get; init; } = "";
        public string SecurityStamp { get; init; } = "";
        public DateTimeOffset StartedAt { get; init; }
        public DateTimeOffset LastSeenAt { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }

        public ActiveSession ToSession() => new(
            IdHash, AccountId, AccountName, UserRoles.FromStored(Role), SecurityStamp, StartedAt, LastSeenAt, ExpiresAt);
    }

    private sealed class InfoRow
    {
        public string IdHash { get; init; } = "";
        public DateTimeOffset StartedAt { get; init; }
        public DateTimeOffset LastSeenAt { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public string ClientAddress { get; init; } = "";
        public string UserAgent { get; init; } = "";
    }
}
