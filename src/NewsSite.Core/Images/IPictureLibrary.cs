namespace NewsSite.Core.Images;

/// <summary>A picture of the library: its facts and the words the editors gave it.</summary>
public sealed record LibraryPicture(
    string FileName, int Width, int Height, long Bytes, string Alt, string Caption, string Credit, string OriginalName,
    string? UploadedBy, DateTimeOffset CreatedAt)
{
    public string Url => ImageStore.UrlPrefix + FileName;
}

public sealed record PicturePage(IReadOnlyList<LibraryPicture> Items, bool HasMore);

/// <summary>Where a picture is used: an article (as lead picture or in its text) or a fixed page.</summary>
public sealed record PictureUse(long? ArticleId, string? SitePageSlug, string Title, string Status);

public sealed record PictureDeletion(bool Deleted, IReadOnlyList<PictureUse> UsedBy);

/// <summary>The words an editor may change; each problem by field (alt, caption, credit), in German.</summary>
public sealed record PictureDetails(string Alt, string Caption, string Credit)
{
    public const int MaxAlt = 300, MaxCaption = 500, MaxCredit = 200;

    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Alt.Length > MaxAlt)
        {
            problems.Add(("alt", $"Der Alternativtext ist zu lang ({Alt.Length} Zeichen, höchstens {MaxAlt})."));
        }

        if (Caption.Length > MaxCaption)
        {
            problems.Add(("caption", $"Die Bildunterschrift ist zu lang ({Caption.Length} Zeichen, höchstens {MaxCaption})."));
        }

        if (Credit.Length > MaxCredit)
        {
            problems.Add(("credit", $"Die Quellenangabe ist zu lang ({Credit.Length} Zeichen, höchstens {MaxCredit})."));
        }

        return problems;
    }
}

/// <summary>The picture library (decision 0015): search, words, usage and deletion of stored pictures.</summary>
public interface IPictureLibrary
{
    Task<PicturePage> SearchAsync(string? query, int page, int pageSize, CancellationToken cancellationToken = default);

    Task<LibraryPicture?> FindAsync(string fileName, CancellationToken cancellationToken = default);

    /// <returns>The problems (German, by field); nothing is saved when there are any. Empty when saved.</returns>
    Task<IReadOnlyList<(string Field, string Message)>> UpdateDetailsAsync(string fileName, PictureDetails details, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PictureUse>> UsageAsync(string fileName, CancellationToken cancellationToken = default);

    /// <summary>Refused while the picture is used; otherwise the row and its files (original and variants) go.</summary>
    Task<PictureDeletion> DeleteAsync(string fileName, string imagesFolder, string variantsFolder, CancellationToken cancellationToken = default);
}
