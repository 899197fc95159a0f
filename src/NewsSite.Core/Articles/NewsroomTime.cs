namespace NewsSite.Core.Articles;

/// <summary>The newsroom's clock: dates without a zone are Berlin time, and pages show Berlin time.</summary>
public static class NewsroomTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Midnight in Berlin at the start of <paramref name="day"/> (never in a daylight-saving gap there).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
