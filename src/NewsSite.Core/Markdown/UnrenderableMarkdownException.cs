namespace NewsSite.Core.Markdown;

/// <summary>Markdown the renderer refuses (too large or too deeply nested); the message is German and meant for editors.</summary>
public sealed class UnrenderableMarkdownException(string message) : Exception(message);
