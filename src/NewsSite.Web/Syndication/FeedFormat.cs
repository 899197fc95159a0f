using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Xml;
using System.Xml.Linq;
using NewsSite.Web.Localization;

namespace NewsSite.Web.Syndication;

/// <summary>One of the three feed formats: its file name in URLs, its media type and how it is written.</summary>
public sealed record FeedFormat(string FileName, string MediaType, string Label, Func<FeedDocument, byte[]> Write)
{
    public static FeedFormat Rss { get; } = new("rss.xml", "application/rss+xml", "RSS", RssFeed.Write);

    public static FeedFormat Atom { get; } = new("atom.xml", "application/atom+xml", "Atom", AtomFeed.Write);

    public static FeedFormat Json { get; } = new("feed.json", "application/feed+json", "JSON Feed", JsonFeed.Write);

    public static IReadOnlyList<FeedFormat> All { get; } = [Rss, Atom, Json];

    public string ContentType => MediaType + "; charset=utf-8";
}

/// <summary>
/// RSS 2.0 through System.ServiceModel.Syndication. The formatter writes synchronously, so it writes to memory and
/// the response is sent from there; 20 entries are a few hundred kilobytes at most.
/// </summary>
internal static class RssFeed
{
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    public static byte[] Write(FeedDocument document)
    {
        var feed = SyndicationXml.Feed(document);
        SyndicationXml.DeclareMedia(feed);

        // Declared once on the channel, so the extensions below read <content:encoded> and <dc:creator>.
        feed.AttributeExtensions.Add(new XmlQualifiedName("content", XNamespace.Xmlns.NamespaceName), ContentNamespace);
        feed.AttributeExtensions.Add(new XmlQualifiedName("dc", XNamespace.Xmlns.NamespaceName), DublinCoreNamespace);
        feed.Items = document.Entries.Select(entry =>
        {
            var item = SyndicationXml.Item(entry);

            // RSS's own <author> must be an e-mail address; names go into dc:creator, as feed readers expect.
            // One dc:creator per author, in the byline's order.
            foreach (var author in entry.Authors)
            {
                item.ElementExtensions.Add(new XElement(XName.Get("creator", DublinCoreNamespace), author.Name));
            }

            item.ElementExtensions.Add(new XElement(XName.Get("encoded", ContentNamespace), entry.ContentHtml));
            SyndicationXml.AddMedia(item, entry.Picture);
            return item;
        }).ToList();

        // serializeExtensionsAsAtom writes the self link as <a10:link rel="self">, i.e. atom:link.
        return SyndicationXml.ToBytes(writer => new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: true).WriteTo(writer));
    }
}

/// <summary>Atom 1.0 through System.ServiceModel.Syndication.</summary>
internal static class AtomFeed
{
    public static byte[] Write(FeedDocument document)
    {
        var feed = SyndicationXml.Feed(document);
        SyndicationXml.DeclareMedia(feed);
        feed.Id = document.PageUrl.AbsoluteUri;
        feed.Authors.Add(new SyndicationPerson(null, document.SiteName, document.SiteUrl.AbsoluteUri));
        feed.Items = document.Entries.Select(entry =>
        {
            var item = SyndicationXml.Item(entry);
            foreach (var author in entry.Authors)
            {
                item.Authors.Add(new SyndicationPerson(null, author.Name, author.Url.AbsoluteUri));
            }

            item.Content = new TextSyndicationContent(entry.ContentHtml, TextSyndicationContentKind.Html);
            if (entry.Picture is { } picture)
            {
                item.Links.Add(new SyndicationLink(picture.Url, "enclosure", picture.Alt, "image/jpeg", 0));
            }

            SyndicationXml.AddMedia(item, entry.Picture);
            return item;
        }).ToList();

        return SyndicationXml.ToBytes(writer => new Atom10FeedFormatter(feed).WriteTo(writer));
    }
}

/// <summary>What RSS and Atom share: the channel and an entry's common fields.</summary>
internal static class SyndicationXml
{
    /// <summary>Media RSS (https://www.rssboard.org/media-rss): the picture with its description and credit.</summary>
    private const string MediaNamespace = "http://search.yahoo.com/mrss/";

    public static void DeclareMedia(SyndicationFeed feed) =>
        feed.AttributeExtensions.Add(new XmlQualifiedName("media", XNamespace.Xmlns.NamespaceName), MediaNamespace);

    public static void AddMedia(SyndicationItem item, FeedPicture? picture)
    {
        if (picture is null)
        {
            return;
        }

        XNamespace media = MediaNamespace;
        var content = new XElement(media + "content",
            new XAttribute("url", picture.Url.AbsoluteUri), new XAttribute("type", "image/jpeg"), new XAttribute("medium", "image"),
            new XAttribute("width", picture.Width), new XAttribute("height", picture.Height),
            new XElement(media + "description", picture.Caption ?? picture.Alt));
        if (picture.Credit is not null)
        {
            content.Add(new XElement(media + "credit", picture.Credit));
        }

        item.ElementExtensions.Add(content);
    }

    public static SyndicationFeed Feed(FeedDocument document)
    {
        var feed = new SyndicationFeed(document.Title, document.Description, document.PageUrl)
        {
            Language = SiteText.LanguageTag,
            LastUpdatedTime = document.Updated,
            Generator = "NewsSite",
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(document.SelfUrl));
        return feed;
    }

    public static SyndicationItem Item(FeedEntry entry)
    {
        var item = new SyndicationItem
        {
            Id = entry.Id,
            Title = new TextSyndicationContent(entry.Title),
            Summary = new TextSyndicationContent(entry.Summary),
            PublishDate = entry.Published,
            LastUpdatedTime = entry.Updated,
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(entry.Url));
        foreach (var tag in entry.Tags)
        {
            item.Categories.Add(new SyndicationCategory(tag));
        }

        return item;
    }

    public static byte[] ToBytes(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}

/// <summary>JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written with Utf8JsonWriter.</summary>
internal static class JsonFeed
{
    // Readable German; characters that matter to HTML (<, >, &, quotes) are still escaped.
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static byte[] Write(FeedDocument document)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("version", "https://jsonfeed.org/version/1.1");
            json.WriteString("title", document.Title);
            json.WriteString("home_page_url", document.PageUrl.AbsoluteUri);
            json.WriteString("feed_url", document.SelfUrl.AbsoluteUri);
            json.WriteString("description", document.Description);
            json.WriteString("language", SiteText.LanguageTag);
            WriteAuthors(json, [new FeedAuthor(document.SiteName, document.SiteUrl)]);
            json.WriteStartArray("items");
            foreach (var entry in document.Entries)
            {
                json.WriteStartObject();
                json.WriteString("id", entry.Id);
                json.WriteString("url", entry.Url.AbsoluteUri);
                json.WriteString("title", entry.Title);
                json.WriteString("summary", entry.Summary);
                json.WriteString("content_html", entry.ContentHtml);
                if (entry.Picture is { } picture)
                {
                    json.WriteString("image", picture.Url.AbsoluteUri);

                    // JSON Feed has no field for a credit: an extension (names beginning with "_"), as the spec allows.
                    json.WriteStartObject("_newssite");
                    json.WriteString("image_alt", picture.Alt);
                    if (picture.Caption is not null)
                    {
                        json.WriteString("image_caption", picture.Caption);
                    }

                    if (picture.Credit is not null)
                    {
                        json.WriteString("image_credit", picture.Credit);
                    }

                    json.WriteEndObject();
                }

                json.WriteString("date_published", MachineTime.Utc(entry.Published));
                json.WriteString("date_modified", MachineTime.Utc(entry.Updated));
                WriteAuthors(json, entry.Authors);
                json.WriteStartArray("tags");
                foreach (var tag in entry.Tags)
                {
                    json.WriteStringValue(tag);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteAuthors(Utf8JsonWriter json, IReadOnlyList<FeedAuthor> authors)
    {
        json.WriteStartArray("authors");
        foreach (var author in authors)
        {
            json.WriteStartObject();
            json.WriteString("name", author.Name);
            json.WriteString("url", author.Url.AbsoluteUri);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
