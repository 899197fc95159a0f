namespace NewsSite.Core.Tests.Support;

/// <summary>A clock the test sets, so that "now" decides what is published without waiting.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
