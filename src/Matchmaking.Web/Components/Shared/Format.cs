namespace Matchmaking.Web.Components.Shared;

using DateTime = System.DateTime;

public static class Format
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.CreateCustomTimeZone("CST+8", TimeSpan.FromHours(8), "China Standard Time", "CST");

    /// <summary>Deadlines are shown and entered in Beijing time (UTC+8), whatever the server's zone.</summary>
    public static DateTime ToBeijing(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Beijing);

    public static DateTime FromBeijing(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Beijing);

    /// <summary>A deadline chosen as a date means the end of that day in Beijing.</summary>
    public static DateTime EndOfBeijingDayUtc(DateTime date) => FromBeijing(date.Date.AddDays(1).AddSeconds(-1));

    public static string Date(DateTime utc) => ToBeijing(utc).ToString("yyyy-MM-dd");
    public static string DateAndTime(DateTime utc) => ToBeijing(utc).ToString("yyyy-MM-dd HH:mm");
    public static string Wan(decimal wan) => wan.ToString("#,0.##");
}
