using NewsSite.Core.Tests.Support;

namespace NewsSite.Web.Tests.Support;

/// <summary>
/// Two web nodes of one site, in this process: each its own app and data folder, both on one PostgreSQL schema and
/// one Redis key prefix, as two machines behind a load balancer would be. Needs both test servers on every pass
/// (.ci/run starts them); tests using it carry <see cref="OwnServersAttribute"/>.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private readonly TestSchema _schema;

    private TwoNodes(TestSchema schema, NewsSiteFactory a, NewsSiteFactory b, string redisKeyPrefix)
    {
        _schema = schema;
        A = a;
        B = b;
        RedisKeyPrefix = redisKeyPrefix;
    }

    public NewsSiteFactory A { get; }

    public NewsSiteFactory B { get; }

    public string RedisKeyPrefix { get; }

    /// <param name="redis">The Redis both use; a proxy's address for outage tests.</param>
    public static async Task<TwoNodes> StartAsync(string contentDirectory, int pageSize = 10, TimeProvider? clock = null, string? redis = null)
    {
        var schema = await PostgresTestServer.CreateSchemaAsync();
        var prefix = "t-" + Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = schema.ConnectionString,
            ["ConnectionStrings:Redis"] = redis ?? TestRedis.Require(),
            ["NewsSite:RedisKeyPrefix"] = prefix,
        };
        var a = new NewsSiteFactory(contentDirectory, pageSize, clock) { Settings = settings };

        // One after the other, as a rolling start would: the first imports content/, the second finds it there.
        _ = a.Services;
        var b = new NewsSiteFactory(contentDirectory, pageSize, clock) { Settings = settings };
        _ = b.Services;
        return new TwoNodes(schema, a, b, prefix);
    }

    /// <summary>A browser behind a round-robin balancer: its requests go to A, B, A, B …, cookies kept across both.</summary>
    public AdminClient AlternatingBrowser() => new(new RoundRobin(A.Server.CreateHandler(), B.Server.CreateHandler()), A.ClientOptions.BaseAddress);

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await _schema.DisposeAsync();
    }

    private sealed class RoundRobin(params HttpMessageHandler[] nodes) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker[] _nodes = [.. nodes.Select(n => new HttpMessageInvoker(n))];
        private int _next;

        public int Sent => _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _nodes[Interlocked.Increment(ref _next) % _nodes.Length].SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var node in _nodes)
                {
                    node.Dispose();
                }
            }

            base.Dispose(disposing);
        }
    }
}
