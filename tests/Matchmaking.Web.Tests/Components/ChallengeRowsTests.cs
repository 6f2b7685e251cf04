using System.Globalization;
using Bunit;
using Matchmaking.Application.Challenges;
using Matchmaking.Web.Components.Shared;

namespace Matchmaking.Web.Tests.Components;

/// <summary>The compact challenge list's bid count is a number and a word (no emoji), singular for one bid.</summary>
public class ChallengeRowsTests
{
    private static ChallengeSummary Row(int id, int bids) => new(id, "熔盐泵" + id, "河西新能源", 1, "新能源及装备", "储热",
        BottleneckType.Chokepoint, 800, new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), ChallengeStatus.Closed, ["熔盐泵"], bids);

    [Theory]
    [InlineData("en", "1 bid", "3 bids")]
    [InlineData("zh-CN", "1 份申请", "3 份申请")]
    public async Task BidCount_ReadsAsANumberAndAWord(string culture, string one, string three)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            await using var ctx = FormTestContext.Create();
            var cut = ctx.Render<ChallengeRows>(p => p.Add(x => x.Items, [Row(1, 1), Row(2, 3)]).Add(x => x.ShowBidCount, true));

            string Tail(int id) => string.Join(" ", cut.Find($"#row-challenge-{id}").TextContent.Split((char[])[' ', '\n', '\u00a0'], StringSplitOptions.RemoveEmptyEntries));
            Assert.EndsWith(one, Tail(1));
            Assert.EndsWith(three, Tail(2));
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }
}
