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
/// An unknown name is throttled exactly like a known one. Kept in memory: a restart forgets it, and several web
/// nodes would each count on their own (docs/editing.md); a shared store belongs with the multi-node setup.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
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

    // Beyond this many tracked keys, forgettable ones are dropped, so random names cannot grow memory without bound.
    private const int PruneThreshold = 10_000;

    // Per name, the addresses remembered as its own; the oldest gives way beyond this.
    private const int MaxFamiliarAddresses = 32;

    // Logins are few (the rate limiter holds each address to ten a minute), so one lock keeps the rules simple.
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Name, string Address), Pair> _pairs = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NameState> _names = new(StringComparer.Ordinal);

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
    public TimeSpan? Admit(string accountName, string clientAddress)
    {
        var name = NameKey(accountName);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var wait = Max(PairWait(name, clientAddress, now), AddressWait(clientAddress, now));
            var slowed = IsSlowed(name, clientAddress, now, out var state);
            if (slowed && state!.NextSlowedAttempt > now)
            {
                wait = Max(wait, state.NextSlowedAttempt - now);
            }

            if (wait is null && slowed)
            {
                state!.NextSlowedAttempt = now + SlowedAttemptInterval;
            }

            return wait;
        }
    }

    public void RecordFailure(string accountName, string clientAddress)
    {
        var name = NameKey(accountName);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var pair = _pairs.TryGetValue((name, clientAddress), out var known) && now < known.LastFailure + PairMemory ? known : new Pair();
            pair.Failures++;
            pair.LastFailure = now;
            _pairs[(name, clientAddress)] = pair;

            Enqueue(_addresses, clientAddress, now, AddressWindow);
            var state = Name(name);
            Expire(state.Failures, now, NameWindow);
            state.Failures.Enqueue(now);

            if (_pairs.Count + _addresses.Count + _names.Count > PruneThreshold)
            {
                Prune(now);
            }
        }
    }

    /// <summary>
    /// A successful login forgets the pair's failures and remembers the address as the name's own; the address keeps
    /// its count across names, so a sprayer cannot clear it with an account of its own.
    /// </summary>
    public void RecordSuccess(string accountName, string clientAddress)
    {
        var name = NameKey(accountName);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            _pairs.Remove((name, clientAddress));
            var familiar = Name(name).Familiar;
            familiar[clientAddress] = now;
            if (familiar.Count > MaxFamiliarAddresses)
            {
                familiar.Remove(familiar.MinBy(f => f.Value).Key);
            }
        }
    }

    /// <summary>The pair's wait after <paramref name="failures"/> failures: none up to the free ones, then doubling to the cap.</summary>
    public static TimeSpan PairWaitAfter(int failures) => failures < FreePairFailures
        ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(LongestPairWait.Ticks, FirstPairWait.Ticks << Math.Min(failures - FreePairFailures, 20)));

    private static string NameKey(string name) => name.Trim().ToLowerInvariant();

    private TimeSpan? PairWait(string name, string address, DateTimeOffset now)
    {
        if (!_pairs.TryGetValue((name, address), out var pair))
        {
            return null;
        }

        var until = pair.LastFailure + PairWaitAfter(pair.Failures);
        return until > now ? until - now : null;
    }

    private TimeSpan? AddressWait(string address, DateTimeOffset now)
    {
        if (!_addresses.TryGetValue(address, out var failures))
        {
            return null;
        }

        Expire(failures, now, AddressWindow);

        // Allowed again once enough failures have aged out to leave fewer than the limit.
        return failures.Count < AddressFailures ? null : failures.ElementAt(failures.Count - AddressFailures) + AddressWindow - now;
    }

    private bool IsSlowed(string name, string address, DateTimeOffset now, out NameState? state)
    {
        if (!_names.TryGetValue(name, out state))
        {
            return false;
        }

        Expire(state.Failures, now, NameWindow);
        var familiar = state.Familiar.TryGetValue(address, out var lastSuccess) && now < lastSuccess + FamiliarFor;
        return state.Failures.Count >= NameCeiling && !familiar;
    }

    private NameState Name(string name)
    {
        if (!_names.TryGetValue(name, out var state))
        {
            state = new NameState();
            _names[name] = state;
        }

        return state;
    }

    private static void Enqueue(Dictionary<string, Queue<DateTimeOffset>> counts, string key, DateTimeOffset now, TimeSpan window)
    {
        if (!counts.TryGetValue(key, out var queue))
        {
            queue = new Queue<DateTimeOffset>();
            counts[key] = queue;
        }

        Expire(queue, now, window);
        queue.Enqueue(now);
    }

    private static void Expire(Queue<DateTimeOffset> queue, DateTimeOffset now, TimeSpan window)
    {
        while (queue.Count > 0 && queue.Peek() <= now - window)
        {
            queue.Dequeue();
        }
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, pair) in _pairs.ToList())
        {
            if (now >= pair.LastFailure + PairMemory)
            {
                _pairs.Remove(key);
            }
        }

        foreach (var (key, queue) in _addresses.ToList())
        {
            Expire(queue, now, AddressWindow);
            if (queue.Count == 0)
            {
                _addresses.Remove(key);
            }
        }

        foreach (var (key, state) in _names.ToList())
        {
            Expire(state.Failures, now, NameWindow);
            foreach (var (address, lastSuccess) in state.Familiar.ToList())
            {
                if (now >= lastSuccess + FamiliarFor)
                {
                    state.Familiar.Remove(address);
                }
            }

            if (state.Failures.Count == 0 && state.Familiar.Count == 0)
            {
                _names.Remove(key);
            }
        }
    }

    private sealed class Pair
    {
        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; }
    }

    private sealed class NameState
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public Dictionary<string, DateTimeOffset> Familiar { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset NextSlowedAttempt { get; set; }
    }
}
