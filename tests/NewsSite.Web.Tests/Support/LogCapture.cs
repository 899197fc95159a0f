using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace NewsSite.Web.Tests.Support;

/// <summary>
/// Every log event the app writes, kept in memory: a test hands one to <see cref="NewsSiteFactory.Logs"/>, and the app's
/// Serilog pipeline, which reads its sinks from the service provider, writes to it besides the console.
/// </summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>One line per event, exception included, for assertions and their messages.</summary>
    public static string Describe(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        return $"[{logEvent.Level}] {logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)}" +
               (logEvent.Exception is null ? "" : " " + logEvent.Exception);
    }

    /// <summary>A scalar property's value as text, without the quotes Serilog renders strings with.</summary>
    public static string? Property(LogEvent logEvent, string name)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        return logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue scalar ? scalar.Value?.ToString() : null;
    }

    /// <summary>
    /// The events matching <paramref name="match"/>, once there is one: the request log is written after the response
    /// has gone out, so a test that has its answer may be a moment ahead of the log. Empty after ten seconds.
    /// </summary>
    public async Task<IReadOnlyList<LogEvent>> WaitForAsync(Func<LogEvent, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = Events.Where(match).ToList();
            if (found.Count > 0 || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
