using System.Data;
using System.Globalization;
using Dapper;
using Npgsql;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// Instants are timestamptz. Npgsql writes a <see cref="DateTimeOffset"/> only with offset zero and reads timestamptz
/// back as a UTC <see cref="DateTime"/>; this handler, registered once, makes Dapper do both for every store, so that
/// stores pass and read <see cref="DateTimeOffset"/> as they have it.
/// </summary>
internal sealed class PostgresDates : SqlMapper.ITypeHandler
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            // Dapper looks up its built-in type map before the handlers when it writes a parameter, and DateTimeOffset
            // is in that map: without its removal SetValue is never called, and Npgsql refuses any offset but zero
            // (a Berlin month's start, a filter's date). Other providers get from SetValue what the map gave them
            // (DbType.DateTimeOffset and the value). Registered for DateTimeOffset, the handler serves
            // DateTimeOffset? too.
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
            SqlMapper.AddTypeHandler(typeof(DateTimeOffset), new PostgresDates());
        }
    }

    public void SetValue(IDbDataParameter parameter, object value)
    {
        ArgumentNullException.ThrowIfNull(parameter);

        // Dapper's handlers are process-wide: any other provider (SQLite) gets the value as Dapper gave it before.
        if (parameter is NpgsqlParameter npgsql)
        {
            // A null keeps its type, so that "@From IS NULL" needs no cast.
            npgsql.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz;
            npgsql.Value = value is DateTimeOffset instant ? instant.ToUniversalTime() : DBNull.Value;
        }
        else
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = value ?? DBNull.Value;
        }
    }

    /// <summary>
    /// A timestamptz as <see cref="DateTimeOffset"/>, and SQL NULL as null: Dapper hands a single value (a scalar,
    /// <c>ReadSingleAsync&lt;DateTimeOffset?&gt;</c>) to the handler without looking for NULL first.
    /// </summary>
    public object? Parse(Type destinationType, object value) => value switch
    {
        null or DBNull => null,
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset instant => instant,
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new DataException($"Kein Zeitpunkt: {value.GetType().Name}"),
    };
}
