using System.Collections.Concurrent;

namespace NewsSite.Web.Accounts;

/// <summary>
/// Counts failed logins per account name and per client address over a sliding window. After
/// <see cref="MaxFailures"/> failures for either, further attempts are refused until the oldest failure leaves the
/// window, whatever the password; so guessing costs an attacker hours, and an unknown name is throttled exactly like a
/// known one. Kept in memory: a restart forgets it, and several web nodes would each count on their own (noted in
/// docs/editing.md; a shared store belongs with the multi-node setup).
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    // Beyond this many tracked keys, expired ones are dropped, so random names cannot grow memory without bound.
    private const int PruneThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>The address failures are counted for: the connection's (see docs/editing.md on reverse proxies).</summary>
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

    /// <returns>How long until another attempt is allowed; null when one is allowed now.</returns>
    public TimeSpan? RetryAfter(string accountName, string clientAddress)
    {
        var now = clock.GetUtcNow();
        var waits = new[] { Wait(AccountKey(accountName), now), Wait(AddressKey(clientAddress), now) }.Where(w => w is not null).ToList();
        return waits.Count == 0 ? null : waits.Max();
    }

    public void RecordFailure(string accountName, string clientAddress)
    {
        var now = clock.GetUtcNow();
        Add(AccountKey(accountName), now);
        Add(AddressKey(clientAddress), now);
        if (_failures.Count > PruneThreshold)
        {
            foreach (var key in _failures.Keys)
            {
                if (Wait(key, now) is null && Count(key, now) == 0)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>A successful login clears the account's count; the address keeps its count.</summary>
    public void RecordSuccess(string accountName) => _failures.TryRemove(AccountKey(accountName), out _);

    private static string AccountKey(string name) => "name:" + name.Trim().ToLowerInvariant();

    private static string AddressKey(string address) => "addr:" + address;

    private void Add(string key, DateTimeOffset now)
    {
        var queue = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Expire(queue, now);
            queue.Enqueue(now);
        }
    }

    private TimeSpan? Wait(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var queue))
        {
            return null;
        }

        lock (queue)
        {
            Expire(queue, now);
            if (queue.Count < MaxFailures)
            {
                return null;
            }

            // Allowed again once enough failures have aged out to leave fewer than the maximum.
            return queue.ElementAt(queue.Count - MaxFailures) + Window - now;
        }
    }

    private int Count(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var queue))
        {
            return 0;
        }

        lock (queue)
        {
            Expire(queue, now);
            return queue.Count;
        }
    }

    private static void Expire(Queue<DateTimeOffset> queue, DateTimeOffset now)
    {
        while (queue.Count > 0 && queue.Peek() <= now - Window)
        {
            queue.Dequeue();
        }
    }
}
