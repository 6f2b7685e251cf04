using Matchmaking.Application.Attachments;
using Matchmaking.Application.Auditing;
using Matchmaking.Application.Awards;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Delivery;

public sealed record DeliveryTeam(Bid Bid, IReadOnlyList<Milestone> Milestones, bool IsStopped, bool CanSubmit);

/// <summary>The milestone board of an awarded challenge as one actor may see it.</summary>
/// <param name="Evidence">Evidence files by milestone id (uploaded by the team, or by the poster when deciding).</param>
public sealed record DeliveryBoard(Challenge Challenge, Award? Award, IReadOnlyList<DeliveryTeam> Teams, bool CanManage, bool IsComplete,
    IReadOnlyDictionary<int, IReadOnlyList<Attachment>> Evidence)
{
    public IReadOnlyList<Attachment> EvidenceOf(int milestoneId) => Evidence.GetValueOrDefault(milestoneId) ?? [];

    /// <summary>Milestones can be planned and handed in only once the award is final (after the 公示).</summary>
    public bool IsOpen => Award?.Status == AwardStatus.Final && Challenge.Status == ChallengeStatus.Awarded;
}

/// <summary>Use cases of delivery (验收): milestones per appointed team, accepted or returned one by one; the
/// challenge is Completed when the remaining teams' milestones are all accepted.</summary>
public sealed class DeliveryService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, AwardOptions options, IChangeFeed? changes = null)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The board, or null when the actor is not the poster, an admin or an appointed team.</summary>
    public async Task<DeliveryBoard?> GetBoardAsync(Actor actor, int challengeId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Challenges.AsNoTracking().Include(x => x.PosterOrganization).FirstOrDefaultAsync(x => x.Id == challengeId, ct);
        if (c is null) return null;
        var award = await db.Awards.AsNoTracking().Where(a => a.ChallengeId == challengeId && a.Status != AwardStatus.Revoked).FirstOrDefaultAsync(ct);
        if (award is null) return null;
        var winners = await db.Bids.AsNoTracking().Include(b => b.Profile).Include(b => b.Organization)
            .Where(b => award.WinnerBidIds.Contains(b.Id)).OrderBy(b => b.Id).ToListAsync(ct);
        if (!Permissions.CanSeeDelivery(actor, c, winners)) return null;
        var manage = Permissions.CanManageMilestones(actor, c);
        var milestones = await db.Milestones.AsNoTracking().Where(m => m.ChallengeId == challengeId).OrderBy(m => m.Sequence).ToListAsync(ct);
        var teams = winners.Where(w => manage || Permissions.IsBidAuthor(actor, w)).Select(w =>
        {
            var mine = milestones.Where(m => m.BidId == w.Id).ToList();
            return new DeliveryTeam(w, mine, DeliveryRules.IsStopped(mine), Permissions.CanSubmitMilestone(actor, w));
        }).ToList();
        var shown = teams.SelectMany(t => t.Milestones).Select(m => m.Id).ToList();
        var evidence = await db.Attachments.AsNoTracking()
            .Where(a => a.OwnerKind == AttachmentOwnerKind.MilestoneEvidence && a.ChallengeId == challengeId && shown.Contains(a.OwnerId))
            .OrderBy(a => a.Id).ToListAsync(ct);
        return new DeliveryBoard(c, award, teams, manage, DeliveryRules.IsComplete(milestones, award.WinnerBidIds),
            evidence.GroupBy(a => a.OwnerId).ToDictionary(g => g.Key, g => (IReadOnlyList<Attachment>)g.ToList()));
    }

    /// <summary>Adds milestones to an appointed team's plan (numbered after its existing ones).</summary>
    public async Task PlanAsync(Actor actor, int bidId, IReadOnlyList<PlannedMilestone> items, CancellationToken ct = default)
    {
        if (items.Count == 0) throw new DomainException("empty_plan", L("请至少添加一个里程碑", "Add at least one milestone"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (c, award, bid) = await LoadTeamAsync(db, bidId, ct);
        if (!Permissions.CanManageMilestones(actor, c)) throw new AccessDeniedException();
        EnsureOpen(c, award);
        var existing = await db.Milestones.Where(m => m.BidId == bidId).ToListAsync(ct);
        if (DeliveryRules.IsStopped(existing)) throw new DomainException("already_stopped", L("该团队已被终止", "This team has already been stopped"));
        var next = existing.Count == 0 ? 1 : existing.Max(m => m.Sequence) + 1;
        var name = await db.ActorNameAsync(actor, ct);
        foreach (var item in items)
        {
            var m = new Milestone(c.Id, bidId, next++, item.Title, item.DueUtc, actor.UserId!, Now);
            db.Milestones.Add(m);
        }
        db.Record(actor, name, nameof(Bid), bidId, "plan_milestones", Now,
            reason: string.Join("；", items.Select(i => $"{i.Title} ({i.DueUtc:yyyy-MM-dd})")));
        await db.SaveChangesAsync(ct);
    }

    public Task ReplanAsync(Actor actor, int milestoneId, string title, DateTime dueUtc, long expectedVersion, CancellationToken ct = default) =>
        PosterStepAsync(actor, milestoneId, expectedVersion, "replan", (m, _, _) => m.Replan(title, dueUtc, Now), null, ct);

    /// <summary>The team hands in a milestone with its evidence note (files are added beforehand, see
    /// <see cref="AttachmentService.AddMilestoneEvidenceAsync"/>).</summary>
    public async Task SubmitAsync(Actor actor, int milestoneId, string evidenceNote, long expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.Milestones.FirstOrDefaultAsync(x => x.Id == milestoneId, ct) ?? throw new NotFoundException(L($"里程碑 #{milestoneId}", $"milestone #{milestoneId}"));
        var (c, award, bid) = await LoadTeamAsync(db, m.BidId, ct);
        if (!Permissions.CanSubmitMilestone(actor, bid)) throw new AccessDeniedException();
        EnsureOpen(c, award);
        db.Entry(m).Property(x => x.Version).OriginalValue = expectedVersion;
        var from = m.Status;
        m.Submit(evidenceNote, Now);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Milestone), m.Id, "submit", Now, from, m.Status, m.EvidenceNote);
        db.Notify(await Recipients.PosterOrganizationAsync(db, c.PosterOrganizationId, ct), NotificationKind.MilestoneSubmitted,
            $"里程碑待验收：{m.Title}", $"{bid.Profile?.Name ?? "揭榜团队"}已提交里程碑成果，请验收。", $"/challenges/{c.Id}/delivery", c.Id, Now);
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>验收通过. Completes the challenge when this was the last open milestone of the remaining teams.</summary>
    public Task AcceptAsync(Actor actor, int milestoneId, string? comment, long expectedVersion, CancellationToken ct = default) =>
        PosterStepAsync(actor, milestoneId, expectedVersion, "accept", (m, _, _) => m.Accept(comment, actor.UserId!, Now),
            (db, m, c, bid) => db.Notify(Recipients.Team(bid), NotificationKind.MilestoneAccepted, $"里程碑已验收：{m.Title}",
                string.IsNullOrEmpty(m.DecisionComment) ? "发榜方已验收通过该里程碑。" : $"验收意见：{m.DecisionComment}", $"/challenges/{c.Id}/delivery", c.Id, Now), ct);

    /// <summary>退回 with a comment; the team may hand it in again.</summary>
    public Task ReturnAsync(Actor actor, int milestoneId, string comment, long expectedVersion, CancellationToken ct = default) =>
        PosterStepAsync(actor, milestoneId, expectedVersion, "return", (m, _, _) => m.Return(comment, actor.UserId!, Now),
            (db, m, c, bid) => db.Notify(Recipients.Team(bid), NotificationKind.MilestoneReturned, $"里程碑被退回：{m.Title}",
                $"退回意见：{m.DecisionComment}", $"/challenges/{c.Id}/delivery", c.Id, Now), ct);

    /// <summary>赛马: stops a team at this milestone gate (its later milestones are cancelled).</summary>
    public Task StopTeamAsync(Actor actor, int milestoneId, string reason, long expectedVersion, CancellationToken ct = default) =>
        PosterStepAsync(actor, milestoneId, expectedVersion, "stop",
            (m, all, award) => DeliveryRules.StopTeam(award.Mode, m, all, award.WinnerBidIds, reason, actor.UserId!, Now),
            (db, m, c, bid) => db.Notify(Recipients.Team(bid), NotificationKind.MilestoneReturned, $"赛马终止：{c.Title}",
                $"发榜方在里程碑“{m.Title}”节点终止了贵团队的攻关任务。原因：{m.DecisionComment}", $"/challenges/{c.Id}/delivery", c.Id, Now), ct);

    /// <summary>Reminds teams of milestones due within the configured days, once per milestone. Run by a timer.</summary>
    public async Task<int> RemindDueAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var horizon = now.AddDays(options.MilestoneReminderDays);
        var candidates = await db.Milestones
            .Where(m => m.DueReminderSentAtUtc == null && (m.Status == MilestoneStatus.Planned || m.Status == MilestoneStatus.Returned)
                        && m.DueUtc > now && m.DueUtc <= horizon)
            .ToListAsync(ct);
        foreach (var m in candidates.Where(m => m.NeedsDueReminder(now, options.MilestoneReminderDays)))
        {
            var bid = await db.Bids.FirstAsync(b => b.Id == m.BidId, ct);
            db.Notify(Recipients.Team(bid), NotificationKind.MilestoneDue, $"里程碑即将到期：{m.Title}",
                $"该里程碑将于 {m.DueUtc:yyyy-MM-dd} 到期，请按时提交成果。", $"/challenges/{m.ChallengeId}/delivery", m.ChallengeId, now);
            m.MarkDueReminderSent(now);
        }
        await db.SaveChangesAsync(ct);
        return candidates.Count;
    }

    private async Task PosterStepAsync(Actor actor, int milestoneId, long expectedVersion, string action,
        Action<Milestone, IReadOnlyList<Milestone>, Award> step, Action<AppDbContext, Milestone, Challenge, Bid>? notify, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.Milestones.FirstOrDefaultAsync(x => x.Id == milestoneId, ct) ?? throw new NotFoundException(L($"里程碑 #{milestoneId}", $"milestone #{milestoneId}"));
        var (c, award, bid) = await LoadTeamAsync(db, m.BidId, ct);
        if (!Permissions.CanManageMilestones(actor, c)) throw new AccessDeniedException();
        EnsureOpen(c, award);
        db.Entry(m).Property(x => x.Version).OriginalValue = expectedVersion;
        var all = await db.Milestones.Where(x => x.ChallengeId == c.Id).ToListAsync(ct);
        var before = all.ToDictionary(x => x.Id, x => x.Status);
        step(m, all, award);
        var name = await db.ActorNameAsync(actor, ct);
        foreach (var changed in all.Where(x => x.Status != before[x.Id]))
            db.Record(actor, name, nameof(Milestone), changed.Id, changed.Id == m.Id ? action : "cancel_after_stop", Now,
                before[changed.Id], changed.Status, changed.Id == m.Id ? m.DecisionComment : null);
        notify?.Invoke(db, m, c, bid);
        if (DeliveryRules.IsComplete(all, award.WinnerBidIds))
        {
            c.Complete(Now);
            db.Record(actor, name, nameof(Challenge), c.Id, "complete", Now, ChallengeStatus.Awarded, c.Status, "全部里程碑验收通过");
            // The teams that delivered (a team stopped at a gate was told then).
            var delivered = award.WinnerBidIds.Where(id => !DeliveryRules.IsStopped(all.Where(x => x.BidId == id))).ToList();
            var winners = await db.Bids.Where(b => delivered.Contains(b.Id)).ToListAsync(ct);
            db.Notify((await Recipients.PosterOrganizationAsync(db, c.PosterOrganizationId, ct)).Concat(winners.SelectMany(Recipients.Team)),
                NotificationKind.ChallengeCompleted, $"榜单已验收：{c.Title}", "全部里程碑验收通过，榜单攻关任务完成。", $"/challenges/{c.Id}", c.Id, Now);
        }
        await db.SaveOrConflictAsync(ct);
        if (c.Status == ChallengeStatus.Completed) changes?.ChallengeChanged(c.Id);
    }

    private static async Task<(Challenge, Award, Bid)> LoadTeamAsync(AppDbContext db, int bidId, CancellationToken ct)
    {
        var bid = await db.Bids.Include(b => b.Profile).FirstOrDefaultAsync(b => b.Id == bidId, ct) ?? throw new NotFoundException(L($"揭榜申请 #{bidId}", $"bid #{bidId}"));
        var c = await db.Challenges.FirstAsync(x => x.Id == bid.ChallengeId, ct);
        var award = await db.Awards.FirstOrDefaultAsync(a => a.ChallengeId == c.Id && a.Status != AwardStatus.Revoked, ct)
            ?? throw new DomainException("no_award", L("该榜单尚未作出挂帅决定", "No award decision has been made for this challenge yet"));
        if (!award.WinnerBidIds.Contains(bidId)) throw new DomainException("not_winner", L("该申请不是挂帅团队", "This bid is not an awarded team"));
        return (c, award, bid);
    }

    private static void EnsureOpen(Challenge c, Award award)
    {
        if (award.Status != AwardStatus.Final) throw new DomainException("publicity_pending", L("公示期结束、挂帅生效后才能安排和验收里程碑", "Milestones can be planned and accepted only once the publicity period is over and the award is final"));
        if (c.Status != ChallengeStatus.Awarded) throw new DomainException("not_in_delivery", L("该榜单不在攻关验收阶段", "This challenge is not in the delivery and acceptance stage"));
    }
}
