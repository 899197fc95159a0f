using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using NewsSite.Web.Caching;
using NewsSite.Web.Nodes;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Nodes;

/// <summary>
/// The shared page cache's guarantee across nodes, on the real Redis: a page whose request began before another node
/// evicted is not stored (it may show what that eviction was for), and neither is one after Redis lost its data,
/// until the node has looked at the journal again.
/// </summary>
[OwnServers]
public sealed class SharedPageCacheTests : IAsyncDisposable
{
    private static readonly byte[] Page = "<h1>Alt</h1>"u8.ToArray();
    private static readonly string[] Tags = [PageCacheTags.Everything, PageCacheTags.Article("x")];

    private readonly string _prefix = "t-" + Guid.NewGuid().ToString("N");
    private readonly List<RedisConnection> _connections = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APageRenderedWhileAnotherNodeEvicted_IsNotStored_AndIsOnceThisNodeHasLookedAgain()
    {
        var (a, requestsA) = Node();
        var (b, _) = Node();
        await LookAsync(a);
        await LookAsync(b);

        Begin(a, requestsA);
        await b.EvictAsync([PageCacheTags.Article("x")], await b.BeginCatchUpAsync());
        await a.SetAsync("/artikel/x", Page, Tags, TimeSpan.FromMinutes(5), Token);

        Assert.Null(await a.GetAsync("/artikel/x", Token));
        Assert.True(a.WantsCatchUp);

        await LookAsync(a);
        Begin(a, requestsA);
        await a.SetAsync("/artikel/x", Page, Tags, TimeSpan.FromMinutes(5), Token);
        Assert.Equal(Page, await a.GetAsync("/artikel/x", Token));
        Assert.Equal(Page, await b.GetAsync("/artikel/x", Token));
    }

    [Fact]
    public async Task AnEvictionThroughOneNode_RemovesThePageForEveryNode_AndOnlyThePagesOfThatTag()
    {
        var (a, requestsA) = Node();
        var (b, _) = Node();
        await LookAsync(a);
        await LookAsync(b);
        Begin(a, requestsA);
        await a.SetAsync("/artikel/x", Page, Tags, TimeSpan.FromMinutes(5), Token);
        await a.SetAsync("/artikel/y", Page, [PageCacheTags.Everything, PageCacheTags.Article("y")], TimeSpan.FromMinutes(5), Token);

        await b.EvictAsync([PageCacheTags.Article("x")], await b.BeginCatchUpAsync());

        Assert.Null(await b.GetAsync("/artikel/x", Token));
        Assert.Equal(Page, await b.GetAsync("/artikel/y", Token));
        await b.EvictAsync([PageCacheTags.Everything], await b.BeginCatchUpAsync());
        Assert.Null(await b.GetAsync("/artikel/y", Token));
    }

    [Fact]
    public async Task AfterRedisLostItsData_NothingIsStoredUntilTheNodeHasLookedAgain()
    {
        var (a, requestsA) = Node();
        await LookAsync(a);
        Begin(a, requestsA);

        // A restarted Redis without persistence: every key of the site is gone, the generation too.
        var redis = _connections[0];
        await redis.Database.KeyDeleteAsync(redis.Key("pages:generation"));
        await a.SetAsync("/artikel/x", Page, Tags, TimeSpan.FromMinutes(5), Token);
        Assert.Null(await a.GetAsync("/artikel/x", Token));

        await LookAsync(a);
        Begin(a, requestsA);
        await a.SetAsync("/artikel/x", Page, Tags, TimeSpan.FromMinutes(5), Token);
        Assert.Equal(Page, await a.GetAsync("/artikel/x", Token));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private (SharedPageCache Cache, HttpContextAccessor Requests) Node()
    {
        var connection = RedisConnection.Open(TestRedis.Require(), _prefix, NullLogger<RedisConnection>.Instance);
        _connections.Add(connection);
        var requests = new HttpContextAccessor();
        return (new SharedPageCache(connection, local: null, requests, NullLogger<SharedPageCache>.Instance), requests);
    }

    // What the change follower does on every look at the journal that finds nothing new.
    private static async Task LookAsync(SharedPageCache cache) => await cache.EvictAsync([], await cache.BeginCatchUpAsync());

    private static void Begin(SharedPageCache cache, HttpContextAccessor requests)
    {
        var context = new DefaultHttpContext();
        requests.HttpContext = context;
        cache.MarkRequestStart(context);
    }
}
