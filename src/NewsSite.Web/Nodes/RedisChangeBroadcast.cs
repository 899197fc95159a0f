using System.Collections.Concurrent;
using StackExchange.Redis;

namespace NewsSite.Web.Nodes;

/// <summary>
/// The change signal through Redis's publish/subscribe: "changes" carries "node:message" from the node that wrote;
/// every other node reads the journal, evicts, and answers on "changes-seen". The writer waits for as many answers as
/// Redis counted listeners, at most <see cref="AnswerWait"/>: a node that is slow or gone costs the editor that much
/// once, and catches up by its own poll.
/// </summary>
public sealed partial class RedisChangeBroadcast(RedisConnection redis, ILogger<RedisChangeBroadcast> logger) : IChangeBroadcast
{
    public static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(2);

    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, Answers> _waiting = new(StringComparer.Ordinal);
    private Func<CancellationToken, Task>? _catchUp;
    private int _subscribed;

    public async Task StartAsync(Func<CancellationToken, Task> catchUp)
    {
        _catchUp = catchUp;
        redis.Restored += () => _ = SubscribeAsync();
        await SubscribeAsync();
    }

    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            return;
        }

        var message = Guid.NewGuid().ToString("N");
        var answers = new Answers();
        _waiting[message] = answers;
        try
        {
            // Redis counts this node's own subscription among the listeners; it does not answer itself.
            var listeners = await redis.Subscriber.PublishAsync(redis.Channel("changes"), _node + ":" + message);
            if (!answers.Expect((int)listeners - 1))
            {
                await Task.WhenAny(answers.All, Task.Delay(AnswerWait, CancellationToken.None));
                if (!answers.All.IsCompleted)
                {
                    LogUnanswered(answers.Count, (int)listeners - 1);
                }
            }
        }
        catch (RedisException e)
        {
            LogNotSent(e);
        }
        finally
        {
            _waiting.TryRemove(message, out _);
        }
    }

    private async Task SubscribeAsync()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 1)
        {
            return;
        }

        try
        {
            await redis.Subscriber.SubscribeAsync(redis.Channel("changes"), (channel, value) => _ = HeardAsync(value.ToString()));
            await redis.Subscriber.SubscribeAsync(redis.Channel("changes-seen"), (_, value) => Answered(value.ToString()));
        }
        catch (RedisException e)
        {
            // Tried again when the connection comes back; meanwhile the poll keeps this node within a second.
            Volatile.Write(ref _subscribed, 0);
            LogNotSubscribed(e);
        }
    }

    private async Task HeardAsync(string value)
    {
        var separator = value.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0 || value.AsSpan(0, separator).SequenceEqual(_node) || _catchUp is null)
        {
            return;
        }

        try
        {
            await _catchUp(CancellationToken.None);
            await redis.Subscriber.PublishAsync(redis.Channel("changes-seen"), value[(separator + 1)..]);
        }
        catch (Exception e) when (e is RedisException or Core.Data.StorageException)
        {
            LogNotAnswered(e);
        }
    }

    private void Answered(string message)
    {
        if (_waiting.TryGetValue(message, out var answers))
        {
            answers.Add();
        }
    }

    /// <summary>The answers to one message; they may come before the writer knows how many to expect.</summary>
    private sealed class Answers
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private int _expected = int.MaxValue;

        public Task All => _all.Task;

        public int Count { get; private set; }

        /// <returns>True when all have answered already.</returns>
        public bool Expect(int expected)
        {
            lock (_lock)
            {
                _expected = expected;
                return Check();
            }
        }

        public void Add()
        {
            lock (_lock)
            {
                Count++;
                Check();
            }
        }

        private bool Check()
        {
            if (Count < _expected)
            {
                return false;
            }

            _all.TrySetResult();
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Änderungssignal: {Answered} von {Listeners} Knoten haben rechtzeitig geantwortet; die übrigen holen es binnen einer Sekunde selbst nach")]
    private partial void LogUnanswered(int answered, int listeners);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Änderungssignal: nicht gesendet, Redis nicht erreichbar; die anderen Knoten holen es binnen einer Sekunde selbst nach")]
    private partial void LogNotSent(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Änderungssignal: Abonnement fehlgeschlagen; es wird wiederholt, sobald Redis erreichbar ist")]
    private partial void LogNotSubscribed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Änderungssignal: gehört, aber nicht beantwortet")]
    private partial void LogNotAnswered(Exception exception);
}

/// <summary>Periodic work on one node at a time: a Redis key set if absent, which expires by itself.</summary>
public sealed class RedisPeriodicWorkLock(RedisConnection redis) : IPeriodicWorkLock
{
    private readonly string _node = Guid.NewGuid().ToString("N");

    public async Task<bool> TryTakeAsync(string work, TimeSpan hold)
    {
        if (!redis.IsConnected)
        {
            return false; // the work waits: everything periodic here can wait for Redis
        }

        try
        {
            return await redis.Database.StringSetAsync(redis.Key("periodic:" + work), _node, hold, When.NotExists);
        }
        catch (RedisException)
        {
            return false;
        }
    }
}
