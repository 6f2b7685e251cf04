using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Organizations;

namespace Matchmaking.Application.Tests.Domain;

internal static class TestData
{
    public static readonly DateTime Now = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    public static ChallengeContent Content(DateTime? deadline = null) => new()
    {
        Title = "超高温熔盐泵国产化",
        Background = "光热电站储热系统需要长期运行的高温熔盐泵。",
        PainPoint = "进口泵价格高、交期长，国产泵寿命不足。",
        Targets = ["耐温≥600℃", "连续运行≥8000小时"],
        ChainId = 1,
        ChainNodeId = 1,
        Bottleneck = BottleneckType.Chokepoint,
        Skills = ["熔盐泵"],
        FieldCodes = ["480"],
        BudgetWan = 800,
        BidDeadlineUtc = deadline ?? Now.AddDays(30),
        DeliveryMonths = 24,
        Eligible = EligibleBidders.University | EligibleBidders.ResearchInstitute,
    };

    public static BidContent Bid(decimal budget = 500) => new()
    {
        TechnicalApproach = "采用镍基高温合金叶轮与干气密封。",
        MilestonePlan = "第6个月样机，第18个月中试。",
        BudgetAskedWan = budget,
        TeamDescription = "高温材料团队12人。",
    };

    /// <summary>A valid 18-character code for the given 17-character prefix.</summary>
    public static string Code(string first17) => first17 + CreditCode.CheckCharacter(first17);
}
