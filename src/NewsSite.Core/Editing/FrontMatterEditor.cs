namespace NewsSite.Core.Editing;

/// <summary>
/// Sets or removes single top-level fields in the front matter of an article's Markdown source and leaves every
/// other line as the editor wrote it: their order, comments, quoting and the body. The result is not validated
/// here; it goes through <see cref="Articles.ArticleParser"/> like any other source.
/// </summary>
public static class FrontMatterEditor
{
    /// <param name="changes">Field name and its new YAML value; a null value removes the field. A value that begins
    /// with a line break is a block (a list below its key) and follows the colon directly.</param>
    public static string Apply(string markdown, IReadOnlyList<KeyValuePair<string, string?>> changes)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return markdown;
        }

        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        int closing;
        if (lines[0].TrimEnd() == "---")
        {
            closing = lines.FindIndex(1, line => line.TrimEnd() is "---" or "...");
            if (closing < 0)
            {
                // Unclosed: leave it to the parser to say so, with the line.
                return markdown;
            }
        }
        else
        {
            // No front matter yet (a new article typed as plain Markdown): the fields make one.
            lines.InsertRange(0, ["---", "---", ""]);
            closing = 1;
        }

        foreach (var (field, value) in changes)
        {
            var start = lines.FindIndex(1, closing - 1, line => IsKeyLine(line, field));
            if (start >= 0)
            {
                var end = start + 1;
                while (end < closing && IsContinuation(lines[end]))
                {
                    end++;
                }

                lines.RemoveRange(start, end - start);
                closing -= end - start;
            }

            if (value is not null)
            {
                var at = start >= 0 ? start : closing;
                var added = (field + (value.StartsWith('\n') ? ":" : ": ") + value).Split('\n');
                lines.InsertRange(at, added);
                closing += added.Length;
            }
        }

        return string.Join('\n', lines);
    }

    private static bool IsKeyLine(string line, string field) =>
        line.StartsWith(field, StringComparison.Ordinal)
        && line.AsSpan(field.Length).TrimStart(' ').StartsWith(":", StringComparison.Ordinal);

    // A value goes on over indented lines and block list items ("- Köln" may start at column 0 under its key).
    private static bool IsContinuation(string line) =>
        line.Length > 0 && (line[0] is ' ' or '\t' || line.StartsWith('-'));
}
