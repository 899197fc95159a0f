using Microsoft.Extensions.Logging.Abstractions;
using NewsSite.Web.Accounts;
using NewsSite.Web.Nodes;
using NewsSite.Web.Tests.Support;
using StackExchange.Redis;

namespace NewsSite.Web.Tests.Admin;

/// <summary>
/// The throttle's rules on the Redis test server (on every pass), each state a node of its own with its own
/// connection, all under one key prefix for the test. A count that fell back to a node's memory fails the test: the
/// rules must have been applied by the scripts.
/// </summary>
public sealed class RedisLoginThrottleTests : LoginThrottleContract, IAsyncDisposable
{
    private const string Attacker = "203.0.113.66";

    private readonly string _prefix = "t-" + Guid.NewGuid().ToString("N");
    private readonly List<(RedisConnection Connection, SharedCounts Counts)> _nodes = [];

    protected override ILoginThrottleState NewState()
    {
        var connection = RedisConnection.Open(TestRedis.Require(), _prefix, NullLogger<RedisConnection>.Instance);
        var counts = new SharedCounts(new SharedRedis(connection), NullLogger<SharedCounts>.Instance);
        _nodes.Add((connection, counts));
        return new RedisLoginThrottleState(counts);
    }

    [Fact]
    public async Task TwoNodes_AddUpTheirFailures_AndAWaitImposedThroughOneHoldsOnTheOther()
    {
        var nodeA = NewThrottle();
        var nodeB = NewThrottle();

        for (var failure = 1; failure < LoginThrottle.FreePairFailures; failure++)
        {
            await (failure % 2 == 0 ? nodeA : nodeB).RecordFailureAsync("anna", Attacker);
        }

        Assert.Null(await nodeA.AdmitAsync("anna", Attacker));
        await nodeA.RecordFailureAsync("anna", Attacker);

        Assert.Equal(LoginThrottle.FirstPairWait, await nodeA.AdmitAsync("anna", Attacker));
        Assert.Equal(LoginThrottle.FirstPairWait, await nodeB.AdmitAsync("ANNA", Attacker));
        Clock.Advance(LoginThrottle.FirstPairWait);
        Assert.Null(await nodeB.AdmitAsync("anna", Attacker));
    }

    [Fact]
    public async Task UnderAttack_TheOneSlowedAttempt_IsTakenByOneNodeOnly()
    {
        var nodeA = NewThrottle();
        var nodeB = NewThrottle();
        for (var i = 0; i < LoginThrottle.NameCeiling; i++)
        {
            await (i % 2 == 0 ? nodeA : nodeB).RecordFailureAsync("anna", $"10.0.0.{i}");
        }

        Assert.Null(await nodeA.AdmitAsync("anna", "192.0.2.1"));
        Assert.Equal(LoginThrottle.SlowedAttemptInterval, await nodeB.AdmitAsync("anna", "192.0.2.2"));
    }

    [Fact]
    public async Task EveryCount_ExpiresWithItsWindow_AndKeepsOnlyWhatTheRulesLookAt()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 3 * LoginThrottle.NameCeiling; i++)
        {
            await throttle.RecordFailureAsync(i % 2 == 0 ? "anna" : "ANNA", Attacker);
        }

        for (var i = 0; i < 2 * LoginThrottle.MaxFamiliarAddresses; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await throttle.RecordSuccessAsync("anna", $"10.0.1.{i}");
        }

        await throttle.RecordFailureAsync("anna", "10.0.1.0");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestRedis.Require());
        var db = redis.GetDatabase();
        async Task<(long Size, TimeSpan? Ttl)> Inspect(string key, bool sorted = true) =>
            (sorted ? await db.SortedSetLengthAsync(_prefix + ":" + key) : await db.HashLengthAsync(_prefix + ":" + key),
             await db.KeyTimeToLiveAsync(_prefix + ":" + key));

        var pair = await Inspect("login:pair:10.0.1.0|anna", sorted: false);
        var address = await Inspect("login:address:" + Attacker);
        var failures = await Inspect("login:name-failures:anna");
        var familiar = await Inspect("login:name-familiar:anna");

        Assert.Equal(2, pair.Size);
        Assert.InRange(pair.Ttl!.Value, LoginThrottle.PairMemory - TimeSpan.FromMinutes(1), LoginThrottle.PairMemory);
        Assert.Equal(LoginThrottle.AddressFailures, address.Size);
        Assert.InRange(address.Ttl!.Value, LoginThrottle.AddressWindow - TimeSpan.FromMinutes(1), LoginThrottle.AddressWindow);
        Assert.Equal(LoginThrottle.NameCeiling, failures.Size);
        Assert.InRange(failures.Ttl!.Value, LoginThrottle.NameWindow - TimeSpan.FromMinutes(1), LoginThrottle.NameWindow);
        Assert.Equal(LoginThrottle.MaxFamiliarAddresses, familiar.Size);
        Assert.InRange(familiar.Ttl!.Value, LoginThrottle.FamiliarFor - TimeSpan.FromMinutes(1), LoginThrottle.FamiliarFor);

        // The oldest familiar addresses gave way; the newest stayed.
        Assert.Null(await db.SortedSetScoreAsync(_prefix + ":login:name-familiar:anna", "10.0.1.0"));
        Assert.NotNull(await db.SortedSetScoreAsync(_prefix + ":login:name-familiar:anna", $"10.0.1.{2 * LoginThrottle.MaxFamiliarAddresses - 1}"));
    }

    public async ValueTask DisposeAsync()
    {
        var keptAlone = _nodes.Sum(n => n.Counts.KeptAlone);
        foreach (var (connection, _) in _nodes)
        {
            await connection.DisposeAsync();
        }

        await TestRedis.DeleteKeysAsync(_prefix);
        Assert.Equal(0, keptAlone);
    }
}
