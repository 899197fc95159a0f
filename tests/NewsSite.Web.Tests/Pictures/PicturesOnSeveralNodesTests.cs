using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsSite.Core.Tests.Support;
using NewsSite.Web.Tests.Support;
using Npgsql;

namespace NewsSite.Web.Tests.Pictures;

/// <summary>
/// Two sites ("web nodes") on one PostgreSQL schema, each with its own data folder (decision 0025): a picture uploaded
/// through one is served by the other, which fetches its bytes from the database once. Each test makes its own schema,
/// so it runs in the ordinary pass and is left out of the PostgreSQL pass (<see cref="OwnServersAttribute"/>).
/// </summary>
[OwnServers]
public class PicturesOnSeveralNodesTests
{
    private const string EditForm = "form#editor";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <param name="connectionString">How this node reaches the schema, when not directly (through a proxy that can be cut).</param>
    private static NewsSiteFactory Node(TestSchema schema, string? connectionString = null) => new(NewsSiteFactory.ContentFolder())
    {
        SharedSchema = schema,
        Settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connectionString ?? schema.ConnectionString },
    };

    /// <summary>The edit page's picture upload, a real multipart form post; the picture's address from the snippet it shows.</summary>
    private static async Task<string> UploadThroughTheEditorAsync(NewsSiteFactory site, byte[] picture)
    {
        using var editor = await AdminClient.LoginAsync(site);
        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", EditForm,
            EditorSource.Form("---\ntitle: \"Mit Bild\"\ntags: [Test]\n---\n\nText.\n"), "Veröffentlichen");
        var (response, page) = await editor.SubmitAsync(saved.Headers.Location!.OriginalString, EditForm, button: "Bild hochladen",
            files: new() { ["image"] = [new FormFile("hafen.jpg", picture, "image/jpeg")] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var snippet = page.QuerySelector<IHtmlInputElement>("#image-markdown")!.Value;
        return snippet[(snippet.IndexOf('(', StringComparison.Ordinal) + 1)..^1];
    }

    [Fact]
    public async Task PictureUploadedOnOneNode_IsServedByAnother_OriginalAndVariants()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        await using var nodeA = Node(schema);
        await using var nodeB = Node(schema);
        var url = await UploadThroughTheEditorAsync(nodeA, TestPictures.Jpeg(1000, 600));
        var name = url[(url.LastIndexOf('/') + 1)..];
        var onA = await nodeA.CreateClient().GetByteArrayAsync(new Uri(url, UriKind.Relative), Token);
        Assert.Equal(0, TestPictures.StoredFiles(nodeB));

        using var original = await nodeB.SendAsync(url);
        using var narrow = await nodeB.SendAsync($"/bilder/{name[..32]}-480.webp");
        using var crop = await nodeB.SendAsync($"/bilder/{name[..32]}-16x9.jpg");

        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("image/jpeg", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal(onA, await original.Content.ReadAsByteArrayAsync(Token));
        Assert.Equal(HttpStatusCode.OK, narrow.StatusCode);
        Assert.Equal("image/webp", narrow.Content.Headers.ContentType?.MediaType);
        Assert.Equal(480, TestPictures.Size(await narrow.Content.ReadAsByteArrayAsync(Token)).Width);
        Assert.Equal(HttpStatusCode.OK, crop.StatusCode);
        Assert.Equal((1000, 562), TestPictures.Size(await crop.Content.ReadAsByteArrayAsync(Token)));
        Assert.True(File.Exists(Path.Combine(nodeB.DataDirectory, "images", name))); // from now on served from B's folder
    }

    [Fact]
    public async Task APictureNoNodeHas_IsA404_NotAnError()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        await using var node = Node(schema);

        foreach (var path in new[] { "/bilder/0123456789abcdef0123456789abcdef.jpg", "/bilder/0123456789abcdef0123456789abcdef-480.webp",
            "/bilder/..%2Fnewssite.db", "/bilder/0123456789ABCDEF0123456789ABCDEF.jpg" })
        {
            using var response = await node.SendAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task DatabaseDown_APictureThisNodeLacks_GivesThe503Page_AndOnceBack_ThePicture()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        var server = new NpgsqlConnectionStringBuilder(schema.ConnectionString);
        await using var proxy = new TcpProxy(server.Host!, server.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 };
        await using var nodeA = Node(schema);
        await using var nodeB = Node(schema, throughProxy.ConnectionString);
        var url = await UploadThroughTheEditorAsync(nodeA, TestPictures.Jpeg(200, 100));
        Assert.Equal(HttpStatusCode.NotFound, (await nodeB.SendAsync("/bilder/0123456789abcdef0123456789abcdef.jpg")).StatusCode); // B is up

        proxy.Cut();
        var (down, page) = await nodeB.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("Vorübergehend nicht erreichbar", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("Npgsql", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(0, TestPictures.StoredFiles(nodeB));

        proxy.Restore();
        using var back = await nodeB.SendAsync(url);

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }
}
