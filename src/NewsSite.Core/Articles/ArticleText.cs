using System.Globalization;
using System.Text;

namespace NewsSite.Core.Articles;

/// <summary>Turns the bytes of an uploaded or imported file into text, refusing what is not clean UTF-8.</summary>
public static class ArticleText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(string sourceName, ReadOnlySpan<byte> bytes)
    {
        // A byte order mark is harmless: some Windows editors write one.
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ArticleFormatException(sourceName,
                "Die Datei ist nicht in UTF-8 kodiert. Bitte im Editor als „UTF-8“ speichern.");
        }

        return Normalize(sourceName, text);
    }

    /// <summary>Unifies line endings and rejects control characters that have no place in an article.</summary>
    public static string Normalize(string sourceName, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArticleFormatException(sourceName, "Die Datei ist leer.");
        }

        if (FindControlCharacter(text) is { } found)
        {
            throw new ArticleFormatException(sourceName,
                $"Unzulässiges Steuerzeichen U+{found.Code}. Ist das wirklich eine Markdown-Textdatei?", found.Line);
        }

        return text;
    }

    /// <summary>
    /// The first control character (other than tab and line feed) or XML non-character in a text, with its line and
    /// its code as "U+…" digits; null when the text is clean.
    /// </summary>
    public static (int Line, string Code)? FindControlCharacter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
            }
            else if (c != '\t' && (char.IsControl(c) || c is '\uFFFE' or '\uFFFF'))
            {
                return (line, ((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return null;
    }
}
