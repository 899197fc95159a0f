using System.Security.Cryptography;
using System.Text;

namespace NewsSite.Core.Accounts;

/// <summary>A session about to begin: who, from where, and when it ends at the latest.</summary>
/// <param name="IdHash">The hash of the id the browser holds (<see cref="SessionToken.Hash"/>), never the id itself.</param>
public sealed record NewSession(
    string IdHash, long AccountId, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt, string ClientAddress, string UserAgent);

/// <summary>A stored session with the account as it is now, for the check every signed-in request makes.</summary>
public sealed record ActiveSession(
    string IdHash,
    long AccountId,
    string AccountName,
    UserRole Role,
    string SecurityStamp,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt);

/// <summary>One of an account's sessions, as its owner sees them listed.</summary>
public sealed record SessionInfo(
    string IdHash, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, string ClientAddress, string UserAgent);

/// <summary>
/// Signed-in sessions kept by the server (decision 0009). The browser's cookie names a session; a session that is not
/// here is no session, whatever the cookie says. So ending one is deleting it: logout ends its own, and
/// <see cref="IUserStore"/> ends every session of an account whose password or role changes or that is removed, in
/// the same write. The store keeps the instants it is given; the lifetimes are the caller's rule.
/// </summary>
public interface ISessionStore
{
    /// <exception cref="Data.StorageException">The account does not exist (any more).</exception>
    Task StartAsync(NewSession session, CancellationToken cancellationToken = default);

    /// <summary>The session with its account's current name, role and stamp; null when there is none.</summary>
    Task<ActiveSession?> FindAsync(string idHash, CancellationToken cancellationToken = default);

    /// <summary>Moves the session's last use forward to <paramref name="seenAt"/> (never back).</summary>
    Task TouchAsync(string idHash, DateTimeOffset seenAt, CancellationToken cancellationToken = default);

    /// <returns>Whether there was such a session.</returns>
    Task<bool> EndAsync(string idHash, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of the account except <paramref name="keepIdHash"/>.</summary>
    /// <returns>How many sessions ended.</returns>
    Task<int> EndOthersAsync(long accountId, string keepIdHash, CancellationToken cancellationToken = default);

    /// <summary>The account's sessions, most recently used first.</summary>
    Task<IReadOnlyList<SessionInfo>> ListAsync(long accountId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the sessions that ended by time: past their absolute end, or unused since <paramref name="idleBefore"/>.</summary>
    /// <returns>How many were deleted.</returns>
    Task<int> PruneAsync(DateTimeOffset now, DateTimeOffset idleBefore, CancellationToken cancellationToken = default);
}

/// <summary>
/// The random id a browser holds for its session, and the hash the server stores of it. 256 bits from the system's
/// generator: not guessable, and a stored hash (in the database, in a backup) gives nobody a usable cookie.
/// </summary>
public static class SessionToken
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
