using NewsSite.Web.Accounts;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

/// <summary>
/// The throttle's rules on a clock the test sets: who waits, how long, and who never does. They hold wherever the
/// counts are kept: each binding (<see cref="MemoryLoginThrottleTests"/>, <see cref="RedisLoginThrottleTests"/>) runs
/// them all on its state.
/// </summary>
public abstract class LoginThrottleContract
{
    private const string Owner = "198.51.100.7";
    private const string Attacker = "203.0.113.66";

    private readonly TestClock _clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A state of its own for each throttle a test makes (as a node holds its own), on shared counts where the binding shares.</summary>
    protected abstract ILoginThrottleState NewState();

    protected TestClock Clock => _clock;

    protected LoginThrottle NewThrottle() => new(_clock, NewState());

    /// <summary>Fails as often as the throttle lets it, as fast as it may; returns the admitted attempts.</summary>
    private async Task<int> GuessForAsync(LoginThrottle throttle, string name, string address, TimeSpan during)
    {
        var end = _clock.Now + during;
        var attempts = 0;
        while (_clock.Now < end)
        {
            if (await throttle.AdmitAsync(name, address) is { } wait)
            {
                _clock.Advance(wait);
                continue;
            }

            await throttle.RecordFailureAsync(name, address);
            attempts++;
        }

        return attempts;
    }

    [Fact]
    public async Task APair_WaitsAfterFiveFailures_DoublingFromAMinuteToAnHour()
    {
        var throttle = NewThrottle();
        var waits = new List<TimeSpan?>();
        for (var failure = 1; failure <= 12; failure++)
        {
            await throttle.RecordFailureAsync("anna", Attacker);
            waits.Add(await throttle.AdmitAsync("anna", Attacker));
            _clock.Advance(waits[^1] ?? TimeSpan.Zero);
        }

        Assert.Equal(
            [null, null, null, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8),
             TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(32), TimeSpan.FromHours(1), TimeSpan.FromHours(1)],
            waits);
    }

    [Fact]
    public async Task APair_IsForgotten_AfterASuccess_OrADayWithoutFailures()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 8; i++)
        {
            await throttle.RecordFailureAsync("anna", Owner);
        }

        await throttle.RecordSuccessAsync("anna", Owner);
        Assert.Null(await throttle.AdmitAsync("anna", Owner));

        for (var i = 0; i < 8; i++)
        {
            await throttle.RecordFailureAsync("ben", Owner);
        }

        _clock.Advance(LoginThrottle.PairMemory);
        await throttle.RecordFailureAsync("ben", Owner);
        Assert.Null(await throttle.AdmitAsync("ben", Owner));
    }

    [Fact]
    public async Task FailuresFromOneAddress_NeverMakeTheOwnersAddressWait()
    {
        var throttle = NewThrottle();

        var guesses = await GuessForAsync(throttle, "anna", Attacker, TimeSpan.FromHours(6));
        await throttle.RecordFailureAsync("anna", Attacker);

        // Five at once, six more in the first hour, then one an hour.
        Assert.InRange(guesses, 15, 16);
        Assert.Equal(LoginThrottle.LongestPairWait, await throttle.AdmitAsync("anna", Attacker));
        Assert.Null(await throttle.AdmitAsync("anna", Owner));
        Assert.Null(await throttle.AdmitAsync("ANNA ", Owner));
    }

    [Fact]
    public async Task OneAddressTryingManyNames_WaitsForEveryName()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < LoginThrottle.AddressFailures; i++)
        {
            await throttle.RecordFailureAsync($"name{i}", Attacker);
        }

        var wait = await throttle.AdmitAsync("anna", Attacker);

        Assert.Equal(LoginThrottle.AddressWindow, wait);
        Assert.Null(await throttle.AdmitAsync("anna", Owner));
        _clock.Advance(LoginThrottle.AddressWindow);
        Assert.Null(await throttle.AdmitAsync("anna", Attacker));
    }

    /// <summary>
    /// A thousand addresses guessing one name: beyond the ceiling, new addresses share one attempt per slowed interval,
    /// so a day of it yields about as many guesses as the old lock allowed, while the owner's known address is not
    /// slowed at all.
    /// </summary>
    [Fact]
    public async Task ManyAddressesGuessingOneName_AreHeldToTheCeiling_ButTheOwnersKnownAddressIsNotSlowed()
    {
        var throttle = NewThrottle();
        await throttle.RecordSuccessAsync("anna", Owner);
        var admitted = 0;
        var end = _clock.Now + TimeSpan.FromDays(1);
        for (var round = 0; _clock.Now < end; round++)
        {
            var address = $"10.{round / 65536 % 256}.{round / 256 % 256}.{round % 256}";
            if (await throttle.AdmitAsync("anna", address) is null)
            {
                await throttle.RecordFailureAsync("anna", address);
                admitted++;
            }

            _clock.Advance(TimeSpan.FromSeconds(1));
            if (round % 600 == 0)
            {
                Assert.Null(await throttle.AdmitAsync("anna", Owner));
            }
        }

        var slowedPerDay = (int)(TimeSpan.FromDays(1) / LoginThrottle.SlowedAttemptInterval);
        Assert.InRange(admitted, LoginThrottle.NameCeiling, LoginThrottle.NameCeiling + slowedPerDay + 1);
        Assert.NotNull(await throttle.AdmitAsync("anna", "192.0.2.1"));
        Assert.Null(await throttle.AdmitAsync("anna", Owner));
    }

    [Fact]
    public async Task UnderAttack_ANewAddressOfTheOwner_GetsItsTurnWithinTheSlowedInterval()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < LoginThrottle.NameCeiling; i++)
        {
            await throttle.RecordFailureAsync("anna", $"10.0.0.{i}");
        }

        var first = await throttle.AdmitAsync("anna", "192.0.2.1");
        var second = await throttle.AdmitAsync("anna", "192.0.2.2");

        Assert.Null(first);
        Assert.Equal(LoginThrottle.SlowedAttemptInterval, second);
        _clock.Advance(LoginThrottle.SlowedAttemptInterval);
        Assert.Null(await throttle.AdmitAsync("anna", "192.0.2.2"));
    }
}
