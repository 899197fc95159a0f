namespace NewsSite.Core.Data.Moving;

/// <summary>The move refused to start (target not empty, schemas differ) or met a value it cannot carry; German text.</summary>
public sealed class SiteCopyException(string message, Exception? inner = null) : Exception(message, inner);
