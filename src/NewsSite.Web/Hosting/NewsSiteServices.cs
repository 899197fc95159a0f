using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.SitePages;
using NewsSite.Web.SitePages;
using NewsSite.Web.Storage;
using NewsSite.Core.Editing;
using NewsSite.Core.Export;
using NewsSite.Core.Images;
using NewsSite.Core.Import;
using NewsSite.Core.Markdown;
using NewsSite.Web.Addresses;
using NewsSite.Web.Caching;
using NewsSite.Web.Health;
using NewsSite.Web.Images;
using Serilog;
using Serilog.Events;

namespace NewsSite.Web.Hosting;

public static class NewsSiteServices
{
    /// <summary>Options, the database and the article pipeline. All of it is stateless and safe to share.</summary>
    public static WebApplicationBuilder AddNewsSite(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<NewsSiteOptions>()
            .BindConfiguration(NewsSiteOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // German pages: write "ä" as "ä", not "&#xE4;". Escaping of <, >, & and quotes is unaffected.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => SitePaths.From(
            sp.GetRequiredService<IOptions<NewsSiteOptions>>(), sp.GetRequiredService<IHostEnvironment>()));
        builder.Services.AddSiteStorage();
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<ArticleParser>();
        builder.Services.AddSingleton<AuthorProfileParser>();
        builder.Services.AddSingleton<SitePageParser>();
        builder.Services.AddSingleton<SitePageFiles>();
        builder.Services.AddSingleton<SitePageDirectory>();
        builder.Services.AddSingleton<SiteUrls>();
        builder.Services.AddSingleton<ContentValidators>();
        builder.Services.AddSingleton<Caching.ConditionalPageFilter>();
        // One size limit for every way in and out of the site (docs/editing.md, "Limits and settings").
        builder.Services.AddSingleton(sp => new ArticleFileLimit(sp.GetRequiredService<IOptions<NewsSiteOptions>>().Value.MaxMarkdownFileBytes));
        builder.Services.AddSingleton(sp =>
        {
            var site = sp.GetRequiredService<IOptions<NewsSiteOptions>>().Value;
            return new UploadLimits(sp.GetRequiredService<ArticleFileLimit>(), site.MaxFilesPerUpload, site.MaxUploadBytes);
        });
        builder.Services.AddSingleton<ArticleImporter>();
        builder.Services.AddSingleton<ArticleDraft>();
        builder.Services.AddSingleton<ArticleBulkActions>();
        builder.Services.AddSingleton<Editing.AutosaveOffers>();
        builder.Services.AddSingleton<Pages.Admin.Articles.EditorChoices>();
        builder.Services.AddSingleton<ArticleUploader>();
        builder.Services.AddSingleton(sp =>
        {
            var site = sp.GetRequiredService<IOptions<NewsSiteOptions>>().Value;
            var storage = sp.GetRequiredService<SiteStorage>();
            return new ImageStore(ArticleImages.Folder(sp.GetRequiredService<SitePaths>()), site.MaxImageBytes, site.MaxImagePixels,
                storage.Pictures, storage.PictureFiles);
        });
        builder.Services.AddSingleton(sp => new PictureVariants(
            sp.GetRequiredService<ImageStore>(), ArticleImages.VariantsFolder(sp.GetRequiredService<SitePaths>())));

        // One limit for request bodies, read from the options, for Kestrel and for multipart forms alike.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<NewsSiteOptions>>((kestrel, site) =>
            kestrel.Limits.MaxRequestBodySize = ValidOrNull(site)?.MaxRequestBytes ?? kestrel.Limits.MaxRequestBodySize);
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<NewsSiteOptions>>((form, site) =>
        {
            form.MultipartBodyLengthLimit = site.Value.MaxRequestBytes;

            // A pasted article longer than the framework's 4 MB per field should reach the parser, which says
            // "zu lang" in German, rather than fail while the form is read.
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, site.Value.MaxRequestBytes);
        });
        return builder;
    }

    /// <summary>
    /// Kestrel reads its options while the app is built, before <see cref="HasValidOptions"/> can report a bad setting
    /// in German; so here a bad setting leaves Kestrel's default and the check right after the build stops the app.
    /// </summary>
    private static NewsSiteOptions? ValidOrNull(IOptions<NewsSiteOptions> options)
    {
        try
        {
            return options.Value;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the options once, so that a bad setting stops the start with a clear message rather than a stack trace
    /// from deep inside the first request or command.
    /// </summary>
    public static bool HasValidOptions(this IServiceProvider services, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            _ = services.GetRequiredService<IOptions<NewsSiteOptions>>().Value;
            _ = services.GetRequiredService<IOptions<ConnectionStringOptions>>().Value;
            return true;
        }
        catch (OptionsValidationException e)
        {
            error.WriteLine("Die Konfiguration ist ungültig:");
            foreach (var failure in e.Failures)
            {
                error.WriteLine("  " + failure);
            }

            return false;
        }
    }

    /// <summary>
    /// Serilog from the "Serilog" configuration section. Configured through the service provider rather than a
    /// static bootstrap logger, so that several app instances in one test run each get their own pipeline.
    /// Commands (import) log only warnings: their report is the output.
    /// </summary>
    public static WebApplicationBuilder AddNewsSiteLogging(this WebApplicationBuilder builder, bool quiet)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (quiet)
        {
            builder.Configuration.AddInMemoryCollection([new("Serilog:MinimumLevel:Default", "Warning")]);
        }

        // preserveStaticLogger: this app's own logger behind ILogger<T>, not Serilog's static one, which is whichever
        // app in the process was built last (several run side by side in the tests; a framework error logged there
        // would land in another app's sinks).
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One event per request, carrying the request id that the German error page shows a visitor, so that a report
    /// ("Anfrage-ID 0HN…:00000002") leads straight to the failure and its exception. Health probes log only at
    /// Verbose: a probe every few seconds would drown everything else.
    /// </summary>
    public static WebApplication UseNewsSiteRequestLogging(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSerilogRequestLogging(options =>
        {
            // This app's own logger: left unset, the middleware writes to Serilog's static logger, which is whichever
            // app instance in the process was built last.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} antwortete {StatusCode} in {Elapsed:0.0} ms (Anfrage-ID {RequestId})";
            options.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set("RequestId", context.TraceIdentifier);

            // A preview link's token opens an unpublished article: the log names the route, never the token.
            options.GetMessageTemplateProperties = (context, path, elapsed, status) =>
            [
                new Serilog.Events.LogEventProperty("RequestMethod", new Serilog.Events.ScalarValue(context.Request.Method)),
                new Serilog.Events.LogEventProperty("RequestPath", new Serilog.Events.ScalarValue(Pages.Articles.PreviewModel.WithoutToken(path))),
                new Serilog.Events.LogEventProperty("StatusCode", new Serilog.Events.ScalarValue(status)),
                new Serilog.Events.LogEventProperty("Elapsed", new Serilog.Events.ScalarValue(elapsed)),
            ];
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                : HealthEndpoints.IsHealthPath(context.Request.Path) ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
        return app;
    }
}
