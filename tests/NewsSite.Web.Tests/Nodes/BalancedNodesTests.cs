using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;
using NewsSite.Web.Tests.Pictures;
using NewsSite.Web.Tests.Support;
using static NewsSite.Web.Tests.Support.LoopbackCluster;

namespace NewsSite.Web.Tests.Nodes;

/// <summary>
/// Issue 19's test of several nodes, with real processes on loopback: two app processes on PostgreSQL and a Redis of
/// this test's own, behind nginx (round robin, retrying on the next node what a dead one could not take). Through the
/// balancer an editor logs in, edits and uploads a picture, with requests landing on both nodes; each node shows the
/// edit on its very next request and serves the picture; the login throttle counts failures through both; a scheduled
/// article comes due on both; Redis stopped and started again under load gives no error and no
/// stale page; and one node killed under load loses no request.
/// </summary>
[OwnServers]
public class BalancedNodesTests
{
    private const string Password = "ein-langes-test-passwort";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoNodesBehindNginx_ShareEditsLoginsAndSchedules_AndSurviveRedisAndANodeGoingAway()
    {
        var nginx = Nginx();
        var wrk = Wrk();
        var redisServer = RedisServer();
        Assert.SkipWhen(nginx is null || wrk is null || redisServer is null, "nginx, wrk oder redis-server fehlt (apt-get install nginx wrk redis-server)");
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        var folder = Repository.NewTempDirectory();
        var redisPort = FreePort();
        var balancerPort = FreePort();
        var balancer = new Uri($"http://127.0.0.1:{balancerPort}");
        var due = DateTimeOffset.UtcNow.AddSeconds(45);
        var content = NewsSiteFactory.ContentFolder(
            ("haupt.md", "---\ntitle: Haupt\nslug: haupt\nauthor: Erika Muster\ndate: 2025-05-01T10:00:00\n---\n\nText.\n"),
            ("spaeter.md", $"---\ntitle: Später\nslug: spaeter\nauthor: Erika Muster\ndate: {NewsroomTime.ToLocal(due):yyyy-MM-ddTHH:mm:ss}\n---\n\nBald.\n"));

        using var redis = StartRedis(redisServer!, redisPort, folder);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["NewsSite__ContentDirectory"] = content,
            ["NewsSite__BaseUrl"] = balancer.ToString(),
            ["NewsSite__TrustedProxies__0"] = "127.0.0.1",
            ["ConnectionStrings__Postgres"] = schema.ConnectionString,
            ["ConnectionStrings__Redis"] = $"127.0.0.1:{redisPort}",
            ["NewsSite__RedisKeyPrefix"] = "balanced",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        var (a, portA) = await StartNodeAsync("a", folder, environment);
        using var nodeA = a;
        var (b, portB) = await StartNodeAsync("b", folder, environment);
        using var nodeB = b;
        using var proxy = StartNginx(nginx!, Path.Combine(folder, "nginx"), balancerPort, [portA, portB]);
        await WaitForAsync(new Uri(balancer, "/healthz/ready"), HttpStatusCode.OK, TimeSpan.FromSeconds(15), proxy);
        await AddEditorAsync(folder, environment);
        Uri A(string path) => new($"http://127.0.0.1:{portA}{path}");
        Uri B(string path) => new($"http://127.0.0.1:{portB}{path}");
        using var reader = new HttpClient();

        // A login through the balancer: form from one node, posted to the other, then pages from both.
        using var editor = new AdminClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, balancer);
        var (login, _) = await editor.SubmitAsync("/admin/anmelden", "form", new() { ["name"] = "anna", ["password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/admin")).Response.StatusCode);
        }

        // Both nodes have the article in the cache; an edit through the balancer is on each one's next request.
        await WarmBothAsync(reader, A("/artikel/haupt"), B("/artikel/haupt"));
        await EditTitleAsync(editor, "Haupt", "Haupt neu");
        Assert.Equal("Haupt neu", await TitleAsync(reader, A("/artikel/haupt")));
        Assert.Equal("Haupt neu", await TitleAsync(reader, B("/artikel/haupt")));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(B("/artikel/spaeter"), Token)).StatusCode);

        // A picture uploaded through the balancer is served by each node itself, original and variant.
        var picture = await UploadPictureAsync(editor);
        foreach (var node in new Func<string, Uri>[] { A, B })
        {
            using var original = await reader.GetAsync(node(picture), Token);
            Assert.Equal(HttpStatusCode.OK, original.StatusCode);
            using var variant = await reader.GetAsync(node($"{picture[..^4]}-480.webp"), Token);
            Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
        }

        // The login throttle counts failures through both nodes: five free, alternating A and B; the sixth waits.
        using (var guesser = new AdminClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, balancer))
        {
            for (var i = 0; i < 5; i++)
            {
                var (wrong, _) = await guesser.SubmitAsync("/admin/anmelden", "form", new() { ["name"] = "niemand", ["password"] = "falsch-geraten-" + i });
                Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            }

            var (refused, page) = await guesser.SubmitAsync("/admin/anmelden", "form", new() { ["name"] = "niemand", ["password"] = "noch-ein-versuch" });
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("Zu viele fehlgeschlagene Anmeldeversuche", page.DocumentElement.TextContent, StringComparison.Ordinal);
        }

        // Redis stopped under load, an edit meanwhile, Redis started again (empty, as after a crash without
        // persistence): no error for any reader, and no page from before the edit afterwards.
        var redisLoad = LoadAsync(wrk!, new Uri(balancer, "/artikel/haupt"), TimeSpan.FromSeconds(8));
        await Task.Delay(2000, Token);
        redis.Kill();
        await Task.Delay(1500, Token);
        await EditTitleAsync(editor, "Haupt neu", "Haupt ohne Redis");
        using var redisAgain = StartRedis(redisServer!, redisPort, folder);
        var underRedisOutage = await redisLoad;
        Assert.True(underRedisOutage.Requests > 100, underRedisOutage.Output);
        Assert.True(underRedisOutage.NotOk == 0 && underRedisOutage.SocketErrors == 0, underRedisOutage.Output);
        await WaitForAsync(A("/healthz/ready"), HttpStatusCode.OK, TimeSpan.FromSeconds(15), nodeA);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("Haupt ohne Redis", await TitleAsync(reader, A("/artikel/haupt")));
            Assert.Equal("Haupt ohne Redis", await TitleAsync(reader, B("/artikel/haupt")));
            Assert.Equal("Haupt ohne Redis", await TitleAsync(reader, new Uri(balancer, "/artikel/haupt")));
        }

        // The scheduled article comes due on both nodes, without any write.
        var wait = due - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Token);
        }

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(A("/artikel/spaeter"), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(B("/artikel/spaeter"), Token)).StatusCode);

        // Node B killed under load: nginx gives what B could not answer to A; no reader sees an error.
        var nodeLoad = LoadAsync(wrk!, new Uri(balancer, "/"), TimeSpan.FromSeconds(6));
        await Task.Delay(2000, Token);
        nodeB.Kill();
        var underNodeLoss = await nodeLoad;
        Assert.True(underNodeLoss.Requests > 100, underNodeLoss.Output);
        Assert.True(underNodeLoss.NotOk == 0 && underNodeLoss.SocketErrors == 0, underNodeLoss.Output);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/admin")).Response.StatusCode);
    }

    private static Running StartRedis(string redisServer, int port, string folder)
    {
        var dir = Directory.CreateDirectory(Path.Combine(folder, "redis")).FullName;
        var redis = Start(new ProcessStartInfo(redisServer)
        {
            ArgumentList = { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", dir },
        });
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until && !redis.Tail().Contains("Ready to accept connections", StringComparison.Ordinal))
        {
            Thread.Sleep(50);
        }

        return redis;
    }

    private static async Task<(Running Node, int Port)> StartNodeAsync(string name, string folder, Dictionary<string, string> environment)
    {
        var port = FreePort();
        var start = AppProcess.App(AppFolder(), Directory.CreateDirectory(Path.Combine(folder, name + "-cwd")).FullName,
            new Dictionary<string, string>(environment) { ["NewsSite__DataDirectory"] = Path.Combine(folder, name + "-data") },
            "--urls", $"http://127.0.0.1:{port}");
        var node = Start(start);
        await WaitForAsync(new Uri($"http://127.0.0.1:{port}/healthz/ready"), HttpStatusCode.OK, TimeSpan.FromSeconds(60), node);
        return (node, port);
    }

    private static async Task AddEditorAsync(string folder, Dictionary<string, string> environment)
    {
        var (exit, output, errors) = await AppProcess.RunAsync(
            AppProcess.App(AppFolder(), folder, new Dictionary<string, string>(environment) { ["NewsSite__DataDirectory"] = Path.Combine(folder, "cli-data") },
                "user", "add", "anna", "--role", "editor"),
            TimeSpan.FromMinutes(1),
            input: Password + "\n");
        Assert.True(exit == 0, output + errors);
    }

    private static async Task WarmBothAsync(HttpClient reader, params Uri[] urls)
    {
        foreach (var url in urls)
        {
            for (var i = 0; i < 2; i++)
            {
                using var response = await reader.GetAsync(url, Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    private static async Task EditTitleAsync(AdminClient editor, string title, string newTitle)
    {
        var (saved, _) = await editor.SubmitAsync(await editor.EditUrlOfAsync(title), "form#editor", new() { ["Fields.Title"] = newTitle }, "Änderungen veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    /// <summary>The edit page's picture upload (multipart, through the balancer); the picture's address from its snippet.</summary>
    private static async Task<string> UploadPictureAsync(AdminClient editor)
    {
        var (response, page) = await editor.SubmitAsync(await editor.EditUrlOfAsync("Haupt neu"), "form#editor", button: "Bild hochladen",
            files: new() { ["image"] = [new FormFile("hafen.jpg", TestPictures.Jpeg(1000, 600), "image/jpeg")] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var snippet = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#image-markdown")!.Value;
        return snippet[(snippet.IndexOf('(', StringComparison.Ordinal) + 1)..^1];
    }

    private static async Task<string> TitleAsync(HttpClient reader, Uri url)
    {
        using var response = await reader.GetAsync(url, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Token), Token);
        return page.QuerySelector("h1")!.TextContent.Trim();
    }
}
