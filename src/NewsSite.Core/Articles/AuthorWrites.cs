namespace NewsSite.Core.Articles;

/// <param name="Changed">False when the bio was saved unchanged: no version is written then.</param>
/// <param name="Version">The newest version after the save.</param>
public sealed record AuthorBioWriteResult(bool Changed, int Version);

public enum ProfileWriteKind
{
    /// <summary>The first import of the author's profile file (the author may have existed before).</summary>
    Created,

    /// <summary>The file changed since its last import.</summary>
    Updated,

    /// <summary>The file is the one imported last time; nothing was written.</summary>
    Unchanged,
}

public sealed record ProfileWriteResult(ProfileWriteKind Kind, string Slug);

/// <summary>Someone saved the bio after the editor opened it; nothing was written.</summary>
public sealed class AuthorBioConcurrencyException(int currentVersion, string changedBy, DateTimeOffset changedAt)
    : Exception($"Die Biografie wurde inzwischen geändert (Fassung {currentVersion}, von {changedBy}). Ihre Fassung wurde nicht gespeichert.")
{
    public int CurrentVersion { get; } = currentVersion;

    public string ChangedBy { get; } = changedBy;

    public DateTimeOffset ChangedAt { get; } = changedAt;
}

public sealed class AuthorNotFoundException(string slug) : Exception($"Einen Autor „{slug}“ gibt es nicht.")
{
    public string Slug { get; } = slug;
}
