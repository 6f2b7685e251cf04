using Microsoft.Extensions.Localization;

namespace Matchmaking.Web.Localization;

public static class EnumText
{
    /// <summary>The localised label of an enum value: resource key "EnumType.Value"; flags are joined.</summary>
    public static string Of<T>(this IStringLocalizer<Text> l, T value) where T : struct, Enum
    {
        if (typeof(T).IsDefined(typeof(FlagsAttribute), false))
        {
            var parts = Enum.GetValues<T>().Where(v => Convert.ToInt64(v) != 0 && value.HasFlag(v) && IsSingleBit(v))
                .Select(v => l[$"{typeof(T).Name}.{v}"].Value);
            return string.Join("、", parts);
        }
        return l[$"{typeof(T).Name}.{value}"];
    }

    private static bool IsSingleBit<T>(T v) where T : struct, Enum
    {
        var n = Convert.ToInt64(v);
        return (n & (n - 1)) == 0;
    }
}
