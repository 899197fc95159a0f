using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Data;

namespace NewsSite.Core.Accounts;

/// <summary>
/// All SQL of the account aggregate. Password hashing happens outside (the web project owns ASP.NET Core's
/// PasswordHasher); this class only ever sees hashes. Every password change also replaces the security stamp,
/// which ends the account's sessions that still carry the old one.
/// </summary>
public sealed class UserRepository(Database database, TimeProvider clock)
{
    private const string SelectUser =
        """
        SELECT id AS Id, name AS Name, role AS Role, password_hash AS PasswordHash, security_stamp AS SecurityStamp,
               created_at AS CreatedAt, password_changed_at AS PasswordChangedAt
        FROM users
        """;

    public async Task<UserAccount> AddAsync(string name, UserRole role, string passwordHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = SqliteDates.ToText(clock.GetUtcNow());
        try
        {
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO users (name, role, password_hash, security_stamp, created_at, password_changed_at)
                VALUES (@Name, @Role, @PasswordHash, @Stamp, @Now, @Now)
                RETURNING id;
                """,
                new { Name = name, Role = RoleText(role), PasswordHash = passwordHash, Stamp = NewStamp(), Now = now });
            return (await FindByIdAsync(id, cancellationToken))!;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: the name is taken
        {
            throw new AccountExistsException(name);
        }
    }

    public async Task<UserAccount?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE name = @Name;", new { Name = name });
        return row?.ToAccount();
    }

    public async Task<UserAccount?> FindByIdAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE id = @Id;", new { Id = id });
        return row?.ToAccount();
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>(SelectUser + " ORDER BY name;");
        return rows.Select(r => r.ToAccount()).ToList();
    }

    /// <returns>The new security stamp, or null when there is no such account.</returns>
    public async Task<string?> SetPasswordAsync(string name, string passwordHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var stamp = NewStamp();
        var changed = await connection.ExecuteAsync(
            "UPDATE users SET password_hash = @PasswordHash, security_stamp = @Stamp, password_changed_at = @Now WHERE name = @Name;",
            new { Name = name, PasswordHash = passwordHash, Stamp = stamp, Now = SqliteDates.ToText(clock.GetUtcNow()) });
        return changed == 1 ? stamp : null;
    }

    /// <summary>
    /// Replaces a hash whose algorithm parameters are outdated; the stamp stays, because the password did not change.
    /// Guarded by the old hash so that a password change in between is not undone.
    /// </summary>
    public async Task RehashAsync(long id, string oldHash, string newHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE users SET password_hash = @NewHash WHERE id = @Id AND password_hash = @OldHash;",
            new { Id = id, OldHash = oldHash, NewHash = newHash });
    }

    /// <summary>Changing the role also changes the stamp: sessions holding the old role's rights end.</summary>
    public async Task<bool> SetRoleAsync(string name, UserRole role, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE users SET role = @Role, security_stamp = @Stamp WHERE name = @Name;",
            new { Name = name, Role = RoleText(role), Stamp = NewStamp() }) == 1;
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM users WHERE name = @Name;", new { Name = name }) == 1;
    }

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
