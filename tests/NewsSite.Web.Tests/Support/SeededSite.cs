namespace NewsSite.Web.Tests.Support;

/// <summary>One app over the repository's content/, shared by the read-only tests of a class.</summary>
public sealed class SeededSite : NewsSiteFactory
{
    public const string SeedSlug = "kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab";
    public const string LonerSlug = "seltener-kaefer-im-schwarzwald-nachgewiesen";

    /// <summary>The sample article with a correction (front matter corrections:).</summary>
    public const string CorrectedSlug = "warnstreiks-legen-nahverkehr-in-vielen-staedten-lahm";
}
