using System.Data;
using System.Text;
using Dapper;
using Npgsql;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// PostgreSQL's text holds neither the character NUL nor half of a UTF-16 surrogate pair, and Npgsql refuses a
/// parameter with either (a 500 for "/admin?q=%00" or a title with a stray surrogate), where SQLite stores NUL and
/// turns a stray surrogate into U+FFFD. This handler, registered once for every string parameter, gives PostgreSQL the
/// text without NUL and with U+FFFD for a stray surrogate: what readers get is then what they get from SQLite, whose NUL
/// every page and feed leaves out anyway (no HTML or XML may carry it), and odd input never fails a request.
/// </summary>
internal sealed class PostgresText : SqlMapper.ITypeHandler
{
    private const char Replacement = '\uFFFD';

    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            // As for DateTimeOffset (PostgresDates): Dapper's built-in map for string would bypass the handler.
            SqlMapper.RemoveTypeMap(typeof(string));
            SqlMapper.AddTypeHandler(typeof(string), new PostgresText());
        }
    }

    public void SetValue(IDbDataParameter parameter, object value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.DbType = DbType.String;

        // Dapper's handlers are process-wide: any other provider (SQLite) gets the string as Dapper gave it before.
        parameter.Value = parameter is NpgsqlParameter && value is string text ? Storable(text) : value ?? DBNull.Value;
    }

    public object? Parse(Type destinationType, object value) => value is DBNull ? null : value.ToString();

    /// <summary><paramref name="text"/> without NUL and with unpaired surrogates replaced; the same instance when it has neither.</summary>
    public static string Storable(string text)
    {
        if (!NeedsRepair(text))
        {
            return text;
        }

        var repaired = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                repaired.Append(c).Append(text[++i]);
            }
            else if (c != '\0')
            {
                repaired.Append(char.IsSurrogate(c) ? Replacement : c);
            }
        }

        return repaired.ToString();
    }

    private static bool NeedsRepair(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return true;
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }

                i++;
            }
        }

        return false;
    }
}
