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

/// <summary>What the admin's profile form sets: the name, the address and the account the profile belongs to.</summary>
/// <param name="AccountName">The account's login name; null for a profile without one.</param>
public sealed record AuthorProfileEdit(string Name, string Slug, string? AccountName);

/// <summary>A saved profile: its name and address now, and how many articles' sources were rewritten as revisions.</summary>
public sealed record AuthorProfileChange(string Name, string Slug, int ArticlesRewritten);

/// <summary>A profile change refused, in German, for the form field <see cref="Field"/> (name, slug or account).</summary>
public sealed class AuthorProfileException(string message, string inputName) : Exception(message)
{
    public string Field { get; } = inputName;
}
