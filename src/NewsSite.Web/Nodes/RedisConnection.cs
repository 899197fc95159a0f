using StackExchange.Redis;

namespace NewsSite.Web.Nodes;

/// <summary>
/// The one connection to Redis a node holds, for what several nodes share: the page cache, the change signal, the
/// Data Protection keys, the login and search counts, and the lock for periodic work (decision 0026).
/// It never waits for Redis: the start does not fail when Redis is down, and while it is down every caller is told
/// at once (<see cref="IsConnected"/>, or a <see cref="RedisException"/> without a queue), so that a page is served
/// from the database instead of waiting on a timeout.
/// </summary>
public sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _multiplexer;
    private readonly ILogger<RedisConnection> _logger;

    private RedisConnection(ConnectionMultiplexer multiplexer, string keyPrefix, ILogger<RedisConnection> logger)
    {
        _multiplexer = multiplexer;
        _logger = logger;
        KeyPrefix = keyPrefix + ":";
        _multiplexer.ConnectionFailed += (_, e) => LogLost(e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
        _multiplexer.ConnectionRestored += (_, e) =>
        {
            LogRestored(e.EndPoint?.ToString() ?? "?");
            Restored?.Invoke();
        };
    }

    /// <summary>Every key of this site starts with it ("newssite:"), so that several sites can share a server.</summary>
    public string KeyPrefix { get; }

    public bool IsConnected => _multiplexer.IsConnected;

    public IDatabase Database => _multiplexer.GetDatabase();

    public ISubscriber Subscriber => _multiplexer.GetSubscriber();

    /// <summary>Raised after the connection came back, so that the page cache can forget what it may have missed.</summary>
    public event Action? Restored;

    public RedisKey Key(string name) => KeyPrefix + name;

    public RedisChannel Channel(string name) => RedisChannel.Literal(KeyPrefix + name);

    /// <summary>Connects in the background; a Redis that is down now is retried every few seconds.</summary>
    public static RedisConnection Open(string configuration, string keyPrefix, ILogger<RedisConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;

        // A command while disconnected fails at once instead of queueing: the caller serves from the database.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 1000;
        options.AsyncTimeout = 1000;
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        options.ClientName = "newssite-" + Environment.MachineName;
        var multiplexer = ConnectionMultiplexer.Connect(options);
        return new RedisConnection(multiplexer, keyPrefix, logger);
    }

    /// <summary>Whether a configuration string can be read at all; null when it can, else why not (for the options check).</summary>
    public static string? ConfigurationProblem(string configuration)
    {
        try
        {
            var options = ConfigurationOptions.Parse(configuration);
            return options.EndPoints.Count == 0 ? "kein Server angegeben" : null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    public async ValueTask DisposeAsync() => await _multiplexer.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {EndPoint} nicht erreichbar ({FailureType}): Seiten kommen ungecacht aus der Datenbank")]
    private partial void LogLost(string endPoint, string failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis {EndPoint} wieder erreichbar")]
    private partial void LogRestored(string endPoint);
}
