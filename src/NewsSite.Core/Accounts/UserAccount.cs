namespace NewsSite.Core.Accounts;

/// <summary>
/// Who may do what (decision 0017). Contributors write and edit their own drafts and submit them for review; editors
/// review, publish, schedule and do everything on articles; admins also keep accounts, Ressorts and the site's pages.
/// Ordered by rank: each role may do everything the one before it may.
/// </summary>
public enum UserRole
{
    Contributor,
    Editor,
    Admin,
}

/// <summary>The roles as stored, in the claims and on the command line, and in German for people.</summary>
public static class UserRoles
{
    public static string Text(UserRole role) => role switch
    {
        UserRole.Admin => "admin",
        UserRole.Editor => "editor",
        _ => "contributor",
    };

    /// <summary>The role of a stored, claimed or typed name; null for anything else.</summary>
    public static UserRole? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "admin" => UserRole.Admin,
        "editor" => UserRole.Editor,
        "contributor" => UserRole.Contributor,
        _ => null,
    };

    /// <summary>The stored role; a row can hold nothing else (the table's CHECK).</summary>
    public static UserRole FromStored(string text) =>
        Parse(text) ?? throw new InvalidOperationException($"Unbekannte Rolle „{text}“ in der Datenbank.");

    public static string German(UserRole role) => role switch
    {
        UserRole.Admin => "Administrator",
        UserRole.Editor => "Redakteur",
        _ => "Mitarbeiter",
    };

    /// <summary>What the role may do, for the account pages.</summary>
    public static string Describe(UserRole role) => role switch
    {
        UserRole.Admin => "Administrator (Artikel, Konten, Ressorts, Seiten)",
        UserRole.Editor => "Redakteur (prüft, veröffentlicht, alle Artikel)",
        _ => "Mitarbeiter (schreibt eigene Entwürfe, reicht zur Prüfung ein)",
    };
}

public sealed record UserAccount(
    long Id,
    string Name,
    UserRole Role,
    string PasswordHash,
    string SecurityStamp,
    DateTimeOffset CreatedAt,
    DateTimeOffset PasswordChangedAt);

/// <summary>A second account with the same name; the message is German.</summary>
public sealed class AccountExistsException(string name) : Exception($"Es gibt bereits ein Konto „{name}“.")
{
    public string Name { get; } = name;
}
