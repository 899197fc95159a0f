using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;

namespace NewsSite.Web.Tests.Support;

/// <summary>Raw requests for feeds and sitemaps, and strict parsers for what comes back.</summary>
public static class FeedResponses
{
    public static async Task<HttpResponseMessage> SendAsync(
        this NewsSiteFactory site, string path, HttpMethod? method = null, params (string Name, string Value)[] headers)
    {
        ArgumentNullException.ThrowIfNull(site);
        using var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(path, UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return response;
    }

    public static async Task<byte[]> BytesAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A conforming XML 1.0 parser with character checking on and DTDs refused: any flaw throws.</summary>
    public static XDocument ParseXml(byte[] xml)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml), StrictSettings);
        return XDocument.Load(reader);
    }

    /// <summary>The .NET feed reader: RSS 2.0 or Atom 1.0, whichever it is.</summary>
    public static SyndicationFeed LoadFeed(byte[] xml)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml), StrictSettings);
        return SyndicationFeed.Load(reader);
    }

    private static XmlReaderSettings StrictSettings => new() { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit };
}
