using System.Text.Json;
using NewsSite.Core.Articles;
using NewsSite.Core.Images;

namespace NewsSite.Core.Data.Stored;

/// <summary>The lead picture column of articles, as JSON in every dialect: written with the article, read with every teaser.</summary>
internal static class LeadPictureJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string? Write(LeadPicture? picture) => picture is null ? null : JsonSerializer.Serialize(picture, Json);

    public static LeadPicture? Read(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<LeadPicture>(json, Json);
}

/// <summary>
/// An article's co-authors as the reads that show bylines get them from the database: one JSON array of
/// [name, slug] pairs in the byline's order, "[]" when it has none (each dialect builds it in its own SQL).
/// </summary>
internal static class CoAuthorJson
{
    public static IReadOnlyList<AuthorLink> Read(string? json)
    {
        // Nearly every article has none: no JSON to parse.
        if (json is null or "[]")
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(pair => new AuthorLink(pair[0].GetString()!, pair[1].GetString()!))];
    }
}

/// <summary>How revisions and bio versions store their origin, in every dialect.</summary>
internal static class RevisionOrigins
{
    public static RevisionOrigin ToOrigin(string origin) => origin == "import" ? RevisionOrigin.Import : RevisionOrigin.Editor;

    public static string OriginText(RevisionOrigin origin) => origin == RevisionOrigin.Import ? "import" : "editor";
}
