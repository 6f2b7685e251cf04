using Matchmaking.Application.Auditing;
using Matchmaking.Application.Awards;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Reviews;

public sealed record PanelMember(ReviewAssignment Assignment, string Name, string? OrganizationName, int Done, int Expected);

/// <summary>A challenge's review panel as one actor may see it. Bids, scores and comments are empty unless
/// <see cref="CanSeeScores"/>: bidders and outsiders never see them.</summary>
public sealed record ReviewPanelView(
    Challenge Challenge, IReadOnlyList<RubricCriterion> Criteria, Rubric? Rubric, ReviewAssignment? Mine,
    IReadOnlyList<PanelMember> Members, IReadOnlyList<Bid> Bids, IReadOnlyList<Review> Reviews, IReadOnlyList<string> BidderOrganizations,
    ReviewProgress Progress, IReadOnlyList<RankedBid> Ranking,
    bool CanSeeScores, bool CanEditRubric, bool CanAssign, bool CanJoinAsPoster, bool CanScore, bool CanDecideAward);

public sealed record MyReviewTask(int AssignmentId, int ChallengeId, string ChallengeTitle, ChallengeStatus Status, DateTime DeadlineUtc,
    ConflictDeclaration Conflict, bool IsPoster, int Done, int Expected);

public sealed record ReviewerChoice(string UserId, string Name, string Email, string? OrganizationName);

/// <summary>Use cases of expert review (专家评审): rubric, panel, conflict declarations and scores.</summary>
public sealed class ReviewService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The panel of a challenge, or null if this actor is not the poster, an admin or on the panel.</summary>
    public async Task<ReviewPanelView?> GetPanelAsync(Actor actor, int challengeId, CancellationToken ct = default)
    {
        if (!actor.IsAuthenticated) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Challenges.AsNoTracking().Include(x => x.PosterOrganization).FirstOrDefaultAsync(x => x.Id == challengeId, ct);
        if (c is null) return null;
        var panel = await db.ReviewAssignments.AsNoTracking().Where(a => a.ChallengeId == challengeId).OrderBy(a => a.Id).ToListAsync(ct);
        var mine = panel.FirstOrDefault(a => a.ReviewerUserId == actor.UserId);
        var isOwner = actor.IsAdmin || Permissions.IsPoster(actor, c);
        var onPanel = mine is not null && (mine.IsPoster ? Permissions.IsPoster(actor, c) : actor.IsReviewer);
        if (!isOwner && !onPanel) return null;
        if (!c.IsPublic && !actor.IsAdmin && !Permissions.IsPoster(actor, c)) return null;

        var rubric = await db.Rubrics.AsNoTracking().FirstOrDefaultAsync(r => r.ChallengeId == challengeId, ct);
        var canSee = Permissions.CanSeePanel(actor, c, mine, Now) && c.IsDeadlinePassed(Now);
        var bids = canSee
            ? await db.Bids.AsNoTracking().Include(b => b.Partners).Include(b => b.Profile).Include(b => b.Organization)
                .Where(b => b.ChallengeId == challengeId && b.Status != BidStatus.Draft && b.Status != BidStatus.Withdrawn)
                .OrderBy(b => b.SubmittedAtUtc).ToListAsync(ct)
            : [];
        var reviews = canSee ? await db.Reviews.AsNoTracking().Where(r => r.ChallengeId == challengeId).ToListAsync(ct) : [];
        // Progress counts need the bids even for those who may not read them.
        var countingBids = canSee ? bids : await db.Bids.AsNoTracking().Include(b => b.Partners).Include(b => b.Organization)
            .Where(b => b.ChallengeId == challengeId && b.Status != BidStatus.Draft && b.Status != BidStatus.Withdrawn).ToListAsync(ct);
        var countingReviews = canSee ? reviews : await db.Reviews.AsNoTracking().Where(r => r.ChallengeId == challengeId).ToListAsync(ct);

        var userIds = panel.Select(a => a.ReviewerUserId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, Org = u.Organization != null ? u.Organization.Name : null })
            .ToDictionaryAsync(u => u.Id, ct);
        var members = panel.Select(a =>
        {
            var p = ReviewBoard.Progress([a], countingBids, countingReviews);
            var n = names.GetValueOrDefault(a.ReviewerUserId);
            return new PanelMember(a, n?.DisplayName ?? a.ReviewerUserId, n?.Org, p.ReviewsDone, p.ReviewsExpected);
        }).ToList();

        // Who bid (organisations only) is what a reviewer needs to declare conflicts, once bidding has closed.
        var bidders = c.IsDeadlinePassed(Now) ? countingBids.Select(b => b.Organization?.Name ?? "").Distinct().ToList() : [];
        return new ReviewPanelView(c, rubric?.Criteria ?? Rubric.DefaultCriteria(), rubric, mine, members, bids, reviews, bidders,
            ReviewBoard.Progress(panel, countingBids, countingReviews), canSee ? ReviewBoard.Rank(bids, reviews, panel) : [],
            CanSeeScores: canSee,
            CanEditRubric: Permissions.CanEditRubric(actor, c) && rubric?.IsLocked != true,
            CanAssign: Permissions.CanAssignReviewers(actor, c),
            CanJoinAsPoster: Permissions.CanJoinPanelAsPoster(actor, c) && mine is null,
            CanScore: mine is not null && Permissions.CanScore(actor, c, mine) && mine.CanScore,
            CanDecideAward: Permissions.CanDecideAward(actor, c) && c.Status == ChallengeStatus.Closed);
    }

    /// <summary>True when the actor holds a seat on this challenge's panel (to show the way to it).</summary>
    public async Task<bool> IsOnPanelAsync(Actor actor, int challengeId, CancellationToken ct = default)
    {
        if (actor.UserId is null) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReviewAssignments.AnyAsync(a => a.ChallengeId == challengeId && a.ReviewerUserId == actor.UserId, ct);
    }

    /// <summary>Saves the rubric (creating it on first save). Refused once the first score is in.</summary>
    public async Task SaveRubricAsync(Actor actor, int challengeId, IReadOnlyList<RubricCriterion> criteria, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await LoadChallengeAsync(db, challengeId, ct);
        if (!Permissions.CanEditRubric(actor, c)) throw new AccessDeniedException();
        var rubric = await db.Rubrics.FirstOrDefaultAsync(r => r.ChallengeId == challengeId, ct);
        if (rubric is null)
        {
            rubric = new Rubric(challengeId, criteria, actor.UserId!, Now);
            db.Rubrics.Add(rubric);
        }
        else
        {
            if (expectedVersion is { } v) db.Entry(rubric).Property(r => r.Version).OriginalValue = v;
            rubric.Replace(criteria, actor.UserId!, Now);
        }
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Challenge), challengeId, "rubric", Now,
            reason: string.Join("；", rubric.Criteria.Select(x => $"{x.Name} {x.Weight}%")));
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>An admin invites a user who holds the Reviewer role onto the panel.</summary>
    public async Task<int> AssignAsync(Actor actor, int challengeId, string reviewerUserId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await LoadChallengeAsync(db, challengeId, ct);
        if (!Permissions.CanAssignReviewers(actor, c)) throw new AccessDeniedException();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == reviewerUserId, ct) ?? throw new NotFoundException(L("评审专家", "reviewer"));
        if (!await HasRoleAsync(db, reviewerUserId, Roles.Reviewer, ct))
            throw new DomainException("not_reviewer", L("该用户不是评审专家，请先授予评审专家角色", "This user is not a reviewer; grant them the reviewer role first"));
        if (user.OrganizationId is { } org && org == c.PosterOrganizationId)
            throw new DomainException("poster_org", L("发榜单位人员不能作为外部评审专家", "Staff of the posting organisation cannot be external reviewers"));
        if (await db.ReviewAssignments.AnyAsync(a => a.ChallengeId == challengeId && a.ReviewerUserId == reviewerUserId, ct))
            throw new DomainException("already_assigned", L("该专家已在评审组中", "This reviewer is already on the review panel"));
        var assignment = new ReviewAssignment(challengeId, reviewerUserId, user.OrganizationId, isPoster: false, actor.UserId!, Now);
        db.ReviewAssignments.Add(assignment);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Challenge), challengeId, "assign_reviewer", Now,
            reason: $"{user.DisplayName} <{user.Email}>");
        db.Notify([reviewerUserId], NotificationKind.ReviewAssigned, $"评审邀请：{c.Title}",
            "您被邀请参加该榜单的专家评审。请先声明利益冲突情况，揭榜截止后对各揭榜申请评分。", $"/challenges/{challengeId}/review", challengeId, Now);
        await db.SaveChangesAsync(ct);
        return assignment.Id;
    }

    /// <summary>An admin removes a member from the panel while the award is not decided (challenge published or
    /// closed). A member who already scored is not removed silently: the call is refused (code "has_scores", saying how
    /// many scores) unless <paramref name="dropScores"/> confirms that those scores are deleted with the seat, so the
    /// ranking is recomputed without them — the way to exclude a reviewer whose conflict of interest came to light after
    /// scoring (a reviewer can no longer recuse then). Audited with the number of dropped scores; the reviewer is told.</summary>
    /// <returns>How many scores were dropped.</returns>
    public async Task<int> RemoveReviewerAsync(Actor actor, int assignmentId, bool dropScores, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.ReviewAssignments.FirstOrDefaultAsync(x => x.Id == assignmentId, ct) ?? throw new NotFoundException(L("评审任务", "review assignment"));
        var c = await LoadChallengeAsync(db, a.ChallengeId, ct);
        if (!Permissions.CanManageReviewers(actor)) throw new AccessDeniedException();
        if (!Permissions.CanAssignReviewers(actor, c)) throw new DomainException("panel_locked", L("挂帅决定已作出（或榜单不在揭榜/评审阶段），评审组不能再调整", "The award decision has been made (or the challenge is not in bidding or review), so the review panel can no longer be changed"));
        var scores = await db.Reviews.Where(r => r.AssignmentId == a.Id).ToListAsync(ct);
        if (scores.Count > 0 && !dropScores)
            throw new DomainException("has_scores", L($"该专家已提交{scores.Count}份评分；移出评审组将同时删除这些评分并重新计算排名，请确认后再操作", $"This reviewer has submitted {scores.Count} score(s); removing them from the panel deletes those scores and re-ranks the bids. Confirm to continue"));
        var user = await db.Users.AsNoTracking().Where(u => u.Id == a.ReviewerUserId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(ct);
        db.Reviews.RemoveRange(scores);
        db.ReviewAssignments.Remove(a);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Challenge), c.Id, "remove_reviewer", Now,
            reason: $"{user?.DisplayName} <{user?.Email}>" + (scores.Count > 0 ? $"；删除评分{scores.Count}份" : ""));
        db.Notify([a.ReviewerUserId], NotificationKind.ReviewAssigned, $"已退出评审组：{c.Title}",
            "管理员已将您移出该榜单的评审组" + (scores.Count > 0 ? "，您的评分不再计入排名。" : "。"), "/my/reviews", c.Id, Now);
        await db.SaveChangesAsync(ct);
        return scores.Count;
    }

    /// <summary>The poster's representative takes a seat on the panel of their own challenge.</summary>
    public async Task<int> JoinAsPosterAsync(Actor actor, int challengeId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await LoadChallengeAsync(db, challengeId, ct);
        if (!Permissions.CanJoinPanelAsPoster(actor, c)) throw new AccessDeniedException();
        if (await db.ReviewAssignments.AnyAsync(a => a.ChallengeId == challengeId && a.ReviewerUserId == actor.UserId, ct))
            throw new DomainException("already_assigned", L("您已在评审组中", "You are already on the review panel"));
        var assignment = new ReviewAssignment(challengeId, actor.UserId!, actor.OrganizationId, isPoster: true, actor.UserId!, Now);
        db.ReviewAssignments.Add(assignment);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Challenge), challengeId, "join_panel", Now);
        await db.SaveChangesAsync(ct);
        return assignment.Id;
    }

    /// <summary>Declares "no conflict of interest", or recuses with a note.</summary>
    public async Task DeclareAsync(Actor actor, int assignmentId, bool hasConflict, string? note, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.ReviewAssignments.FirstOrDefaultAsync(x => x.Id == assignmentId, ct) ?? throw new NotFoundException(L("评审任务", "review assignment"));
        var c = await LoadChallengeAsync(db, a.ChallengeId, ct);
        if (!Permissions.CanDeclareConflict(actor, c, a)) throw new AccessDeniedException();
        var from = a.Conflict;
        if (hasConflict) a.Recuse(note ?? "", await db.Reviews.AnyAsync(r => r.AssignmentId == a.Id, ct), Now);
        else a.DeclareNoConflict(Now);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(ReviewAssignment), a.Id, hasConflict ? "recuse" : "declare_no_conflict",
            Now, from, a.Conflict, a.ConflictNote);
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>Scores one bid (or revises the reviewer's earlier scores while the award is not decided).</summary>
    public async Task SubmitAsync(Actor actor, int assignmentId, int bidId, IReadOnlyDictionary<string, int> scores, string comment,
        long? expectedVersion = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.ReviewAssignments.FirstOrDefaultAsync(x => x.Id == assignmentId, ct) ?? throw new NotFoundException(L("评审任务", "review assignment"));
        var c = await LoadChallengeAsync(db, a.ChallengeId, ct);
        if (!Permissions.CanScore(actor, c, a)) throw new AccessDeniedException(c.Status == ChallengeStatus.Closed ? L("无权评分", "You are not allowed to score") : L("当前榜单不在评审阶段", "This challenge is not under review"));
        var bid = await db.Bids.Include(b => b.Partners).FirstOrDefaultAsync(b => b.Id == bidId, ct) ?? throw new NotFoundException(L($"揭榜申请 #{bidId}", $"bid #{bidId}"));
        var rubric = await db.Rubrics.FirstOrDefaultAsync(r => r.ChallengeId == c.Id, ct);
        if (rubric is null)
        {
            // Nobody edited the rubric: the default one applies and is saved (and locked) with the first score.
            rubric = new Rubric(c.Id, Rubric.DefaultCriteria(), actor.UserId!, Now);
            db.Rubrics.Add(rubric);
        }
        var existing = await db.Reviews.FirstOrDefaultAsync(r => r.AssignmentId == a.Id && r.BidId == bidId, ct);
        var name = await db.ActorNameAsync(actor, ct);
        if (existing is null)
        {
            var review = Review.Submit(a, bid, rubric, scores, comment, Now);
            db.Reviews.Add(review);
            db.Record(actor, name, nameof(Bid), bidId, "review", Now, reason: $"总分 {review.Total}");
        }
        else
        {
            if (expectedVersion is { } v) db.Entry(existing).Property(r => r.Version).OriginalValue = v;
            existing.Revise(a, bid, rubric, scores, comment, Now);
            db.Record(actor, name, nameof(Bid), bidId, "review_revise", Now, reason: $"总分 {existing.Total}");
        }
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>The reviewer's tasks ("my reviews"), open ones first.</summary>
    public async Task<IReadOnlyList<MyReviewTask>> ListMineAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = await db.ReviewAssignments.AsNoTracking().Where(a => a.ReviewerUserId == actor.UserId).ToListAsync(ct);
        var challengeIds = mine.Select(a => a.ChallengeId).ToList();
        var challenges = await db.Challenges.AsNoTracking().Where(c => challengeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var bids = await db.Bids.AsNoTracking().Include(b => b.Partners).Where(b => challengeIds.Contains(b.ChallengeId)).ToListAsync(ct);
        var ids = mine.Select(a => a.Id).ToList();
        var reviews = await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.AssignmentId)).ToListAsync(ct);
        return mine.Select(a =>
            {
                var c = challenges[a.ChallengeId];
                var p = ReviewBoard.Progress([a], bids.Where(b => b.ChallengeId == c.Id).ToList(), reviews);
                return new MyReviewTask(a.Id, c.Id, c.Title, c.Status, c.BidDeadlineUtc, a.Conflict, a.IsPoster, p.ReviewsDone, p.ReviewsExpected);
            })
            .OrderBy(t => t.Status == ChallengeStatus.Closed && t.Conflict != ConflictDeclaration.Recused && t.Done < t.Expected ? 0 : 1)
            .ThenBy(t => t.DeadlineUtc).ToList();
    }

    /// <summary>Users holding the Reviewer role, for the admin's assignment picker.</summary>
    public async Task<IReadOnlyList<ReviewerChoice>> ListReviewersAsync(Actor actor, CancellationToken ct = default)
    {
        if (!Permissions.CanManageReviewers(actor)) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roleId = await db.Roles.Where(r => r.Name == Roles.Reviewer).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
            .OrderBy(u => u.DisplayName)
            .Select(u => new ReviewerChoice(u.Id, u.DisplayName, u.Email ?? "", u.Organization != null ? u.Organization.Name : null))
            .ToListAsync(ct);
    }

    private static async Task<bool> HasRoleAsync(AppDbContext db, string userId, string role, CancellationToken ct) =>
        await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
               where ur.UserId == userId && r.Name == role select ur).AnyAsync(ct);

    private static async Task<Challenge> LoadChallengeAsync(AppDbContext db, int id, CancellationToken ct) =>
        await db.Challenges.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException(L($"榜单 #{id}", $"challenge #{id}"));
}
