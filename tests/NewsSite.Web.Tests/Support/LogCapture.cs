using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace NewsSite.Web.Tests.Support;

/// <summary>A Serilog sink keeping every event in memory; see <see cref="NewsSiteFactory.CaptureLog"/>.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>A scalar property's value as text, without the quotes Serilog renders strings with.</summary>
    public static string? Property(LogEvent logEvent, string name)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        return logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue scalar ? scalar.Value?.ToString() : null;
    }
}
