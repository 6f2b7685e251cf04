using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Delivery;
using static Matchmaking.Application.Tests.AwardFlow.AwardFlowData;

namespace Matchmaking.Application.Tests.AwardFlow;

public class MilestoneRulesTests
{
    private static readonly DateTime Start = AfterDeadline.AddDays(10);

    private static Milestone M(int id, int bidId, int seq) =>
        new Milestone(1, bidId, seq, $"M{seq}", Start.AddMonths(seq * 3), "poster", Start).WithId(id);

    [Fact]
    public void Submit_Return_Resubmit_Accept()
    {
        var m = M(1, 10, 1);
        m.Submit("样机检测报告（第三方）", Start.AddDays(30));
        m.Return("寿命试验时长不足8000小时", "poster", Start.AddDays(32));
        Assert.Equal((MilestoneStatus.Returned, 1), (m.Status, m.ReturnCount));
        m.Submit("补充寿命试验数据", Start.AddDays(60));
        m.Accept("符合考核指标", "poster", Start.AddDays(61));
        Assert.Equal(MilestoneStatus.Accepted, m.Status);
        Assert.Equal("符合考核指标", m.DecisionComment);
    }

    [Fact]
    public void Accept_BeforeSubmission_IsRefused_AndAcceptedIsFinal()
    {
        var m = M(1, 10, 1);
        Assert.Equal("invalid_transition", Assert.Throws<DomainException>(() => m.Accept(null, "poster", Start)).Code);
        m.Submit("成果", Start.AddDays(1));
        m.Accept(null, "poster", Start.AddDays(2));
        Assert.Throws<DomainException>(() => m.Return("再退回", "poster", Start.AddDays(3)));
        Assert.Throws<DomainException>(() => m.Submit("再提交", Start.AddDays(3)));
    }

    [Fact]
    public void Return_NeedsAComment_SubmitNeedsEvidence()
    {
        var m = M(1, 10, 1);
        Assert.Throws<DomainException>(() => m.Submit("  ", Start));
        m.Submit("成果", Start);
        Assert.Throws<DomainException>(() => m.Return(" ", "poster", Start));
    }

    [Fact]
    public void DueDate_InThePast_IsRefused_AndReplanOnlyWhilePlanned()
    {
        Assert.Throws<DomainException>(() => new Milestone(1, 10, 1, "M1", Start.AddDays(-1), "poster", Start));
        var m = M(1, 10, 1);
        m.Replan("M1 样机", Start.AddMonths(4), Start);
        m.Submit("成果", Start.AddDays(1));
        Assert.Throws<DomainException>(() => m.Replan("改", Start.AddMonths(5), Start.AddDays(2)));
    }

    [Fact]
    public void StopTeam_UnderParallel_StopsAtTheGate_AndCancelsItsLaterMilestones()
    {
        var all = new List<Milestone> { M(1, 10, 1), M(2, 10, 2), M(3, 11, 1), M(4, 11, 2) };
        all[0].Submit("样机性能未达标", Start.AddDays(20));
        DeliveryRules.StopTeam(AwardMode.Parallel, all[0], all, [10, 11], "关键指标差距大，终止赛马", "poster", Start.AddDays(21));
        Assert.Equal(MilestoneStatus.Stopped, all[0].Status);
        Assert.Equal(MilestoneStatus.Cancelled, all[1].Status);
        Assert.Equal(MilestoneStatus.Planned, all[2].Status); // the other team is untouched
        Assert.True(DeliveryRules.IsStopped(all.Where(m => m.BidId == 10)));
    }

    [Fact]
    public void StopTeam_UnderSingle_OrTheLastTeam_IsRefused()
    {
        var single = new List<Milestone> { M(1, 10, 1) };
        Assert.Equal("not_parallel", Assert.Throws<DomainException>(() =>
            DeliveryRules.StopTeam(AwardMode.Single, single[0], single, [10], "终止", "poster", Start)).Code);

        var all = new List<Milestone> { M(1, 10, 1), M(2, 11, 1) };
        DeliveryRules.StopTeam(AwardMode.Parallel, all[0], all, [10, 11], "终止", "poster", Start);
        Assert.Equal("last_team", Assert.Throws<DomainException>(() =>
            DeliveryRules.StopTeam(AwardMode.Parallel, all[1], all, [10, 11], "终止", "poster", Start)).Code);
    }

    [Fact]
    public void Complete_WhenEveryRemainingTeamHasAllMilestonesAccepted()
    {
        var all = new List<Milestone> { M(1, 10, 1), M(2, 11, 1), M(3, 11, 2) };
        Assert.False(DeliveryRules.IsComplete(all, [10, 11]));
        all[0].Submit("不达标", Start);
        DeliveryRules.StopTeam(AwardMode.Parallel, all[0], all, [10, 11], "终止", "poster", Start);
        all[1].Submit("成果1", Start);
        all[1].Accept(null, "poster", Start);
        Assert.False(DeliveryRules.IsComplete(all, [10, 11])); // M2 of team 11 is still open
        all[2].Submit("成果2", Start);
        all[2].Accept(null, "poster", Start);
        Assert.True(DeliveryRules.IsComplete(all, [10, 11]));
    }

    [Fact]
    public void Complete_IsFalse_ForATeamWithoutMilestones()
    {
        var all = new List<Milestone> { M(1, 10, 1) };
        all[0].Submit("成果", Start);
        all[0].Accept(null, "poster", Start);
        Assert.False(DeliveryRules.IsComplete(all, [10, 11])); // team 11 has no plan yet
        Assert.True(DeliveryRules.IsComplete(all, [10]));
    }

    [Fact]
    public void DueReminder_OnceWithinTheWindow()
    {
        var m = M(1, 10, 1); // due Start + 3 months
        Assert.False(m.NeedsDueReminder(Start, 3));
        var threeDaysBefore = m.DueUtc.AddDays(-2);
        Assert.True(m.NeedsDueReminder(threeDaysBefore, 3));
        m.MarkDueReminderSent(threeDaysBefore);
        Assert.False(m.NeedsDueReminder(threeDaysBefore.AddDays(1), 3));
    }

    [Fact]
    public void Plan_IsSuggestedFromTheBidsMilestoneLines()
    {
        var plan = "M1（第1–6个月）：完成方案细化；\nM2（第7–16个月）：完成样机。\nM3（第17–24个月）：完成中试。";
        var suggested = MilestonePlan.Suggest(plan, Start, 24);
        Assert.Equal(3, suggested.Count);
        Assert.Equal([Start.AddMonths(6), Start.AddMonths(16), Start.AddMonths(24)], suggested.Select(s => s.DueUtc));
        Assert.StartsWith("M2", suggested[1].Title);
        var free = MilestonePlan.Suggest("样机\n中试", Start, 12);
        Assert.Equal([Start.AddMonths(6), Start.AddMonths(12)], free.Select(s => s.DueUtc));
    }
}
