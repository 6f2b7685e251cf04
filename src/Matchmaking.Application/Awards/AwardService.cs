using Matchmaking.Application.Auditing;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Awards;

public sealed record AwardWinner(int BidId, string TeamName, string OrganizationName, decimal BudgetAskedWan);

/// <summary>A 公示 notice as one actor may see it: public facts for everyone; the objections an actor may read
/// (admins all, a signed-in user their own).</summary>
public sealed record PublicityNotice(
    Award Award, string ChallengeTitle, string PosterName, decimal BudgetWan, IReadOnlyList<AwardWinner> Winners,
    int ObjectionCount, int OpenObjectionCount, IReadOnlyList<ObjectionView> VisibleObjections,
    bool CanLodge, bool CanAnswer);

public sealed record ObjectionView(Objection Objection, string? ByName);

public sealed record PublicitySummary(int AwardId, int ChallengeId, string ChallengeTitle, string PosterName, AwardMode Mode,
    AwardStatus Status, int WinnerCount, DateTime DecidedAtUtc, DateTime PublicityEndsAtUtc, int ObjectionCount);

/// <summary>Use cases of the award (挂帅), its publicity period (公示) and objections (异议).</summary>
public sealed class AwardService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, AwardOptions options, IChangeFeed? changes = null)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public AwardOptions Options => options;

    /// <summary>挂帅: appoints the winners, tells the others why not, and starts the 公示.</summary>
    public async Task<int> DecideAsync(Actor actor, int challengeId, IReadOnlyCollection<int> winnerBidIds,
        IReadOnlyDictionary<int, NotSelectedDecision> reasons, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Challenges.FirstOrDefaultAsync(x => x.Id == challengeId, ct) ?? throw new NotFoundException(L($"榜单 #{challengeId}", $"challenge #{challengeId}"));
        if (!Permissions.CanDecideAward(actor, c)) throw new AccessDeniedException();
        var bids = await db.Bids.Include(b => b.Profile).Where(b => b.ChallengeId == challengeId).ToListAsync(ct);
        var before = bids.ToDictionary(b => b.Id, b => b.Status);
        var fromChallenge = c.Status;
        var award = Award.Decide(c, bids, winnerBidIds, reasons, actor.UserId!, options.MaxParallelWinners, options.PublicityDays, Now);
        db.Awards.Add(award);

        var name = await db.ActorNameAsync(actor, ct);
        foreach (var b in bids.Where(b => b.Status != before[b.Id]))
            db.Record(actor, name, nameof(Bid), b.Id, b.Status == BidStatus.Selected ? "select" : "not_select", Now, before[b.Id], b.Status,
                b.NotSelectedReason is { } r ? ReasonText(r, b.NotSelectedNote) : null);
        db.Record(actor, name, nameof(Challenge), c.Id, "award", Now, fromChallenge, c.Status,
            $"进入公示，公示期{options.PublicityDays}天");

        var link = $"/challenges/{c.Id}";
        var winners = bids.Where(b => b.Status == BidStatus.Selected).ToList();
        var teamNames = string.Join("、", winners.Select(w => w.Profile?.Name ?? $"#{w.Id}"));
        db.Notify(winners.SelectMany(Recipients.Team), NotificationKind.Awarded, $"挂帅：{c.Title}",
            $"您的团队被选定为揭榜方（{(c.AwardMode == AwardMode.Parallel ? "赛马制" : "单一挂帅")}）。公示期至 {award.PublicityEndsAtUtc:yyyy-MM-dd}，期满无异议后生效。", link, c.Id, Now);
        foreach (var loser in bids.Where(b => b.Status == BidStatus.NotSelected && before[b.Id] != BidStatus.NotSelected))
            db.Notify(Recipients.Team(loser), NotificationKind.NotSelected, $"未入选：{c.Title}",
                $"感谢参与揭榜。未入选原因：{ReasonText(loser.NotSelectedReason!.Value, loser.NotSelectedNote)}", $"/bids/{loser.Id}", c.Id, Now);
        var publicity = (await Recipients.PosterOrganizationAsync(db, c.PosterOrganizationId, ct))
            .Concat(bids.Where(b => b.Status is BidStatus.Selected or BidStatus.NotSelected).SelectMany(Recipients.Team));
        db.Notify(publicity, NotificationKind.PublicityStarted, $"挂帅公示：{c.Title}",
            $"拟挂帅团队：{teamNames}。公示期至 {award.PublicityEndsAtUtc:yyyy-MM-dd}，期间可在线提出异议。", "/publicity", c.Id, Now);
        // Two simultaneous decisions both change the challenge: its Version makes the second one a conflict.
        await db.SaveOrConflictAsync(ct);
        changes?.ChallengeChanged(c.Id);
        return award.Id;
    }

    /// <summary>The standing (or latest) award of a challenge as a public notice; null when there is none.</summary>
    public async Task<PublicityNotice?> GetForChallengeAsync(Actor actor, int challengeId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Awards.Where(a => a.ChallengeId == challengeId).OrderByDescending(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        return id is null ? null : await NoticeAsync(db, actor, id.Value, ct);
    }

    public async Task<PublicityNotice?> GetAsync(Actor actor, int awardId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await NoticeAsync(db, actor, awardId, ct);
    }

    /// <summary>The 公示 board: notices in publicity first, then the most recent final ones.</summary>
    public async Task<IReadOnlyList<PublicitySummary>> ListAsync(bool includeFinal = true, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Awards.AsNoTracking().Where(a => a.Status == AwardStatus.Publicity || (includeFinal && a.Status == AwardStatus.Final));
        var rows = await q.OrderBy(a => a.Status).ThenByDescending(a => a.DecidedAtUtc).Take(50)
            .Select(a => new PublicitySummary(a.Id, a.ChallengeId, a.Challenge!.Title, a.Challenge.PosterOrganization!.Name, a.Mode, a.Status,
                a.WinnerBidIds.Count, a.DecidedAtUtc, a.PublicityEndsAtUtc, a.Objections.Count))
            .ToListAsync(ct);
        return rows;
    }

    public async Task<int> LodgeObjectionAsync(Actor actor, int awardId, string text, CancellationToken ct = default)
    {
        if (!Permissions.CanLodgeObjection(actor)) throw new AccessDeniedException(L("请先登录再提出异议", "Sign in to lodge an objection"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var award = await db.Awards.Include(a => a.Challenge).Include(a => a.Objections).FirstOrDefaultAsync(a => a.Id == awardId, ct)
            ?? throw new NotFoundException(L($"公示 #{awardId}", $"publicity notice #{awardId}"));
        var objection = award.Lodge(actor.UserId!, text, Now);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Award), award.Id, "object", Now, reason: objection.Text);
        db.Notify(await Recipients.AdminsAsync(db, ct), NotificationKind.ObjectionLodged, $"公示异议：{award.Challenge!.Title}",
            objection.Text, $"/publicity/{award.Id}", award.ChallengeId, Now);
        await db.SaveChangesAsync(ct);
        return objection.Id;
    }

    /// <summary>An admin answers an objection; upheld revokes the award. The award may become final right away
    /// if the window has ended and this was the last open objection.</summary>
    public async Task AnswerObjectionAsync(Actor actor, int objectionId, string answer, bool upheld, long? expectedVersion = null, CancellationToken ct = default)
    {
        if (!Permissions.CanAnswerObjection(actor)) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var objection = await db.Objections.FirstOrDefaultAsync(o => o.Id == objectionId, ct) ?? throw new NotFoundException(L($"异议 #{objectionId}", $"objection #{objectionId}"));
        if (expectedVersion is { } v) db.Entry(objection).Property(o => o.Version).OriginalValue = v;
        var award = await db.Awards.Include(a => a.Objections).FirstAsync(a => a.Id == objection.AwardId, ct);
        var c = await db.Challenges.FirstAsync(x => x.Id == award.ChallengeId, ct);
        var bids = await db.Bids.Where(b => b.ChallengeId == c.Id).ToListAsync(ct);
        var before = bids.ToDictionary(b => b.Id, b => b.Status);
        var fromChallenge = c.Status;
        award.Answer(objection, answer, upheld, actor.UserId!, c, bids, Now);
        var name = await db.ActorNameAsync(actor, ct);
        db.Record(actor, name, nameof(Award), award.Id, upheld ? "objection_upheld" : "objection_dismissed", Now, reason: objection.AnswerText);
        db.Notify([objection.ByUserId], NotificationKind.ObjectionAnswered, $"异议已答复：{c.Title}",
            $"{(upheld ? "异议成立，挂帅决定已撤销。" : "异议不成立。")}答复：{objection.AnswerText}", $"/publicity/{award.Id}", c.Id, Now);
        if (upheld)
        {
            foreach (var b in bids.Where(b => b.Status != before[b.Id]))
                db.Record(actor, name, nameof(Bid), b.Id, "reopen", Now, before[b.Id], b.Status, "挂帅决定因异议成立被撤销");
            db.Record(actor, name, nameof(Challenge), c.Id, "revoke_award", Now, fromChallenge, c.Status, objection.AnswerText);
            db.Notify((await Recipients.PosterOrganizationAsync(db, c.PosterOrganizationId, ct)).Concat(bids.SelectMany(Recipients.Team)),
                NotificationKind.AwardRevoked, $"挂帅决定已撤销：{c.Title}", $"公示期间的异议经核实成立：{objection.AnswerText}", $"/challenges/{c.Id}", c.Id, Now);
        }
        else if (award.FinalizeIfDue(Now))
        {
            RecordFinal(db, award, c, bids);
        }
        await db.SaveOrConflictAsync(ct);
        changes?.ChallengeChanged(c.Id);
    }

    /// <summary>Makes final every award whose 公示 has ended with all objections answered. Run by a timer.</summary>
    public async Task<int> FinalizeDueAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var due = await db.Awards.Include(a => a.Objections)
            .Where(a => a.Status == AwardStatus.Publicity && a.PublicityEndsAtUtc <= now).ToListAsync(ct);
        var count = 0;
        foreach (var award in due)
        {
            if (!award.FinalizeIfDue(now)) continue;
            var c = await db.Challenges.FirstAsync(x => x.Id == award.ChallengeId, ct);
            var bids = await db.Bids.Where(b => b.ChallengeId == c.Id).ToListAsync(ct);
            RecordFinal(db, award, c, bids);
            count++;
        }
        await db.SaveChangesAsync(ct);
        return count;
    }

    private void RecordFinal(AppDbContext db, Award award, Challenge c, IReadOnlyList<Bid> bids)
    {
        db.Record(Actor.System, "系统 (system)", nameof(Award), award.Id, "finalize", Now, AwardStatus.Publicity, award.Status, "公示期满，异议均已答复");
        var teams = bids.Where(b => award.WinnerBidIds.Contains(b.Id)).SelectMany(Recipients.Team);
        db.Notify(teams.Concat(db.Users.Where(u => u.OrganizationId == c.PosterOrganizationId).Select(u => u.Id).ToList()),
            NotificationKind.Awarded, $"挂帅生效：{c.Title}", "公示期满，挂帅决定生效。发榜方将据揭榜申请的里程碑计划安排验收节点。",
            $"/challenges/{c.Id}/delivery", c.Id, Now);
    }

    private async Task<PublicityNotice?> NoticeAsync(AppDbContext db, Actor actor, int awardId, CancellationToken ct)
    {
        var award = await db.Awards.AsNoTracking().Include(a => a.Objections).Include(a => a.Challenge!).ThenInclude(c => c.PosterOrganization)
            .FirstOrDefaultAsync(a => a.Id == awardId, ct);
        if (award is null) return null;
        var c = award.Challenge!;
        var winners = await db.Bids.AsNoTracking().Where(b => award.WinnerBidIds.Contains(b.Id))
            .Select(b => new AwardWinner(b.Id, b.Profile!.Name, b.Organization!.Name, b.BudgetAskedWan)).ToListAsync(ct);
        var visible = award.Objections.Where(o => actor.IsAdmin || (actor.UserId is not null && o.ByUserId == actor.UserId))
            .OrderBy(o => o.LodgedAtUtc).ToList();
        var byIds = visible.Select(o => o.ByUserId).ToList();
        var names = actor.IsAdmin
            ? await db.Users.AsNoTracking().Where(u => byIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => $"{u.DisplayName} <{u.Email}>", ct)
            : [];
        return new PublicityNotice(award, c.Title, c.PosterOrganization?.Name ?? "", c.BudgetWan, winners,
            award.Objections.Count, award.Objections.Count(o => o.IsOpen),
            visible.Select(o => new ObjectionView(o, names.GetValueOrDefault(o.ByUserId))).ToList(),
            CanLodge: Permissions.CanLodgeObjection(actor) && award.IsObjectionWindowOpen(Now),
            CanAnswer: Permissions.CanAnswerObjection(actor) && award.Status == AwardStatus.Publicity);
    }

    /// <summary>The reason as stored notifications and the audit log give it (Chinese, like all stored text); the bid
    /// page shows the same reason in the reader's language from AwardText's Reason.* labels.</summary>
    public static string ReasonText(NotSelectedReason reason, string? note)
    {
        var label = reason switch
        {
            NotSelectedReason.LowerScore => "综合评分排名未进入挂帅名额",
            NotSelectedReason.TechnicalRoute => "技术路线与需求匹配度不足",
            NotSelectedReason.TeamCapacity => "团队能力或前期基础不足",
            NotSelectedReason.BudgetOrSchedule => "经费或进度安排不合理",
            NotSelectedReason.Eligibility => "材料不完整或不符合揭榜条件",
            _ => "其他",
        };
        return string.IsNullOrWhiteSpace(note) ? label : $"{label}（{note.Trim()}）";
    }
}
