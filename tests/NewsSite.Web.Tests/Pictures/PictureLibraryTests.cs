using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pictures;

/// <summary>The picture library: the editor script's JSON endpoints and the library pages.</summary>
public class PictureLibraryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> TokenAsync(AdminClient editor)
    {
        var (_, page) = await editor.GetAsync("/admin/artikel/neu");
        return page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
    }

    private static async Task<HttpResponseMessage> PostJsonUploadAsync(HttpClient http, string? token, string name, byte[] bytes,
        string alt = "", string caption = "", string credit = "")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", name);
        form.Add(new StringContent(alt), "alt");
        form.Add(new StringContent(caption), "caption");
        form.Add(new StringContent(credit), "credit");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/bilder/hochladen") { Content = form };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        return await http.SendAsync(request, Token);
    }

    [Fact]
    public async Task JsonUpload_KeepsWordsInTheLibrary_StripsExif_AndSearchFindsIt()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);

        var response = await PostJsonUploadAsync(editor.Http, await TokenAsync(editor), "dom-köln.jpg", TestPictures.JpegWithGps(64, 48),
            alt: "Der Dom", caption: "KÖLN am Abend", credit: "Foto: Berta Brösel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var uploaded = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var url = uploaded.RootElement.GetProperty("url").GetString()!;
        Assert.StartsWith("/bilder/", url, StringComparison.Ordinal);
        Assert.Equal("Der Dom", uploaded.RootElement.GetProperty("alt").GetString());
        Assert.Equal(48, uploaded.RootElement.GetProperty("width").GetInt32());
        var served = await editor.Http.GetByteArrayAsync(new Uri(url, UriKind.Relative), Token);
        Assert.Empty(TestPictures.MetadataFields(served));

        foreach (var query in new[] { "köln am", "brösel", "DOM-KÖLN" })
        {
            var found = await editor.Http.GetStringAsync(new Uri("/admin/bilder/suche?q=" + Uri.EscapeDataString(query), UriKind.Relative), Token);
            using var result = JsonDocument.Parse(found);
            var picture = Assert.Single(result.RootElement.GetProperty("pictures").EnumerateArray());
            Assert.Equal(url, picture.GetProperty("url").GetString());
            Assert.Equal("Foto: Berta Brösel", picture.GetProperty("credit").GetString());
            Assert.False(result.RootElement.GetProperty("more").GetBoolean());
        }
    }

    [Fact]
    public async Task JsonUpload_OfText_Is422WithGermanMessage()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);

        var response = await PostJsonUploadAsync(editor.Http, await TokenAsync(editor), "text.jpg", Encoding.UTF8.GetBytes("Nur Text."));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Contains("kein Bild", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("file", body.RootElement.GetProperty("field").GetString());
        Assert.Equal(0, await TestPictures.PictureRowsAsync(site));
    }

    [Fact]
    public async Task JsonUpload_WithoutAntiforgery_Is400Json_AndSavesNothing()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);

        var response = await PostJsonUploadAsync(editor.Http, null, "bild.jpg", TestPictures.Jpeg(20, 10));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await TestPictures.PictureRowsAsync(site));
    }

    [Fact]
    public async Task JsonEndpoints_WithoutSession_Answer401Json_NotARedirect()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var anonymous = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var upload = await PostJsonUploadAsync(anonymous, null, "bild.jpg", TestPictures.Jpeg(20, 10));
        var search = await anonymous.GetAsync(new Uri("/admin/bilder/suche?q=x", UriKind.Relative), Token);

        foreach (var response in new[] { upload, search })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
            Assert.Equal("Die Sitzung ist abgelaufen. Bitte erneut anmelden.", body.RootElement.GetProperty("error").GetString());
        }

        Assert.Equal(0, await TestPictures.PictureRowsAsync(site));
    }

    private static async Task<string> UploadAsync(AdminClient editor, string name, byte[] bytes)
    {
        var response = await PostJsonUploadAsync(editor.Http, await TokenAsync(editor), name, bytes, caption: "Hafen");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        return body.RootElement.GetProperty("file").GetString()!;
    }

    [Fact]
    public async Task Details_TooLongAlt_ShowsGermanErrorBesideTheField_AndSavesNothing()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);
        var file = await UploadAsync(editor, "hafen.jpg", TestPictures.Jpeg(40, 20));

        var (response, page) = await editor.SubmitAsync("/admin/bilder/" + file, "form#picture-details",
            new() { ["Alt"] = new string('x', 301), ["Caption"] = "Geändert" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var alt = page.QuerySelector<IHtmlInputElement>("#alt")!;
        Assert.Equal("true", alt.GetAttribute("aria-invalid"));
        Assert.Contains("alt-error", alt.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Contains("zu lang", page.QuerySelector("#alt-error")!.TextContent, StringComparison.Ordinal);
        var (_, again) = await editor.GetAsync("/admin/bilder/" + file);
        Assert.Equal("Hafen", again.QuerySelector<IHtmlInputElement>("#caption")!.Value);
    }

    [Fact]
    public async Task Delete_AsksFirst_ThenRemovesRowAndFile()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);
        var file = await UploadAsync(editor, "weg.jpg", TestPictures.Jpeg(40, 20));

        var (first, ask) = await editor.SubmitAsync("/admin/bilder/" + file, "form#picture-delete");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Wirklich löschen?", ask.QuerySelector("form#picture-delete")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await TestPictures.PictureRowsAsync(site));

        var (confirmed, _) = await editor.SubmitAsync(ask, "/admin/bilder/" + file, "form#picture-delete");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(0, await TestPictures.PictureRowsAsync(site));
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Http.GetAsync(new Uri("/bilder/" + file, UriKind.Relative), Token)).StatusCode);
    }

    [Fact]
    public async Task Delete_OfPictureUsedInAnArticle_IsRefusedNamingIt()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);
        var file = await UploadAsync(editor, "dom.jpg", TestPictures.Jpeg(40, 20));
        await editor.SubmitAsync("/admin/artikel/neu", "form#editor",
            EditorSource.Form($"---\ntitle: \"Mit Dom\"\ntags: [Test]\n---\n\n![Dom](/bilder/{file})\n"), "Veröffentlichen");

        var (_, details) = await editor.GetAsync("/admin/bilder/" + file);
        Assert.Contains("Mit Dom", details.QuerySelector("#picture-usage")!.TextContent, StringComparison.Ordinal);
        var (response, page) = await editor.SubmitAsync(details, "/admin/bilder/" + file, "form#picture-delete", new() { ["Confirmed"] = "true" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("„Mit Dom“", page.QuerySelector("#delete-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await TestPictures.PictureRowsAsync(site));
    }
}
