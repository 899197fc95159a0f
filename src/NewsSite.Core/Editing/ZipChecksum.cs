namespace NewsSite.Core.Editing;

/// <summary>
/// CRC-32 as zip archives record it for each entry. .NET stops inflating an entry at the size its directory declares,
/// without an error, so an entry that claims fewer bytes than it holds arrives cut off; only its checksum tells. The
/// framework's own CRC-32 is internal, and the System.IO.Hashing package would be a dependency for twenty lines.
/// </summary>
internal static class ZipChecksum
{
    private static readonly uint[] Table = BuildTable();

    public static uint Of(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var b in bytes)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < table.Length; i++)
        {
            var value = i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? 0xEDB8_8320u ^ (value >> 1) : value >> 1;
            }

            table[i] = value;
        }

        return table;
    }
}
