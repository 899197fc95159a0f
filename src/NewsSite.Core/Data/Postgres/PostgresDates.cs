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
