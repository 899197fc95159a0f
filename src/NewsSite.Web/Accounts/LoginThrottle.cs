namespace NewsSite.Web.Accounts;

/// <summary>
/// Slows password guessing without handing an attacker a way to lock an editor out (decision 0009, and the threat
/// model in docs/security.md for the numbers and what they allow). Three counts, each answering one kind of attack:
/// <list type="bullet">
/// <item><b>Name and address together.</b> After <see cref="FreePairFailures"/> failures for one name from one
/// address, that pair waits <see cref="FirstPairWait"/>, doubling with every further failure up to
/// <see cref="LongestPairWait"/>; a success or a day without failures forgets it. Failures from elsewhere never count
/// against the owner's own address.</item>
/// <item><b>Address across names.</b> <see cref="AddressFailures"/> failures from one address within
/// <see cref="AddressWindow"/>, whatever the names, refuse that address until the oldest leaves the window: one
/// machine trying many names.</item>
/// <item><b>Name across addresses.</b> Once a name has collected <see cref="NameCeiling"/> failures within
/// <see cref="NameWindow"/> (an attack from many addresses), addresses that have not logged in as that name before
/// share one attempt per <see cref="SlowedAttemptInterval"/>. Addresses the name has logged in from within
/// <see cref="FamiliarFor"/> are not slowed: the owner at their usual desk is never kept out.</item>
/// </list>
/// An unknown name is throttled exactly like a known one. The counts are kept by an <see cref="ILoginThrottleState"/>:
/// in this node's memory on a single node (a restart forgets them), in Redis when several nodes share one, so that
/// failures through any node add up and a wait holds on all of them (decision 0026; while Redis is unreachable each
/// node counts on its own, see <see cref="Nodes.SharedCounts"/>).
/// </summary>
public sealed class LoginThrottle(TimeProvider clock, ILoginThrottleState state)
{
    public const int FreePairFailures = 5;
    public static readonly TimeSpan FirstPairWait = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestPairWait = TimeSpan.FromHours(1);
    public static readonly TimeSpan PairMemory = TimeSpan.FromHours(24);

    // Above the pair's five, so that one person's typos meet the pair's short wait first, and the address count only
    // stops a machine spraying many names (or an office behind one address, if it mistypes twice as often).
    public const int AddressFailures = 10;
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(15);

    public const int NameCeiling = 30;
    public static readonly TimeSpan NameWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan SlowedAttemptInterval = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan FamiliarFor = TimeSpan.FromDays(30);

    // Per name, the addresses remembered as its own; the oldest gives way beyond this.
    public const int MaxFamiliarAddresses = 32;

    /// <summary>The address failures are counted for: the connection's, or a trusted proxy's client (docs/configuration.md).</summary>
    public static string ClientAddress(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unbekannt";
    }

    /// <summary>Marks the response 429 with Retry-After in whole seconds.</summary>
    /// <returns>The wait in whole minutes, at least 1, for the German message.</returns>
    public static int Refuse(HttpResponse response, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(response);
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Math.Max(1, (seconds + 59) / 60);
    }

    /// <summary>
    /// Whether a password may be checked for <paramref name="accountName"/> from <paramref name="clientAddress"/> now.
    /// An attempt admitted while the name is under attack takes the one slowed attempt until the next.
    /// </summary>
    /// <returns>How long until an attempt is allowed; null when this one may go ahead.</returns>
    public ValueTask<TimeSpan?> AdmitAsync(string accountName, string clientAddress) =>
        state.AdmitAsync(NameKey(accountName), clientAddress, clock.GetUtcNow());

    public ValueTask RecordFailureAsync(string accountName, string clientAddress) =>
        state.RecordFailureAsync(NameKey(accountName), clientAddress, clock.GetUtcNow());

    /// <summary>
    /// A successful login forgets the pair's failures and remembers the address as the name's own; the address keeps
    /// its count across names, so a sprayer cannot clear it with an account of its own.
    /// </summary>
    public ValueTask RecordSuccessAsync(string accountName, string clientAddress) =>
        state.RecordSuccessAsync(NameKey(accountName), clientAddress, clock.GetUtcNow());

    /// <summary>The pair's wait after <paramref name="failures"/> failures: none up to the free ones, then doubling to the cap.</summary>
    public static TimeSpan PairWaitAfter(int failures) => failures < FreePairFailures
        ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(LongestPairWait.Ticks, FirstPairWait.Ticks << Math.Min(failures - FreePairFailures, 20)));

    private static string NameKey(string name) => name.Trim().ToLowerInvariant();
}
