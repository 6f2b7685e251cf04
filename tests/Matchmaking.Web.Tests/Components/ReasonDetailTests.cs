using System.Globalization;
using Matchmaking.Application.Matching;
using Matchmaking.Core.Matching;
using Matchmaking.Web.Components.Pages.Challenges;

namespace Matchmaking.Web.Tests.Components;

/// <summary>The matching library's reasons (Chinese, as in the exchange format) read in English: the library's own
/// words are translated, the data inside them (skills, codes, titles) is kept as it is.</summary>
public class ReasonDetailTests
{
    private static readonly CultureInfo En = new("en"), Zh = new("zh-CN");

    // One reason of each shape MatchScorer writes, as MatchingService hands them over (component + text).
    public static TheoryData<string, string[]> Reasons => new()
    {
        { "技能: 熔盐泵（见于介绍）", ["熔盐泵", "(in the description)"] },
        { "学科: 480（同一级学科）", ["480", "(same first-level discipline)"] },
        { "学科: 48010（推断，62%）", ["48010", "(inferred, 62%)"] },
        { "学科: 480（推断，同一级学科）", ["480", "(inferred, same first-level discipline)"] },
        { "成果: 2023 专利《一种高温熔盐泵》", ["2023 patent “一种高温熔盐泵”"] },
        { "成果: 论文《Molten salt pumps》", ["paper “Molten salt pumps”"] },
        { "地区: 同市（620102）", ["same city (620102)"] }, // a district the portal has no name for
        { "地区: 同省（620500）", ["same province (天水市)"] },
        { "文本: 内容与最匹配的候选相近", ["close to the best-matching candidates"] },
        { "文本: 熔盐泵, pump", ["熔盐泵, pump"] },
    };

    [Fact]
    public void Region_codes_read_as_names_in_both_languages()
    {
        Assert.Equal("同市（兰州市）", ReasonDetail.In("同市（620100）", Zh));
        Assert.Equal("same province (甘肃省)", ReasonDetail.In("同省（620000）", En));
        Assert.Equal("同市（620102）", ReasonDetail.In("同市（620102）", Zh));
    }

    [Theory]
    [MemberData(nameof(Reasons))]
    public void English_readers_get_the_librarys_words_in_English_and_the_data_as_it_is(string reason, string[] expectedParts)
    {
        var detail = new MatchReason(MatchComponent.Text, reason).Detail;

        var en = ReasonDetail.In(detail, En);

        if (!reason.StartsWith("地区", StringComparison.Ordinal)) Assert.Equal(detail, ReasonDetail.In(detail, Zh)); // Chinese readers get the library's words
        foreach (var part in expectedParts) Assert.Contains(part, en);
        // Whatever Chinese is left is data the reason quotes (a skill, a title), never the library's own words.
        foreach (var word in new[] { "见于", "同一级", "推断", "同市", "同省", "专利", "论文", "《", "相近" })
            Assert.DoesNotContain(word, en);
    }
}
