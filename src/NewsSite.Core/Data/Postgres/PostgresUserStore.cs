using System.Security.Cryptography;
using Dapper;
using NewsSite.Core.Accounts;

namespace NewsSite.Core.Data.Postgres;

/// <summary>Editor accounts in table users, whose changes also end rows of table sessions; see <see cref="IUserStore"/>.</summary>
public sealed class PostgresUserStore(PostgresDatabase database, TimeProvider clock) : IUserStore
{
    private const string SelectUser =
        """
        SELECT id AS Id, name AS Name, role AS Role, password_hash AS PasswordHash, security_stamp AS SecurityStamp,
               created_at AS CreatedAt, password_changed_at AS PasswordChangedAt
        FROM users
        """;

    private const string AdminCountSql = "SELECT count(*) FROM users WHERE role = 'admin'";

    public async Task<UserAccount> AddAsync(string name, UserRole role, string passwordHash, CancellationToken cancellationToken = default)
    {
        try
        {
            var id = await database.RunAsync(connection => connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO users (name, role, password_hash, security_stamp, created_at, password_changed_at)
                VALUES (@Name, @Role, @PasswordHash, @Stamp, @Now, @Now)
                RETURNING id;
                """,
                new { Name = name, Role = RoleText(role), PasswordHash = passwordHash, Stamp = NewStamp(), Now = clock.GetUtcNow() }),
                cancellationToken);
            return (await FindByIdAsync(id, cancellationToken))!;
        }
        catch (StorageException e) when (e.Failure == StorageFailure.Constraint) // the name is the only unique column
        {
            throw new AccountExistsException(name);
        }
    }

    public Task<UserAccount?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
            (await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE name = @Name;", new { Name = name }))?.ToAccount(),
            cancellationToken);

    public Task<UserAccount?> FindByIdAsync(long id, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
            (await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE id = @Id;", new { Id = id }))?.ToAccount(),
            cancellationToken);

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<UserAccount>>(async connection =>
            // COLLATE "C": by code point, as SQLite's BINARY sorts the names.
            (await connection.QueryAsync<UserRow>(SelectUser + " ORDER BY name COLLATE \"C\";")).Select(r => r.ToAccount()).ToList(),
            cancellationToken);

    public Task<string?> SetPasswordAsync(string name, string passwordHash, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var stamp = NewStamp();
            var changed = await unit.Connection.ExecuteAsync(
                "UPDATE users SET password_hash = @PasswordHash, security_stamp = @Stamp, password_changed_at = @Now WHERE name = @Name;",
                new { Name = name, PasswordHash = passwordHash, Stamp = stamp, Now = clock.GetUtcNow() },
                unit.Transaction);
            if (changed != 1)
            {
                return null;
            }

            await EndSessionsAsync(unit, name);
            return stamp;
        }, cancellationToken);

    public Task RehashAsync(long id, string oldHash, string newHash, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.ExecuteAsync(
            "UPDATE users SET password_hash = @NewHash WHERE id = @Id AND password_hash = @OldHash;",
            new { Id = id, OldHash = oldHash, NewHash = newHash }), cancellationToken);

    public Task<AccountChange> SetRoleAsync(string name, UserRole role, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            // The count is read inside the write unit, after the write gate: of two admins demoting each other, the
            // second finds one.
            var changed = await unit.Connection.ExecuteAsync(
                $"""
                UPDATE users SET role = @Role, security_stamp = @Stamp
                WHERE name = @Name AND (@Role = 'admin' OR role <> 'admin' OR ({AdminCountSql}) > 1);
                """,
                new { Name = name, Role = RoleText(role), Stamp = NewStamp() }, unit.Transaction);
            if (changed != 1)
            {
                return await WhyUnchangedAsync(unit, name);
            }

            await EndSessionsAsync(unit, name);
            return AccountChange.Done;
        }, cancellationToken);

    public Task<AccountChange> RemoveAsync(string name, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            // Sessions first, by name, while the row still says whose they are (the foreign key would cascade too).
            var guard = $"name = @Name AND (role <> 'admin' OR ({AdminCountSql}) > 1)";
            await unit.Connection.ExecuteAsync(
                $"DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE {guard});", new { Name = name }, unit.Transaction);
            var removed = await unit.Connection.ExecuteAsync($"DELETE FROM users WHERE {guard};", new { Name = name }, unit.Transaction);
            return removed == 1 ? AccountChange.Done : await WhyUnchangedAsync(unit, name);
        }, cancellationToken);

    private static async Task<AccountChange> WhyUnchangedAsync(PostgresUnitOfWork unit, string name) =>
        await unit.Connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE name = @Name;", new { Name = name }, unit.Transaction) == 0
            ? AccountChange.NoSuchAccount
            : AccountChange.WouldLeaveNoAdmin;

    private static Task<int> EndSessionsAsync(PostgresUnitOfWork unit, string name) =>
        unit.Connection.ExecuteAsync(
            "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = @Name);", new { Name = name }, unit.Transaction);

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string RoleText(UserRole role) => UserRoles.Text(role);

    private sealed class UserRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string SecurityStamp { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset PasswordChangedAt { get; init; }

        public UserAccount ToAccount() => new(
            Id, Name, UserRoles.FromStored(Role), PasswordHash, SecurityStamp, CreatedAt, PasswordChangedAt);
    }
}
