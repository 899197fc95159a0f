namespace NewsSite.Core.Articles;

/// <summary>The newsroom's clock: dates without a zone are Berlin time, and pages show Berlin time.</summary>
public static class NewsroomTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
}
