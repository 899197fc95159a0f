namespace NewsSite.Web.Tests.Support;

/// <summary>
/// A test that names its own PostgreSQL schema and Redis (several nodes on one database, a Redis that is down), so
/// that it runs the same on every pass: the PostgreSQL pass leaves it out by the same trait as <see cref="SqliteOnlyAttribute"/>
/// (--filter-not-trait "Database=SqliteOnly") instead of running it a second time.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OwnServersAttribute : Attribute, Xunit.v3.ITraitAttribute
{
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new("Database", "SqliteOnly")];
}
