namespace NewsSite.Core.Accounts;

/// <summary>Admins manage accounts and articles; editors manage articles.</summary>
public enum UserRole
{
    Editor,
    Admin,
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
