using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Articles;
using NewsSite.Web.Hardening;
using NewsSite.Web.Hosting;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// How many searches run at once: per address and on the whole site, with a short queue, so that searches cannot
/// hold both cores however they are sent; and a search stops when its reader leaves. The searches are held open by a
/// stand-in index, so that the test decides when they end, not a clock.
/// </summary>
public class SearchConcurrencyTests
{
    private const string ClientHeader = "X-Test-Client";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A search index whose searches wait until the test lets them go, and which shows what they were given.</summary>
    private sealed class HeldSearches : ISearchIndex
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<CancellationToken> Running { get; } = new();

        public void Release() => _release.TrySetResult();

        public async Task<SearchResults> SearchAsync(
            string readerText, int page, int pageSize, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            Running.Enqueue(cancellationToken);
            await _release.Task.WaitAsync(cancellationToken);
            return SearchResults.None(page, pageSize);
        }

        // The held search finds nothing, so the page also asks for a suggestion; it runs inside the same held request.
        public Task<SearchSuggestion?> SuggestAsync(string readerText, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            Task.FromResult<SearchSuggestion?>(null);

        public Task<int> IndexUnindexedArticlesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
    }

    /// <summary>Each test client has its own address, as readers behind their own connections would.</summary>
    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, further) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return further(context);
            });
            next(app);
        };
    }

    private static WebApplicationFactory<Program> Site(NewsSiteFactory site, HeldSearches searches) =>
        site.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ISearchIndex>(searches);
            services.AddSingleton<IStartupFilter>(new AddressFromHeader());
        }));

    private static NewsSiteFactory Settings(int perAddress, int siteWide, int queue) => new(NewsSiteFactory.ContentFolder())
    {
        Settings = new Dictionary<string, string?>
        {
            ["NewsSite:SearchesAtOncePerAddress"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NewsSite:SearchesAtOnce"] = siteWide.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NewsSite:SearchQueueLength"] = queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NewsSite:SearchRequestsPerMinute"] = "1000",
        },
    };

    private static HttpClient Reader(WebApplicationFactory<Program> site, string address)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(5, Token);
        }
    }

    /// <summary>The answer to a search that must be refused; fails, rather than waits, when it runs instead.</summary>
    private static async Task<HttpResponseMessage> RefusedAsync(Task<HttpResponseMessage> request, HeldSearches searches, int runningBefore)
    {
        await UntilAsync(() => request.IsCompleted || searches.Running.Count > runningBefore);
        Assert.True(request.IsCompleted, "The search ran instead of being refused.");
        return await request;
    }

    [Fact]
    public async Task SearchesAtOnce_AreLimitedPerAddressWith429_AndSiteWideWith503AfterAShortQueue()
    {
        await using var settings = Settings(perAddress: 2, siteWide: 3, queue: 1);
        var searches = new HeldSearches();
        await using var site = Site(settings, searches);
        using var anna = Reader(site, "10.0.0.1");
        using var bernd = Reader(site, "10.0.0.2");
        using var clara = Reader(site, "10.0.0.3");
        var limiter = site.Services.GetRequiredService<SiteWideSearchLimiter>();

        var annas = new[] { anna.GetAsync("/suche?q=eins", Token), anna.GetAsync("/suche?q=zwei", Token) };
        await UntilAsync(() => searches.Running.Count == 2);
        using var annasThird = await RefusedAsync(anna.GetAsync("/suche?q=drei", Token), searches, runningBefore: 2);

        var berndsFirst = bernd.GetAsync("/suche?q=vier", Token);
        await UntilAsync(() => searches.Running.Count == 3);
        var berndsQueued = bernd.GetAsync("/suche?q=fuenf", Token);
        await UntilAsync(() => limiter.GetStatistics()!.CurrentQueuedCount == 1);
        using var clarasFirst = await RefusedAsync(clara.GetAsync("/suche?q=sechs", Token), searches, runningBefore: 3);

        // Anna is over her own limit; Clara has none running, but the site is full and its queue too.
        Assert.Equal(HttpStatusCode.TooManyRequests, annasThird.StatusCode);
        Assert.Equal("1", annasThird.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Zu viele Anfragen", await annasThird.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, clarasFirst.StatusCode);
        Assert.Equal("1", clarasFirst.Headers.GetValues("Retry-After").Single());
        Assert.Contains("ausgelastet", await clarasFirst.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(3, searches.Running.Count);

        searches.Release();
        foreach (var response in await Task.WhenAll([.. annas, berndsFirst, berndsQueued]))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        using var later = await clara.GetAsync("/suche?q=sieben", Token);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task ASearch_WhoseReaderLeaves_IsCancelled()
    {
        await using var settings = Settings(perAddress: 2, siteWide: 2, queue: 0);
        var searches = new HeldSearches();
        await using var site = Site(settings, searches);
        using var reader = Reader(site, "10.0.0.9");
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var request = reader.GetAsync("/suche?q=weg", leaving.Token);
        await UntilAsync(() => !searches.Running.IsEmpty);
        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        searches.Running.TryPeek(out var given);
        await UntilAsync(() => given.IsCancellationRequested);

        // Its places are free again: two more searches run at once.
        var next = new[] { reader.GetAsync("/suche?q=eins", Token), reader.GetAsync("/suche?q=zwei", Token) };
        await UntilAsync(() => searches.Running.Count == 3);
        searches.Release();
        Assert.All(await Task.WhenAll(next), response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
    }

    [Theory]
    [InlineData(nameof(NewsSiteOptions.SearchesAtOncePerAddress), 0, "NewsSite:SearchesAtOncePerAddress muss zwischen 1 und 1.000 liegen.")]
    [InlineData(nameof(NewsSiteOptions.SearchesAtOnce), 0, "NewsSite:SearchesAtOnce muss zwischen 1 und 1.000 liegen.")]
    [InlineData(nameof(NewsSiteOptions.SearchQueueLength), -1, "NewsSite:SearchQueueLength muss zwischen 0 und 10.000 liegen.")]
    public void OutOfRangeLimits_AreRefusedInGerman(string setting, int value, string message)
    {
        var options = new NewsSiteOptions { BaseUrl = "https://nachrichten.example" };
        typeof(NewsSiteOptions).GetProperty(setting)!.SetValue(options, value);
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal(message, Assert.Single(results).ErrorMessage);
    }
}
