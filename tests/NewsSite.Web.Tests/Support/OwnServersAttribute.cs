namespace NewsSite.Web.Tests.Support;

/// <summary>
/// A test that starts its sites on servers of its own choosing (PostgreSQL, Redis), so it runs in the first pass and
/// the PostgreSQL pass leaves it out (the same trait as <see cref="SqliteOnlyAttribute"/>, which .ci/run filters).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OwnServersAttribute : Attribute, Xunit.v3.ITraitAttribute
{
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new("Database", "SqliteOnly")];
}
