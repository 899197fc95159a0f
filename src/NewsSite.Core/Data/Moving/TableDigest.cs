using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NewsSite.Core.Data.Moving;

/// <summary>
/// A table's rows, in key order, as one SHA-256, computed the same way from either database's values: each value as a
/// canonical text (instants in UTC to the microsecond, which is what PostgreSQL keeps of .NET's 100 ns; flags 0/1;
/// bytes as hex; text as the target can hold it), length-prefixed, so that no two different rows hash alike.
/// </summary>
public sealed class TableDigest(Func<string, string> storable) : IDisposable
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Rows { get; private set; }

    /// <summary>.NET's ticks rounded to PostgreSQL's microseconds; what the copy writes and what both sides hash.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset instant)
    {
        var utc = instant.UtcTicks;
        var remainder = utc % 10;
        return new DateTimeOffset(utc - remainder + (remainder >= 5 ? 10 : 0), TimeSpan.Zero);
    }

    public void Add(IReadOnlyList<CopyColumn> columns, object?[] row)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(row);
        var text = new StringBuilder();
        for (var i = 0; i < columns.Count; i++)
        {
            if (Canonical(columns[i].Kind, row[i]) is { } value)
            {
                text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
            }
            else
            {
                text.Append('-');
            }
        }

        text.Append('\n');
        _hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        Rows++;
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();

    private string? Canonical(ColumnKind kind, object? value) => value switch
    {
        null or DBNull => null,
        DateTimeOffset instant => ToMicroseconds(instant).UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture),
        bool flag => flag ? "1" : "0",
        long or int or short => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        string text => storable(text),
        byte[] bytes => Convert.ToHexStringLower(bytes),
        _ => throw new SiteCopyException($"Ein Wert vom Typ {value.GetType().Name} passt nicht zu einer Spalte der Art {kind}."),
    };
}
