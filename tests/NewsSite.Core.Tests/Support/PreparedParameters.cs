using Dapper;

namespace NewsSite.Core.Tests.Support;

public static class PreparedParameters
{
    /// <summary>The parameters of a prepared statement, for Dapper (EXPLAIN QUERY PLAN of the same SQL).</summary>
    public static DynamicParameters ForDapper(this (string Name, object? Value)[] parameters)
    {
        var dapper = new DynamicParameters();
        foreach (var (name, value) in parameters)
        {
            dapper.Add(name, value);
        }

        return dapper;
    }
}
