using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using NewsSite.Core.Accounts;
using NewsSite.Core.Data;
using NewsSite.Core.Editing;
using NewsSite.Web.Editing;

namespace NewsSite.Web.Accounts;

/// <summary>
/// Sessions of the admin area, kept by the server (<see cref="ISessionStore"/>, decision 0009). The cookie only names a
/// session; whether it is one is decided here on every signed-in request: the row must exist, be used within the idle
/// limit, be younger than the absolute limit, and belong to the account with the stamp the cookie was issued for.
/// So logout, a password or role change and a removed account end a session on the server, and a copy of the cookie
/// taken before is worth nothing.
/// </summary>
public sealed partial class AdminSessions(ISessionStore sessions, IAutosaveStore autosaves, TimeProvider clock, ILogger<AdminSessions> logger)
{
    /// <summary>A session unused this long ends: an editor away from the desk for a working day logs in again.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(8);

    /// <summary>
    /// No session lasts longer, however busy: one working day with overtime. A stolen cookie is worth at most this
    /// long, even to someone who keeps it in use.
    /// </summary>
    public static readonly TimeSpan AbsoluteLimit = TimeSpan.FromHours(12);

    /// <summary>
    /// Last use is written at most this often per session, so that a signed-in page costs one read and, now and
    /// then, one small write. The idle limit may therefore end a session up to this much early.
    /// </summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public const string SessionClaim = "newssite:session";
    public const string StampClaim = "newssite:stamp";

    // Longer user agents are cut: the list of sessions shows it, nothing decides by it.
    private const int MaxUserAgentLength = 200;

    /// <summary>
    /// Starts a new session for <paramref name="account"/> and gives the browser a new cookie for it, replacing any
    /// earlier one (a planted cookie never becomes the victim's session). Sessions that ended by time are pruned here,
    /// since only logins add rows, and so are autosaves older than <see cref="AutosaveOffers.KeepFor"/>.
    /// </summary>
    /// <returns>False when the account was removed in the meantime: then there is no session and no cookie.</returns>
    public async Task<bool> StartAsync(HttpContext context, UserAccount account)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(account);
        var now = clock.GetUtcNow();
        var pruned = await sessions.PruneAsync(now, now - IdleLimit, context.RequestAborted);
        if (pruned > 0)
        {
            LogPruned(pruned);
        }

        // Nobody is offered an autosave without logging in first, so pruning them here is always in time (decision 0014).
        var prunedAutosaves = await autosaves.PruneAsync(now - AutosaveOffers.KeepFor, context.RequestAborted);
        if (prunedAutosaves > 0)
        {
            LogPrunedAutosaves(prunedAutosaves);
        }

        var token = SessionToken.New();
        var userAgent = context.Request.Headers.UserAgent.ToString();
        try
        {
            await sessions.StartAsync(
                new NewSession(
                    SessionToken.Hash(token), account.Id, now, now + AbsoluteLimit, LoginThrottle.ClientAddress(context),
                    userAgent[..Math.Min(userAgent.Length, MaxUserAgentLength)]),
                context.RequestAborted);
        }
        catch (StorageException e) when (e.Failure == StorageFailure.Constraint)
        {
            return false;
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(ClaimTypes.Role, RoleName(account.Role)),
                new Claim(StampClaim, account.SecurityStamp),
                new Claim(SessionClaim, token),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        return true;
    }

    /// <summary>Logout: the session ends on the server, then the browser's cookie is deleted.</summary>
    public async Task EndAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CurrentIdHash(context.User) is { } idHash)
        {
            await sessions.EndAsync(idHash, context.RequestAborted);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        LogLoggedOut(context.User.AccountName(), LoginThrottle.ClientAddress(context));
    }

    /// <summary>Ends every other session of the signed-in account; this one stays.</summary>
    /// <returns>How many ended.</returns>
    public async Task<int> EndOthersAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CurrentIdHash(context.User) is not { } idHash || !TryAccountId(context.User, out var accountId))
        {
            return 0;
        }

        var ended = await sessions.EndOthersAsync(accountId, idHash, context.RequestAborted);
        LogEndedOthers(context.User.AccountName(), ended);
        return ended;
    }

    public Task<IReadOnlyList<SessionInfo>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return TryAccountId(user, out var accountId) ? sessions.ListAsync(accountId, cancellationToken) : Task.FromResult<IReadOnlyList<SessionInfo>>([]);
    }

    /// <summary>The stored form of the signed-in browser's session id, to tell it apart in the list.</summary>
    public static string? CurrentIdHash(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(SessionClaim) is { Length: > 0 } token ? SessionToken.Hash(token) : null;
    }

    /// <summary>
    /// The check of every signed-in request: one primary-key lookup, and a write at most once a minute. A cookie
    /// whose session is gone, has ended by time, or was issued for another stamp, role or account is no session.
    /// </summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var idHash = principal is null ? null : CurrentIdHash(principal);
        var now = clock.GetUtcNow();
        var session = idHash is null ? null : await sessions.FindAsync(idHash, context.HttpContext.RequestAborted);
        var refusal = principal is null || session is null
            ? "keine Sitzung auf dem Server (abgemeldet, beendet oder nie begonnen)"
            : Refusal(principal, session, now);
        if (refusal is not null)
        {
            if (session is not null)
            {
                await sessions.EndAsync(session.IdHash, context.HttpContext.RequestAborted);
            }

            LogRefused(principal?.AccountName() ?? "", LoginThrottle.ClientAddress(context.HttpContext), refusal);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        if (now - session!.LastSeenAt >= TouchInterval)
        {
            try
            {
                await sessions.TouchAsync(session.IdHash, now, context.HttpContext.RequestAborted);
            }
            catch (StorageException e)
            {
                // The session is valid; a busy database must not turn the editor away. The next request tries again.
                LogTouchFailed(e, session.AccountName);
            }
        }
    }

    /// <summary>Why a stored session no longer carries this cookie; null when it does.</summary>
    private static string? Refusal(ClaimsPrincipal principal, ActiveSession session, DateTimeOffset now) =>
        now >= session.ExpiresAt ? "Höchstdauer erreicht"
        : now >= session.LastSeenAt + IdleLimit ? "zu lange nicht benutzt"
        : !TryAccountId(principal, out var accountId) || accountId != session.AccountId ? "gehört zu einem anderen Konto"
        : principal.FindFirstValue(StampClaim) != session.SecurityStamp ? "Passwort oder Rolle geändert"
        : !principal.IsInRole(RoleName(session.Role)) ? "Rolle geändert"
        : null;

    private static string RoleName(UserRole role) => UserRoles.Text(role);

    private static bool TryAccountId(ClaimsPrincipal user, out long id) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out id);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Account} hat sich abgemeldet (von {Address}); die Sitzung ist auf dem Server beendet")]
    private partial void LogLoggedOut(string account, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Account} hat {Ended} andere Sitzungen beendet")]
    private partial void LogEndedOthers(string account, int ended);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sitzung von {Account} (von {Address}) abgelehnt: {Reason}")]
    private partial void LogRefused(string account, string address, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sitzungen: {Pruned} abgelaufene entfernt")]
    private partial void LogPruned(int pruned);

    [LoggerMessage(Level = LogLevel.Information, Message = "Automatische Sicherungen: {Pruned} älter als 30 Tage entfernt")]
    private partial void LogPrunedAutosaves(int pruned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sitzung von {Account}: letzte Benutzung konnte nicht gespeichert werden")]
    private partial void LogTouchFailed(Exception exception, string account);
}
