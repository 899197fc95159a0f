using NewsSite.Core.Tests.Support;

namespace NewsSite.Web.Tests.Support;

/// <summary>
/// Which database the web tests run on. By default each app gets its own SQLite file, as the README's `dotnet test`
/// does; with NEWSSITE_TESTS_ON=postgres (as .ci/run's second pass sets it) each gets its own schema on the PostgreSQL
/// test server instead (<see cref="PostgresTestServer"/>). Tests of what only SQLite has (its file, its backup, its
/// pragmas) carry <see cref="SqliteOnlyAttribute"/> and are left out of that pass by a filter, not skipped.
/// </summary>
public static class TestDatabases
{
    public const string Variable = "NEWSSITE_TESTS_ON";

    public static bool OnPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable(Variable), "postgres", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A test of SQLite itself; the pass on PostgreSQL filters it out (--filter-not-trait "Database=SqliteOnly").</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SqliteOnlyAttribute : Attribute, Xunit.v3.ITraitAttribute
{
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new("Database", "SqliteOnly")];
}
