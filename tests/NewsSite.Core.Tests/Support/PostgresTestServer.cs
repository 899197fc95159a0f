using Npgsql;

namespace NewsSite.Core.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests on PostgreSQL use: a real one, named by the environment variable
/// NEWSSITE_TEST_POSTGRES (an Npgsql connection string for a role that may create schemas). tools/test-servers.sh
/// starts a throwaway one and sets it; .ci/run always does. Each test gets a schema of its own, dropped afterwards,
/// so that tests run in parallel on one server as they do on their own SQLite files.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "NEWSSITE_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Skips the running test, saying why, where no server is named (a developer's machine without one).</summary>
    public static string Require()
    {
        Assert.SkipWhen(ConnectionString is null, $"Kein PostgreSQL für Tests: {Variable} ist nicht gesetzt (tools/test-servers.sh start).");
        return ConnectionString!;
    }

    /// <summary>A new, empty schema; the connection string has it as search_path. Dispose the result to drop it.</summary>
    public static Task<TestSchema> CreateSchemaAsync() => CreateSchemaAsync("t_" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// The schema for a site's data folder: the same folder always gets the same schema, so that a test which starts
    /// the app twice on one folder (a restart) finds its data again on PostgreSQL too. Created when missing.
    /// </summary>
    public static Task<TestSchema> SchemaForFolderAsync(string dataDirectory)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory)));
        return CreateSchemaAsync("d_" + Convert.ToHexStringLower(hash)[..32]);
    }

    private static async Task<TestSchema> CreateSchemaAsync(string name)
    {
        var server = Require();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            // The name is ours (hex digits), never input.
            await using var command = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {name};", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = name };
        return new TestSchema(server, name, builder.ConnectionString);
    }
}

/// <summary>One test's schema on the test server.</summary>
public sealed class TestSchema(string server, string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>The server's connection string with this schema as search_path.</summary>
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE;", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A schema left behind on a throwaway server is not worth failing a test over.
        }
    }
}
