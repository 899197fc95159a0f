using NewsSite.Web.Accounts;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

/// <summary>The throttle's rules on a clock the test sets: who waits, how long, and who never does.</summary>
public class LoginThrottleTests
{
    private const string Owner = "198.51.100.7";
    private const string Attacker = "203.0.113.66";

    private readonly TestClock _clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private LoginThrottle NewThrottle() => new(_clock);

    /// <summary>Fails as often as the throttle lets it, as fast as it may; returns the admitted attempts.</summary>
    private int GuessFor(LoginThrottle throttle, string name, string address, TimeSpan during)
    {
        var end = _clock.Now + during;
        var attempts = 0;
        while (_clock.Now < end)
        {
            if (throttle.Admit(name, address) is { } wait)
            {
                _clock.Advance(wait);
                continue;
            }

            throttle.RecordFailure(name, address);
            attempts++;
        }

        return attempts;
    }

    [Fact]
    public void APair_WaitsAfterFiveFailures_DoublingFromAMinuteToAnHour()
    {
        var throttle = NewThrottle();
        var waits = new List<TimeSpan?>();
        for (var failure = 1; failure <= 12; failure++)
        {
            throttle.RecordFailure("anna", Attacker);
            waits.Add(throttle.Admit("anna", Attacker));
            _clock.Advance(waits[^1] ?? TimeSpan.Zero);
        }

        Assert.Equal(
            [null, null, null, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8),
             TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(32), TimeSpan.FromHours(1), TimeSpan.FromHours(1)],
            waits);
    }

    [Fact]
    public void APair_IsForgotten_AfterASuccess_OrADayWithoutFailures()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 8; i++)
        {
            throttle.RecordFailure("anna", Owner);
        }

        throttle.RecordSuccess("anna", Owner);
        Assert.Null(throttle.Admit("anna", Owner));

        for (var i = 0; i < 8; i++)
        {
            throttle.RecordFailure("ben", Owner);
        }

        _clock.Advance(LoginThrottle.PairMemory);
        throttle.RecordFailure("ben", Owner);
        Assert.Null(throttle.Admit("ben", Owner));
    }

    [Fact]
    public void FailuresFromOneAddress_NeverMakeTheOwnersAddressWait()
    {
        var throttle = NewThrottle();

        var guesses = GuessFor(throttle, "anna", Attacker, TimeSpan.FromHours(6));
        throttle.RecordFailure("anna", Attacker);

        // Five at once, six more in the first hour, then one an hour.
        Assert.InRange(guesses, 15, 16);
        Assert.Equal(LoginThrottle.LongestPairWait, throttle.Admit("anna", Attacker));
        Assert.Null(throttle.Admit("anna", Owner));
        Assert.Null(throttle.Admit("ANNA ", Owner));
    }

    [Fact]
    public void OneAddressTryingManyNames_WaitsForEveryName()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < LoginThrottle.AddressFailures; i++)
        {
            throttle.RecordFailure($"name{i}", Attacker);
        }

        var wait = throttle.Admit("anna", Attacker);

        Assert.Equal(LoginThrottle.AddressWindow, wait);
        Assert.Null(throttle.Admit("anna", Owner));
        _clock.Advance(LoginThrottle.AddressWindow);
        Assert.Null(throttle.Admit("anna", Attacker));
    }

    /// <summary>
    /// A thousand addresses guessing one name: beyond the ceiling, new addresses share one attempt per slowed interval,
    /// so a day of it yields about as many guesses as the old lock allowed, while the owner's known address is not
    /// slowed at all.
    /// </summary>
    [Fact]
    public void ManyAddressesGuessingOneName_AreHeldToTheCeiling_ButTheOwnersKnownAddressIsNotSlowed()
    {
        var throttle = NewThrottle();
        throttle.RecordSuccess("anna", Owner);
        var admitted = 0;
        var end = _clock.Now + TimeSpan.FromDays(1);
        for (var round = 0; _clock.Now < end; round++)
        {
            var address = $"10.{round / 65536 % 256}.{round / 256 % 256}.{round % 256}";
            if (throttle.Admit("anna", address) is null)
            {
                throttle.RecordFailure("anna", address);
                admitted++;
            }

            _clock.Advance(TimeSpan.FromSeconds(1));
            if (round % 600 == 0)
            {
                Assert.Null(throttle.Admit("anna", Owner));
            }
        }

        var slowedPerDay = (int)(TimeSpan.FromDays(1) / LoginThrottle.SlowedAttemptInterval);
        Assert.InRange(admitted, LoginThrottle.NameCeiling, LoginThrottle.NameCeiling + slowedPerDay + 1);
        Assert.NotNull(throttle.Admit("anna", "192.0.2.1"));
        Assert.Null(throttle.Admit("anna", Owner));
    }

    [Fact]
    public void UnderAttack_ANewAddressOfTheOwner_GetsItsTurnWithinTheSlowedInterval()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < LoginThrottle.NameCeiling; i++)
        {
            throttle.RecordFailure("anna", $"10.0.0.{i}");
        }

        var first = throttle.Admit("anna", "192.0.2.1");
        var second = throttle.Admit("anna", "192.0.2.2");

        Assert.Null(first);
        Assert.Equal(LoginThrottle.SlowedAttemptInterval, second);
        _clock.Advance(LoginThrottle.SlowedAttemptInterval);
        Assert.Null(throttle.Admit("anna", "192.0.2.2"));
    }
}
