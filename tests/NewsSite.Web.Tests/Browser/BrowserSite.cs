using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Browser;

/// <summary>
/// The seeded site on a real 127.0.0.1 port, plus Debian's Chromium driven by Playwright. Playwright cannot download
/// browsers here, so it is pointed at the system's Chromium (CHROMIUM_PATH overrides /usr/bin/chromium).
/// </summary>
public class BrowserSite : NewsSiteFactory, IAsyncLifetime
{
    private IPlaywright? _playwright;

    public BrowserSite() => UseKestrel(0);

    /// <summary>A site that starts from the given articles instead of the repository's content/.</summary>
    protected BrowserSite(string contentDirectory, int pageSize = 10)
        : base(contentDirectory, pageSize) => UseKestrel(0);

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium fehlt unter {ChromiumPath}: apt-get install -y chromium (so macht es .ci/run).");
        }

        // CI runs the browser classes in parallel with the rest of the suite on two cores: an answer that takes 5 s
        // (Playwright's default for expectations) is slow there, not wrong. Passing expectations return at once.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Where screenshots go for a person to look at: bin/.../screenshots, never committed.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>
    /// The page's width once it has settled: its stylesheet loaded (a click that navigates returns before that, and a
    /// page measured without its CSS was 386 px wide on a loaded CI machine), the self-hosted fonts in, one frame laid out.
    /// </summary>
    public static async Task<int> SettledScrollWidthAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.EvaluateAsync("() => document.fonts.ready.then(() => new Promise(requestAnimationFrame))");
        return await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
    }
}
