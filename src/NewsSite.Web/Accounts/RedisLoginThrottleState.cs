using System.Globalization;
using NewsSite.Web.Nodes;
using StackExchange.Redis;

namespace NewsSite.Web.Accounts;

/// <summary>
/// <see cref="LoginThrottle"/>'s counts in the Redis every node shares (decision 0026), with the same rules as
/// <see cref="MemoryLoginThrottleState"/> (the same tests run against both). Each admission, failure and success is
/// one Lua script, one round trip that reads and updates its keys at once, so that two nodes never both take the
/// one slowed attempt. Times are the throttle's clock in milliseconds since 1970, passed in rather than read from
/// Redis, so that a test's clock rules here too; every key expires with its window, so nothing outlives its use:
/// <list type="bullet">
/// <item>login:pair:{address}|{name}: a hash of the pair's failures and the last one's time, for 24 hours.</item>
/// <item>login:address:{address}: a sorted set of the address's newest 10 failure times, for 15 minutes.</item>
/// <item>login:name-failures:{name}: the name's newest 30 failure times, for 24 hours.</item>
/// <item>login:name-familiar:{name}: up to 32 addresses with their last success, for 30 days.</item>
/// <item>login:name-next:{name}: when the next slowed attempt is allowed.</item>
/// </list>
/// The sets keep only the newest entries the rules look at, so an attacker cannot grow them. While Redis is
/// unreachable the node counts in its own memory (<see cref="SharedCounts"/>).
/// </summary>
public sealed class RedisLoginThrottleState(SharedCounts counts) : ILoginThrottleState
{
    // The rules' numbers, from LoginThrottle's constants, at the head of every script.
    private static readonly string Limits = string.Create(CultureInfo.InvariantCulture, $"""
        local freeFailures = {LoginThrottle.FreePairFailures}
        local firstWait = {Ms(LoginThrottle.FirstPairWait)}
        local longestWait = {Ms(LoginThrottle.LongestPairWait)}
        local pairMemory = {Ms(LoginThrottle.PairMemory)}
        local addressFailures = {LoginThrottle.AddressFailures}
        local addressWindow = {Ms(LoginThrottle.AddressWindow)}
        local nameCeiling = {LoginThrottle.NameCeiling}
        local nameWindow = {Ms(LoginThrottle.NameWindow)}
        local slowedInterval = {Ms(LoginThrottle.SlowedAttemptInterval)}
        local familiarFor = {Ms(LoginThrottle.FamiliarFor)}
        local maxFamiliar = {LoginThrottle.MaxFamiliarAddresses}
        local now = tonumber(ARGV[1])

        """);

    // KEYS: pair, address failures, name failures, name familiar, name next; ARGV: now, address. Returns the wait in ms, 0 for none.
    private static readonly string AdmitScript = Limits + """
        local wait = 0
        local pair = redis.call('HMGET', KEYS[1], 'failures', 'last')
        if pair[1] then
          local failures = tonumber(pair[1])
          if failures >= freeFailures then
            local allowedAt = tonumber(pair[2]) + math.min(longestWait, firstWait * 2 ^ math.min(failures - freeFailures, 20))
            if allowedAt > now then wait = allowedAt - now end
          end
        end

        -- Allowed again once enough failures have aged out to leave fewer than the limit.
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - addressWindow)
        local recent = redis.call('ZCARD', KEYS[2])
        if recent >= addressFailures then
          local oldest = redis.call('ZRANGE', KEYS[2], recent - addressFailures, recent - addressFailures, 'WITHSCORES')
          wait = math.max(wait, tonumber(oldest[2]) + addressWindow - now)
        end

        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - nameWindow)
        if redis.call('ZCARD', KEYS[3]) >= nameCeiling then
          local lastSuccess = redis.call('ZSCORE', KEYS[4], ARGV[2])
          if not (lastSuccess and now < tonumber(lastSuccess) + familiarFor) then
            local nextAttempt = tonumber(redis.call('GET', KEYS[5]) or 0)
            if nextAttempt > now then wait = math.max(wait, nextAttempt - now) end
            if wait == 0 then redis.call('SET', KEYS[5], now + slowedInterval, 'PX', slowedInterval) end
          end
        end

        return wait
        """;

    // KEYS: pair, address failures, name failures; ARGV: now, a member unique to this failure.
    private static readonly string FailureScript = Limits + """
        local pair = redis.call('HMGET', KEYS[1], 'failures', 'last')
        local failures = 1
        if pair[1] and now < tonumber(pair[2]) + pairMemory then failures = tonumber(pair[1]) + 1 end
        redis.call('HSET', KEYS[1], 'failures', failures, 'last', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], pairMemory)

        -- Only the newest failures matter to the rules: the limit's worth of them is kept.
        local function remember(key, window, keep)
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
          redis.call('ZADD', key, ARGV[1], ARGV[2])
          redis.call('ZREMRANGEBYRANK', key, 0, -(keep + 1))
          redis.call('PEXPIRE', key, window)
        end

        remember(KEYS[2], addressWindow, addressFailures)
        remember(KEYS[3], nameWindow, nameCeiling)
        return 0
        """;

    // KEYS: pair, name familiar; ARGV: now, address.
    private static readonly string SuccessScript = Limits + """
        redis.call('DEL', KEYS[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - familiarFor)
        redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
        redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(maxFamiliar + 1))
        redis.call('PEXPIRE', KEYS[2], familiarFor)
        return 0
        """;

    private readonly MemoryLoginThrottleState _alone = new();

    public async ValueTask<TimeSpan?> AdmitAsync(string name, string address, DateTimeOffset now)
    {
        if (!counts.Shared)
        {
            return _alone.Admit(name, address, now);
        }

        var keys = new[] { PairKey(name, address), AddressKey(address), Key("login:name-failures:", name), Key("login:name-familiar:", name), Key("login:name-next:", name) };
        var answer = await counts.EvaluateAsync(AdmitScript, keys, [now.ToUnixTimeMilliseconds(), address]);
        if (answer is null)
        {
            return _alone.Admit(name, address, now);
        }

        var wait = (long)answer;
        return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
    }

    public async ValueTask RecordFailureAsync(string name, string address, DateTimeOffset now)
    {
        var keys = counts.Shared ? new[] { PairKey(name, address), AddressKey(address), Key("login:name-failures:", name) } : [];
        if (!counts.Shared || await counts.EvaluateAsync(FailureScript, keys, [now.ToUnixTimeMilliseconds(), Guid.NewGuid().ToString("N")]) is null)
        {
            _alone.RecordFailure(name, address, now);
        }
    }

    public async ValueTask RecordSuccessAsync(string name, string address, DateTimeOffset now)
    {
        var keys = counts.Shared ? new[] { PairKey(name, address), Key("login:name-familiar:", name) } : [];
        if (!counts.Shared || await counts.EvaluateAsync(SuccessScript, keys, [now.ToUnixTimeMilliseconds(), address]) is null)
        {
            _alone.RecordSuccess(name, address, now);
        }
    }

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;

    // An address has no "|", so the first one ends it whatever the name holds.
    private RedisKey PairKey(string name, string address) => counts.Key("login:pair:" + address + "|" + name);

    private RedisKey AddressKey(string address) => counts.Key("login:address:" + address);

    private RedisKey Key(string kind, string name) => counts.Key(kind + name);
}
