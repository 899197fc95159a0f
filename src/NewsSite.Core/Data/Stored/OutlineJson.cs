using System.Text.Json;
using NewsSite.Core.Markdown;

namespace NewsSite.Core.Data.Stored;

/// <summary>
/// An article's outline as stored in articles.outline by every dialect: computed once when the article is written,
/// so that no page view walks the body for headings and words again. Compact JSON: {"w":words,"h":[[level,id,text]…]}.
/// </summary>
internal static class OutlineJson
{
    public static string Write(ArticleOutline outline)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("w", outline.WordCount);
            json.WriteStartArray("h");
            foreach (var heading in outline.Headings)
            {
                json.WriteStartArray();
                json.WriteNumberValue(heading.Level);
                json.WriteStringValue(heading.Id);
                json.WriteStringValue(heading.Text);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static ArticleOutline Read(string stored)
    {
        using var document = JsonDocument.Parse(stored);
        var root = document.RootElement;
        var headings = new List<OutlineHeading>();
        foreach (var heading in root.GetProperty("h").EnumerateArray())
        {
            headings.Add(new OutlineHeading(heading[0].GetInt32(), heading[1].GetString()!, heading[2].GetString()!));
        }

        return new ArticleOutline(headings, root.GetProperty("w").GetInt32());
    }
}
