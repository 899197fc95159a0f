using System.Security.Cryptography;
using Dapper;
using NewsSite.Core.Accounts;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>Editor accounts in table users; see <see cref="IUserStore"/>.</summary>
public sealed class SqliteUserStore(SqliteDatabase database, TimeProvider clock) : IUserStore
{
    private const string SelectUser =
        """
        SELECT id AS Id, name AS Name, role AS Role, password_hash AS PasswordHash, security_stamp AS SecurityStamp,
               created_at AS CreatedAt, password_changed_at AS PasswordChangedAt
        FROM users
        """;

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
                new { Name = name, Role = RoleText(role), PasswordHash = passwordHash, Stamp = NewStamp(), Now = SqliteDates.ToText(clock.GetUtcNow()) }),
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
            (await connection.QueryAsync<UserRow>(SelectUser + " ORDER BY name;")).Select(r => r.ToAccount()).ToList(),
            cancellationToken);

    public Task<string?> SetPasswordAsync(string name, string passwordHash, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
        {
            var stamp = NewStamp();
            var changed = await connection.ExecuteAsync(
                "UPDATE users SET password_hash = @PasswordHash, security_stamp = @Stamp, password_changed_at = @Now WHERE name = @Name;",
                new { Name = name, PasswordHash = passwordHash, Stamp = stamp, Now = SqliteDates.ToText(clock.GetUtcNow()) });
            return changed == 1 ? stamp : null;
        }, cancellationToken);

    public Task RehashAsync(long id, string oldHash, string newHash, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection => connection.ExecuteAsync(
            "UPDATE users SET password_hash = @NewHash WHERE id = @Id AND password_hash = @OldHash;",
            new { Id = id, OldHash = oldHash, NewHash = newHash }), cancellationToken);

    public Task<bool> SetRoleAsync(string name, UserRole role, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection => await connection.ExecuteAsync(
            "UPDATE users SET role = @Role, security_stamp = @Stamp WHERE name = @Name;",
            new { Name = name, Role = RoleText(role), Stamp = NewStamp() }) == 1, cancellationToken);

    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default) =>
        database.RunAsync(async connection =>
            await connection.ExecuteAsync("DELETE FROM users WHERE name = @Name;", new { Name = name }) == 1, cancellationToken);

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string RoleText(UserRole role) => role == UserRole.Admin ? "admin" : "editor";

    private sealed class UserRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string SecurityStamp { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string PasswordChangedAt { get; init; } = "";

        public UserAccount ToAccount() => new(
            Id, Name, Role == "admin" ? UserRole.Admin : UserRole.Editor, PasswordHash, SecurityStamp,
            SqliteDates.FromText(CreatedAt), SqliteDates.FromText(PasswordChangedAt));
    }
}
