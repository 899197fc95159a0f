namespace NewsSite.Web.Tests.Support;

/// <summary>
/// The Redis test server that tools/test-servers.sh starts (NEWSSITE_TEST_REDIS, e.g. "127.0.0.1:63799"). The
/// PostgreSQL pass runs every site with it, as several nodes would; tests of Redis itself need it on every pass.
/// </summary>
public static class TestRedis
{
    public const string Variable = "NEWSSITE_TEST_REDIS";

    public static string? Configuration => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Skips the running test, saying why, where no server is named (a developer's machine without one); CI fails on any skip.</summary>
    public static string Require()
    {
        Assert.SkipWhen(Configuration is null, $"Kein Redis für Tests: {Variable} ist nicht gesetzt (tools/test-servers.sh start).");
        return Configuration!;
    }

    public static async Task<long> ListLengthAsync(string key)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Require());
        return await redis.GetDatabase().ListLengthAsync(key);
    }

    public static async Task<bool> ExistsAsync(string key)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Require());
        return await redis.GetDatabase().KeyExistsAsync(key);
    }

    /// <summary>Removes a test's keys (every key under <paramref name="prefix"/> and ":").</summary>
    public static async Task DeleteKeysAsync(string prefix)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Require());
        var keys = new List<StackExchange.Redis.RedisKey>();
        await foreach (var key in redis.GetServers()[0].KeysAsync(pattern: prefix + ":*"))
        {
            keys.Add(key);
        }

        if (keys.Count > 0)
        {
            await redis.GetDatabase().KeyDeleteAsync([.. keys]);
        }
    }
}
