using System.Text.RegularExpressions;

namespace NewsSite.Core.Accounts;

/// <summary>
/// A login name: lower-case letters, digits, dot, underscore and hyphen. Names are compared lower-case, so "Anna"
/// and "anna" are one account; the short alphabet keeps look-alike names (Cyrillic "а") out.
/// </summary>
public static partial class AccountName
{
    public const int MaxLength = 50;

    public const string Rule = "Der Name darf nur Buchstaben a–z, Ziffern, Punkt, Unterstrich und Bindestrich enthalten (2 bis 50 Zeichen).";

    /// <summary>The stored form of <paramref name="input"/>, or null when it is not a valid name.</summary>
    public static string? Normalize(string? input)
    {
        var name = input?.Trim().ToLowerInvariant();
        return name is not null && Pattern().IsMatch(name) ? name : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,49}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
