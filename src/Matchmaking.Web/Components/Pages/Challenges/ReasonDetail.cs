using System.Globalization;
using System.Text.RegularExpressions;
using Matchmaking.Application.Organizations;

namespace Matchmaking.Web.Components.Pages.Challenges;

/// <summary>
/// A match reason's detail in the reader's language. The matching library explains its scores in Chinese (the
/// exchange format's <c>reasons</c>); the parts it adds itself — "（见于介绍）", "同市（…）", "专利《…》" — are a small
/// fixed set, put into English here for English readers, and a region code reads as the region's name. Skill names,
/// discipline codes and titles stay as the data has them.
/// </summary>
public static partial class ReasonDetail
{
    private static readonly (string Zh, string En)[] Fixed =
    [
        ("内容与最匹配的候选相近", "close to the best-matching candidates"),
        ("（见于介绍）", " (in the description)"),
        ("（推断，同一级学科）", " (inferred, same first-level discipline)"),
        ("（同一级学科）", " (same first-level discipline)"),
    ];

    private static readonly Dictionary<string, string> Achievements = new()
    {
        ["专利"] = "patent", ["论文"] = "paper", ["项目"] = "project", ["奖励"] = "award",
        ["标准"] = "standard", ["软著"] = "software copyright", ["产品"] = "product",
    };

    [GeneratedRegex(@"（推断，(\d+)%）")] private static partial Regex Inferred();
    [GeneratedRegex(@"^同(市|省)（(.*)）$")] private static partial Regex SameRegion();
    [GeneratedRegex(@"(专利|论文|项目|奖励|标准|软著|产品)《(.*)》")] private static partial Regex Achievement();

    public static string In(string detail, CultureInfo culture)
    {
        var english = culture.TwoLetterISOLanguageName == "en";
        // The region reason names a division code; readers get its name where the portal knows it.
        detail = SameRegion().Replace(detail, m =>
        {
            var place = Regions.NameOf(m.Groups[2].Value) ?? m.Groups[2].Value;
            return english ? (m.Groups[1].Value == "市" ? "same city" : "same province") + $" ({place})" : $"同{m.Groups[1].Value}（{place}）";
        });
        if (!english) return detail;
        foreach (var (zh, en) in Fixed) detail = detail.Replace(zh, en, StringComparison.Ordinal);
        detail = Inferred().Replace(detail, " (inferred, $1%)");
        return Achievement().Replace(detail, m => $"{Achievements[m.Groups[1].Value]} “{m.Groups[2].Value}”");
    }
}
