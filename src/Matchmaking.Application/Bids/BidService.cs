using Matchmaking.Application.Auditing;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Bids;

public sealed record BidSummary(
    int Id, int ChallengeId, string ChallengeTitle, DateTime ChallengeDeadlineUtc, string TeamName, string OrganizationName,
    BidStatus Status, decimal BudgetAskedWan, DateTime? SubmittedAtUtc);

/// <summary>Use cases of bids (揭榜). Bids are confidential: every read checks who is asking.</summary>
public sealed class BidService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates a draft bid of one of the actor's teams. Refuses, with the reason, bids that are not
    /// allowed: wrong role, not the team's owner, bidding closed, ineligible bidder type, a second active bid.</summary>
    public async Task<int> CreateAsync(Actor actor, int challengeId, int profileId, BidContent content, CancellationToken ct = default)
    {
        if (!Permissions.CanBid(actor)) throw new AccessDeniedException("只有科研人员可以揭榜 (only researchers can bid)");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var challenge = await db.Challenges.FirstOrDefaultAsync(c => c.Id == challengeId, ct);
        if (challenge is null || !challenge.IsPublic) throw new NotFoundException($"榜单 #{challengeId}");
        if (!challenge.IsOpenForBids(Now)) throw new DomainException("not_open", "该榜单当前不接受揭榜申请（未发布或已截止）");
        var profile = await db.Profiles.FirstOrDefaultAsync(p => p.Id == profileId, ct) ?? throw new NotFoundException($"团队 #{profileId}");
        if (!Permissions.CanEditProfile(actor, profile) || actor.IsAdmin) throw new AccessDeniedException("只能以本人负责的团队揭榜");
        var org = await db.Organizations.FirstAsync(o => o.Id == actor.OrganizationId, ct);
        if (!challenge.Admits(org.Type))
            throw new DomainException("ineligible", $"该榜单不接受{OrgTypeName(org.Type)}揭榜");
        if (await db.Bids.AnyAsync(b => b.ChallengeId == challengeId && b.ProfileId == profileId && b.Status != BidStatus.Withdrawn, ct))
            throw new DomainException("duplicate_bid", "该团队已有一份有效的揭榜申请，请修改原申请或先撤回");
        var bid = new Bid(challengeId, profileId, org.Id, actor.UserId!, content, challenge.BudgetWan, Now, challenge.BidDeadlineUtc);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Bids.Add(bid);
        await db.SaveChangesAsync(ct);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Bid), bid.Id, "create", Now, to: bid.Status);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return bid.Id;
    }

    public async Task UpdateAsync(Actor actor, int bidId, BidContent content, long expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (bid, challenge) = await LoadAsync(db, bidId, ct);
        if (!Permissions.IsBidAuthor(actor, bid)) throw new AccessDeniedException();
        db.Entry(bid).Property(b => b.Version).OriginalValue = expectedVersion;
        bid.Edit(content, challenge.BudgetWan, Now, challenge.BidDeadlineUtc);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Bid), bidId, "edit", Now, bid.Status, bid.Status);
        await db.SaveOrConflictAsync(ct);
    }

    public Task SubmitAsync(Actor actor, int bidId, CancellationToken ct = default) =>
        AuthorTransitionAsync(actor, bidId, "submit", (b, c) => b.Submit(Now, c.BidDeadlineUtc), ct);

    public Task WithdrawAsync(Actor actor, int bidId, CancellationToken ct = default) =>
        AuthorTransitionAsync(actor, bidId, "withdraw", (b, c) => b.Withdraw(Now, c.BidDeadlineUtc), ct);

    public Task ShortlistAsync(Actor actor, int bidId, CancellationToken ct = default) =>
        DecisionAsync(actor, bidId, "shortlist", (b, c) => b.Shortlist(Now, c.BidDeadlineUtc), ct);

    // Appointing winners (挂帅) and telling the others why happen together, in Awards/AwardService.DecideAsync.

    /// <summary>One bid, if this actor may see it (its authors; the poster after the deadline; admins).</summary>
    public async Task<Bid?> GetAsync(Actor actor, int bidId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bid = await db.Bids.AsNoTracking().Include(b => b.Challenge).Include(b => b.Profile).Include(b => b.Organization)
            .FirstOrDefaultAsync(b => b.Id == bidId, ct);
        return bid is not null && Permissions.CanSeeBid(actor, bid, bid.Challenge!, Now) ? bid : null;
    }

    /// <summary>The bids on a challenge with their content. Refused to anyone but the poster after the deadline
    /// and admins; drafts are the bidder's own and never listed.</summary>
    public async Task<IReadOnlyList<Bid>> ListForChallengeAsync(Actor actor, int challengeId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var challenge = await db.Challenges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == challengeId, ct)
            ?? throw new NotFoundException($"榜单 #{challengeId}");
        if (!Permissions.CanSeeBidsOf(actor, challenge, Now))
            throw new AccessDeniedException(Permissions.IsPoster(actor, challenge)
                ? "揭榜截止前申请处于密封状态，截止后可查看" : "无权查看该榜单的揭榜申请");
        return await db.Bids.AsNoTracking().Include(b => b.Profile).Include(b => b.Organization)
            .Where(b => b.ChallengeId == challengeId && b.Status != BidStatus.Draft)
            .OrderBy(b => b.SubmittedAtUtc).ToListAsync(ct);
    }

    /// <summary>The actor's own bids (researcher home), newest first.</summary>
    public async Task<IReadOnlyList<BidSummary>> ListMineAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Bids.AsNoTracking().Where(b => b.CreatedByUserId == actor.UserId)
            .OrderByDescending(b => b.UpdatedAtUtc)
            .Select(b => new BidSummary(b.Id, b.ChallengeId, b.Challenge!.Title, b.Challenge.BidDeadlineUtc, b.Profile!.Name,
                b.Organization!.Name, b.Status, b.BudgetAskedWan, b.SubmittedAtUtc))
            .ToListAsync(ct);
        return rows;
    }

    /// <summary>The actor's active bid for this challenge, if any (to show "edit my bid" instead of "bid").</summary>
    public async Task<int?> FindMyActiveBidAsync(Actor actor, int challengeId, CancellationToken ct = default)
    {
        if (actor.UserId is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Bids.Where(b => b.ChallengeId == challengeId && b.CreatedByUserId == actor.UserId && b.Status != BidStatus.Withdrawn)
            .Select(b => (int?)b.Id).FirstOrDefaultAsync(ct);
    }

    private async Task AuthorTransitionAsync(Actor actor, int bidId, string action, Action<Bid, Challenge> transition, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (bid, challenge) = await LoadAsync(db, bidId, ct);
        if (!Permissions.IsBidAuthor(actor, bid)) throw new AccessDeniedException();
        var from = bid.Status;
        transition(bid, challenge);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Bid), bidId, action, Now, from, bid.Status);
        await db.SaveOrConflictAsync(ct);
    }

    private async Task DecisionAsync(Actor actor, int bidId, string action, Action<Bid, Challenge> transition, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (bid, challenge) = await LoadAsync(db, bidId, ct);
        if (!Permissions.CanDecideBids(actor, challenge)) throw new AccessDeniedException();
        var from = bid.Status;
        transition(bid, challenge);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Bid), bidId, action, Now, from, bid.Status);
        await db.SaveOrConflictAsync(ct);
    }

    private static async Task<(Bid, Challenge)> LoadAsync(AppDbContext db, int bidId, CancellationToken ct)
    {
        var bid = await db.Bids.Include(b => b.Challenge).FirstOrDefaultAsync(b => b.Id == bidId, ct)
            ?? throw new NotFoundException($"揭榜申请 #{bidId}");
        return (bid, bid.Challenge!);
    }

    internal static string OrgTypeName(Organizations.OrganizationType t) => t switch
    {
        Organizations.OrganizationType.Enterprise => "企业",
        Organizations.OrganizationType.University => "高校",
        Organizations.OrganizationType.ResearchInstitute => "科研院所",
        _ => t.ToString(),
    };
}
