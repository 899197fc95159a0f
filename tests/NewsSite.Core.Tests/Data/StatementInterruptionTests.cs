using Dapper;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Data;

/// <summary>
/// A read stops when its request is cancelled (the reader has gone), even in the middle of a statement, which
/// Microsoft.Data.Sqlite alone does not do: it checks the token before a statement, never during one. A write, once
/// begun, runs to its commit.
/// </summary>
public class StatementInterruptionTests
{
    // A statement that would visit 20 million rows, several seconds of work, counting the rows it has visited.
    private const string LongCount =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT row_seen(i) + 1 FROM n WHERE i < 20000000) SELECT count(*) FROM n;";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACancelledRead_StopsItsRunningStatement_AndTheSessionStaysUsable()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var request = CancellationTokenSource.CreateLinkedTokenSource(Token);
        long rows = 0;

        // The reader goes away after the first thousand rows: cancelled from inside the statement, no clock involved.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.Database.RunAsync(async connection =>
        {
            connection.CreateFunction("row_seen", (long i) =>
            {
                if (Interlocked.Increment(ref rows) == 1_000)
                {
                    request.Cancel();
                }

                return i;
            });
            return await connection.ExecuteScalarAsync<long>(LongCount);
        }, request.Token));

        // It stopped within the next progress callback (every thousand instructions, a few rows), not at the end.
        Assert.InRange(Interlocked.Read(ref rows), 1_000, 1_100);
        Assert.Equal(42, await db.Database.RunAsync(connection => connection.ExecuteScalarAsync<long>("SELECT 42;"), Token));
        Assert.Equal(0, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task ACancelledRequest_StartsNoFurtherRead()
    {
        await using var db = await TestDatabase.CreateAsync();

        // An idle session waits in the pool, so that no connection needs opening (which checked the token before).
        await db.Database.RunAsync(connection => connection.ExecuteScalarAsync<long>("SELECT 1;"), Token);
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        var ran = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.Database.RunAsync(connection =>
        {
            ran = true;
            return connection.ExecuteScalarAsync<long>("SELECT 1;");
        }, gone.Token));

        Assert.False(ran);
    }

    [Fact]
    public async Task AWrite_CancelledWhileItRuns_IsCommittedWhole()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var request = CancellationTokenSource.CreateLinkedTokenSource(Token);
        long rows = 0;

        var counted = await db.Database.WriteAsync(async unit =>
        {
            unit.Connection.CreateFunction("row_seen", (long i) =>
            {
                if (Interlocked.Increment(ref rows) == 1_000)
                {
                    request.Cancel();
                }

                return i;
            });
            await unit.Connection.ExecuteAsync("CREATE TABLE written (n INTEGER); INSERT INTO written VALUES (1);", transaction: unit.Transaction);
            return await unit.Connection.ExecuteScalarAsync<long>(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT row_seen(i) + 1 FROM n WHERE i < 100000) SELECT count(*) FROM n;",
                transaction: unit.Transaction);
        }, request.Token);

        Assert.Equal(100_000, counted);
        Assert.Equal(1, await db.Database.RunAsync(connection => connection.ExecuteScalarAsync<long>("SELECT count(*) FROM written;"), Token));
    }
}
