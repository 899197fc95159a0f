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
internal sealed class PostgresDates : SqlMapper.TypeHandler<DateTimeOffset>
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            // Dapper looks up its built-in type map before the handlers when it writes a parameter, and DateTimeOffset
            // is in that map: without its removal SetValue is never called, and Npgsql refuses any offset but zero
            // (a Berlin month's start, a filter's date). Reads used the handler either way. Other providers get from
            // SetValue what the map gave them (DbType.DateTimeOffset and the value).
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
            SqlMapper.AddTypeHandler(new PostgresDates());
        }
    }

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(parameter);

        // Dapper's handlers are process-wide: any other provider (SQLite) gets the value as Dapper gave it before.
        if (parameter is NpgsqlParameter npgsql)
        {
            npgsql.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz;
            npgsql.Value = value.ToUniversalTime();
        }
        else
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = value;
        }
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset instant => instant,
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new DataException($"Kein Zeitpunkt: {value.GetType().Name}"),
    };
}
