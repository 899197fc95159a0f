namespace NewsSite.Web.Accounts;

/// <summary>
/// Where <see cref="LoginThrottle"/> keeps its three counts and applies its rules: this node's memory
/// (<see cref="MemoryLoginThrottleState"/>) or Redis, shared by every node (<see cref="RedisLoginThrottleState"/>).
/// Names arrive normalized; the time is the throttle's clock, so that both run on a clock a test sets.
/// </summary>
public interface ILoginThrottleState
{
    /// <returns>How long until an attempt is allowed; null when this one may go ahead.</returns>
    ValueTask<TimeSpan?> AdmitAsync(string name, string address, DateTimeOffset now);

    ValueTask RecordFailureAsync(string name, string address, DateTimeOffset now);

    ValueTask RecordSuccessAsync(string name, string address, DateTimeOffset now);
}
