using NewsSite.Web.Accounts;

namespace NewsSite.Web.Tests.Admin;

/// <summary>The throttle's rules on one node's memory, as without Redis.</summary>
public sealed class MemoryLoginThrottleTests : LoginThrottleContract
{
    protected override ILoginThrottleState NewState() => new MemoryLoginThrottleState();
}
