using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;

namespace Matchmaking.Application.Delivery;

/// <summary>The rules that span a challenge's milestones: stopping a team at a gate and when delivery is complete.</summary>
public static class DeliveryRules
{
    /// <summary>A team is stopped once any of its milestones was stopped at a gate.</summary>
    public static bool IsStopped(IEnumerable<Milestone> teamMilestones) => teamMilestones.Any(m => m.Status == MilestoneStatus.Stopped);

    /// <summary>赛马 only: stops the team at <paramref name="gate"/> and cancels its later milestones. At least one
    /// other appointed team must still be delivering, or the challenge could never be completed.</summary>
    public static void StopTeam(AwardMode mode, Milestone gate, IReadOnlyList<Milestone> allMilestones, IReadOnlyCollection<int> winnerBidIds,
        string reason, string byUserId, DateTime nowUtc)
    {
        if (mode != AwardMode.Parallel) throw new DomainException("not_parallel", L("只有赛马制榜单可以在里程碑节点终止团队", "Only a parallel-award challenge can stop a team at a milestone"));
        var team = allMilestones.Where(m => m.BidId == gate.BidId).ToList();
        if (IsStopped(team)) throw new DomainException("already_stopped", L("该团队已被终止", "This team has already been stopped"));
        var othersActive = winnerBidIds.Where(id => id != gate.BidId)
            .Count(id => !IsStopped(allMilestones.Where(m => m.BidId == id)));
        if (othersActive == 0) throw new DomainException("last_team", L("至少保留一个继续攻关的团队", "At least one team must carry on"));
        gate.Stop(reason, byUserId, nowUtc);
        foreach (var later in team.Where(m => m.Sequence > gate.Sequence)) later.CancelAfterStop(byUserId, nowUtc);
    }

    /// <summary>Delivery is accepted when every appointed team that was not stopped has milestones and all of them
    /// are accepted (and at least one such team exists).</summary>
    public static bool IsComplete(IReadOnlyList<Milestone> allMilestones, IReadOnlyCollection<int> winnerBidIds)
    {
        var remaining = winnerBidIds.Where(id => !IsStopped(allMilestones.Where(m => m.BidId == id))).ToList();
        return remaining.Count > 0 && remaining.All(id =>
        {
            var team = allMilestones.Where(m => m.BidId == id).ToList();
            return team.Count > 0 && team.All(m => m.Status == MilestoneStatus.Accepted);
        });
    }
}
