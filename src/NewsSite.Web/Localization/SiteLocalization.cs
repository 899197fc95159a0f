using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Localization;

public static class SiteLocalization
{
    /// <summary>Resource-file texts for the reader pages, in the one culture the site is configured for.</summary>
    public static WebApplicationBuilder AddNewsSiteLocalization(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<SiteText>();

        // A news site speaks one language to everyone: no Accept-Language, cookie or query may switch it, so that a
        // cached page is the same for every reader.
        builder.Services.AddOptions<RequestLocalizationOptions>().Configure<IOptions<NewsSiteOptions>>((localization, site) =>
        {
            var culture = CultureInfo.GetCultureInfo(ValidCultureOrDefault(site));
            localization.DefaultRequestCulture = new RequestCulture(culture);
            localization.SupportedCultures = [culture];
            localization.SupportedUICultures = [culture];
            localization.RequestCultureProviders.Clear();
        });
        return builder;
    }

    /// <summary>Sets the configured culture on every request, before anything renders.</summary>
    public static WebApplication UseSiteCulture(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestLocalization();
        return app;
    }

    // Invalid options stop the start right after the build (HasValidOptions) with a German message; until then the
    // default keeps this configuration step from throwing first with a less helpful one.
    private static string ValidCultureOrDefault(IOptions<NewsSiteOptions> site)
    {
        try
        {
            return site.Value.Culture;
        }
        catch (OptionsValidationException)
        {
            return new NewsSiteOptions().Culture;
        }
    }
}
