namespace NewsSite.Core.Audit;

/// <summary>What the audit log records (decision 0017): acts that change what readers see or who may do what.</summary>
public enum AuditAction
{
    Published,
    Scheduled,
    Unpublished,
    Trashed,
    Restored,
    Submitted,
    Approved,
    Returned,
    Login,
    LoginFailed,
    Logout,
    AccountCreated,
    AccountRemoved,
    RoleChanged,
    PasswordChanged,

    /// <summary>A preview link for an unpublished article was made (decision 0020).</summary>
    PreviewLinkCreated,
    PreviewLinkRevoked,
}

/// <summary>An act to record. <paramref name="Account"/> is who acted (for a failed login: the name tried).</summary>
public sealed record AuditEvent(
    string Account, AuditAction Action, long? ArticleId = null, string? Subject = null, string? Detail = null, string? Address = null);

/// <summary>A recorded act.</summary>
public sealed record AuditEntry(
    long Id, DateTimeOffset At, string Account, AuditAction Action, long? ArticleId, string? Subject, string? Detail, string? Address);

/// <summary>Which entries an admin looks for; every part optional.</summary>
/// <param name="To">Exclusive.</param>
public sealed record AuditFilter(
    AuditAction? Action = null, string? Account = null, long? ArticleId = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

public static class AuditActions
{
    /// <summary>The stored name: lower case, stable across renames of the enum's members' order.</summary>
    public static string Text(AuditAction action) => action.ToString().ToLowerInvariant();

    public static AuditAction? Parse(string? text) =>
        Enum.TryParse<AuditAction>(text, ignoreCase: true, out var action) && Enum.IsDefined(action) && !int.TryParse(text, out _)
            ? action : null;

    public static string German(AuditAction action) => action switch
    {
        AuditAction.Published => "veröffentlicht",
        AuditAction.Scheduled => "geplant",
        AuditAction.Unpublished => "zurückgezogen",
        AuditAction.Trashed => "in den Papierkorb gelegt",
        AuditAction.Restored => "aus dem Papierkorb geholt",
        AuditAction.Submitted => "zur Prüfung eingereicht",
        AuditAction.Approved => "freigegeben",
        AuditAction.Returned => "zur Überarbeitung zurückgegeben",
        AuditAction.Login => "angemeldet",
        AuditAction.LoginFailed => "Anmeldung fehlgeschlagen",
        AuditAction.Logout => "abgemeldet",
        AuditAction.AccountCreated => "Konto angelegt",
        AuditAction.AccountRemoved => "Konto gelöscht",
        AuditAction.RoleChanged => "Rolle geändert",
        AuditAction.PreviewLinkCreated => "Vorschau-Link erstellt",
        AuditAction.PreviewLinkRevoked => "Vorschau-Link widerrufen",
        _ => "Passwort geändert",
    };
}
