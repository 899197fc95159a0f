namespace NewsSite.Web.Accounts;

/// <summary>
/// <see cref="LoginThrottle"/>'s counts in this node's memory: the only ones on a single node, and each node's own
/// while the shared Redis is unreachable (<see cref="RedisLoginThrottleState"/>). A restart forgets them.
/// </summary>
public sealed class MemoryLoginThrottleState : ILoginThrottleState
{
    // Beyond this many tracked keys, forgettable ones are dropped, so random names cannot grow memory without bound.
    private const int PruneThreshold = 10_000;

    // Logins are few (the rate limiter holds each address to ten a minute), so one lock keeps the rules simple.
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Name, string Address), Pair> _pairs = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NameState> _names = new(StringComparer.Ordinal);

    public ValueTask<TimeSpan?> AdmitAsync(string name, string address, DateTimeOffset now) => ValueTask.FromResult(Admit(name, address, now));

    public ValueTask RecordFailureAsync(string name, string address, DateTimeOffset now)
    {
        RecordFailure(name, address, now);
        return ValueTask.CompletedTask;
    }

    public ValueTask RecordSuccessAsync(string name, string address, DateTimeOffset now)
    {
        RecordSuccess(name, address, now);
        return ValueTask.CompletedTask;
    }

    public TimeSpan? Admit(string name, string address, DateTimeOffset now)
    {
        lock (_gate)
        {
            var wait = Max(PairWait(name, address, now), AddressWait(address, now));
            var slowed = IsSlowed(name, address, now, out var state);
            if (slowed && state!.NextSlowedAttempt > now)
            {
                wait = Max(wait, state.NextSlowedAttempt - now);
            }

            if (wait is null && slowed)
            {
                state!.NextSlowedAttempt = now + LoginThrottle.SlowedAttemptInterval;
            }

            return wait;
        }
    }

    public void RecordFailure(string name, string address, DateTimeOffset now)
    {
        lock (_gate)
        {
            var pair = _pairs.TryGetValue((name, address), out var known) && now < known.LastFailure + LoginThrottle.PairMemory ? known : new Pair();
            pair.Failures++;
            pair.LastFailure = now;
            _pairs[(name, address)] = pair;

            Enqueue(_addresses, address, now, LoginThrottle.AddressWindow);
            var state = Name(name);
            Expire(state.Failures, now, LoginThrottle.NameWindow);
            state.Failures.Enqueue(now);

            if (_pairs.Count + _addresses.Count + _names.Count > PruneThreshold)
            {
                Prune(now);
            }
        }
    }

    public void RecordSuccess(string name, string address, DateTimeOffset now)
    {
        lock (_gate)
        {
            _pairs.Remove((name, address));
            var familiar = Name(name).Familiar;
            familiar[address] = now;
            if (familiar.Count > LoginThrottle.MaxFamiliarAddresses)
            {
                familiar.Remove(familiar.MinBy(f => f.Value).Key);
            }
        }
    }

    private TimeSpan? PairWait(string name, string address, DateTimeOffset now)
    {
        if (!_pairs.TryGetValue((name, address), out var pair))
        {
            return null;
        }

        var until = pair.LastFailure + LoginThrottle.PairWaitAfter(pair.Failures);
        return until > now ? until - now : null;
    }

    private TimeSpan? AddressWait(string address, DateTimeOffset now)
    {
        if (!_addresses.TryGetValue(address, out var failures))
        {
            return null;
        }

        Expire(failures, now, LoginThrottle.AddressWindow);

        // Allowed again once enough failures have aged out to leave fewer than the limit.
        return failures.Count < LoginThrottle.AddressFailures
            ? null
            : failures.ElementAt(failures.Count - LoginThrottle.AddressFailures) + LoginThrottle.AddressWindow - now;
    }

    private bool IsSlowed(string name, string address, DateTimeOffset now, out NameState? state)
    {
        if (!_names.TryGetValue(name, out state))
        {
            return false;
        }

        Expire(state.Failures, now, LoginThrottle.NameWindow);
        var familiar = state.Familiar.TryGetValue(address, out var lastSuccess) && now < lastSuccess + LoginThrottle.FamiliarFor;
        return state.Failures.Count >= LoginThrottle.NameCeiling && !familiar;
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
            if (now >= pair.LastFailure + LoginThrottle.PairMemory)
            {
                _pairs.Remove(key);
            }
        }

        foreach (var (key, queue) in _addresses.ToList())
        {
            Expire(queue, now, LoginThrottle.AddressWindow);
            if (queue.Count == 0)
            {
                _addresses.Remove(key);
            }
        }

        foreach (var (key, state) in _names.ToList())
        {
            Expire(state.Failures, now, LoginThrottle.NameWindow);
            foreach (var (address, lastSuccess) in state.Familiar.ToList())
            {
                if (now >= lastSuccess + LoginThrottle.FamiliarFor)
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
