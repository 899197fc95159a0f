namespace NewsSite.Core.Images;

/// <summary>
/// An article's lead picture (front matter image, image-alt, image-caption, image-credit) as the pages show it:
/// the stored picture's file and size, and the words that go with it.
/// </summary>
public sealed record LeadPicture(string FileName, int Width, int Height, string Alt, string? Caption, string? Credit)
{
    public string Url => ImageStore.UrlPrefix + FileName;
}
