using Matchmaking.Application.Auditing;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Challenges;

public sealed record ChallengeFilter
{
    public int? ChainId { get; init; }
    public int? NodeId { get; init; }
    public ChallengeStatus? Status { get; init; }
    public BottleneckType? Bottleneck { get; init; }
    public string? Text { get; init; }
    public ChallengeSort Sort { get; init; } = ChallengeSort.Newest;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

public enum ChallengeSort { Newest, DeadlineSoonest, BudgetHighest }

public sealed record ChallengeSummary(
    int Id, string Title, string PosterName, int PosterOrganizationId, string ChainName, string NodeName,
    BottleneckType Bottleneck, decimal BudgetWan, DateTime BidDeadlineUtc, ChallengeStatus Status,
    IReadOnlyList<string> Skills, int? BidCount);

public sealed record ChallengeDetail(Challenge Challenge, string PosterName, bool PosterVerified, string ChainName, string NodeName, int? BidCount);

/// <summary>Use cases of challenges: drafting, the moderation lifecycle and the public listing.
/// Every method checks <see cref="Permissions"/> before it changes anything.</summary>
public sealed class ChallengeService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IChangeFeed? changes = null)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<int> CreateAsync(Actor actor, ChallengeContent content, int? posterOrganizationId = null, CancellationToken ct = default)
    {
        if (!Permissions.CanCreateChallenge(actor)) throw new AccessDeniedException();
        var orgId = actor.IsAdmin && posterOrganizationId is { } chosen ? chosen
            : actor.OrganizationId ?? throw new DomainException("org_required", L("请先选择发榜单位", "Choose the posting organisation first"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureTaxonomyAsync(db, content, ct);
        var challenge = new Challenge(orgId, actor.UserId!, content, Now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Challenges.Add(challenge);
        await db.SaveChangesAsync(ct);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Challenge), challenge.Id, "create", Now, to: challenge.Status);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes?.ChallengeChanged(challenge.Id);
        return challenge.Id;
    }

    public async Task UpdateAsync(Actor actor, int id, ChallengeContent content, long expectedVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await LoadAsync(db, id, ct);
        if (!Permissions.CanEditChallenge(actor, c))
            throw c.IsEditable ? new AccessDeniedException() : new DomainException("not_editable", L("只有草稿或已驳回的榜单可以修改", "Only a draft or a rejected challenge can be edited"));
        await EnsureTaxonomyAsync(db, content, ct);
        db.Entry(c).Property(x => x.Version).OriginalValue = expectedVersion;
        var from = c.Status;
        c.Edit(content, Now);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Challenge), id, "edit", Now, from, c.Status);
        await db.SaveOrConflictAsync(ct);
        changes?.ChallengeChanged(id);
    }

    public Task SubmitForReviewAsync(Actor actor, int id, CancellationToken ct = default) =>
        TransitionAsync(actor, id, "submit", Permissions.CanSubmitChallenge, c => c.SubmitForReview(Now), null, ct);

    public Task ApproveAsync(Actor actor, int id, CancellationToken ct = default) =>
        TransitionAsync(actor, id, "approve", (a, _) => Permissions.CanModerate(a), c => c.Approve(Now), null, ct);

    public Task RejectAsync(Actor actor, int id, string reason, CancellationToken ct = default) =>
        TransitionAsync(actor, id, "reject", (a, _) => Permissions.CanModerate(a), c => c.Reject(reason, Now), reason, ct);

    public Task CancelAsync(Actor actor, int id, string reason, CancellationToken ct = default) =>
        TransitionAsync(actor, id, "cancel", Permissions.CanCancelChallenge, c => c.Cancel(reason, Now), reason, ct);

    /// <summary>Closes every published challenge whose deadline has passed. Run by a background timer, so
    /// bidding closes even if nobody opens the page (and bids check the deadline themselves anyway).</summary>
    public async Task<int> CloseDueAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var due = await db.Challenges.Where(c => c.Status == ChallengeStatus.Published && c.BidDeadlineUtc <= now).ToListAsync(ct);
        foreach (var c in due)
            if (c.CloseIfDue(now))
                db.Record(Actor.System, "系统 (system)", nameof(Challenge), c.Id, "close", now, ChallengeStatus.Published, c.Status, "揭榜截止");
        await db.SaveChangesAsync(ct);
        foreach (var c in due) changes?.ChallengeChanged(c.Id);
        return due.Count;
    }

    /// <summary>A challenge as this actor may see it, or null when it does not exist or is not visible to them
    /// (the two are not distinguished, so drafts of others cannot be probed).</summary>
    public async Task<ChallengeDetail?> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Challenges.AsNoTracking().Include(x => x.PosterOrganization).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !Permissions.CanViewChallenge(actor, c)) return null;
        var chain = await db.Chains.AsNoTracking().Where(x => x.Id == c.ChainId).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "";
        var node = await db.ChainNodes.AsNoTracking().Where(x => x.Id == c.ChainNodeId).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "";
        int? bids = Permissions.CanSeeBidCount(actor, c)
            ? await db.Bids.CountAsync(b => b.ChallengeId == id && b.Status != BidStatus.Draft && b.Status != BidStatus.Withdrawn, ct)
            : null;
        return new ChallengeDetail(c, c.PosterOrganization?.Name ?? "", c.PosterOrganization?.IsVerified ?? false, chain, node, bids);
    }

    /// <summary>The public list: only published, closed, awarded and completed challenges.</summary>
    public async Task<Page<ChallengeSummary>> ListPublicAsync(ChallengeFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Challenges.AsNoTracking().Where(c => c.Status == ChallengeStatus.Published || c.Status == ChallengeStatus.Closed
            || c.Status == ChallengeStatus.Awarded || c.Status == ChallengeStatus.Completed);
        if (filter.Status is { } s) q = q.Where(c => c.Status == s);
        return await ListAsync(db, q, filter, includeBidCounts: false, ct);
    }

    /// <summary>My organisation's challenges in every state, with bid counts (for the enterprise home).</summary>
    public async Task<Page<ChallengeSummary>> ListMineAsync(Actor actor, ChallengeFilter filter, CancellationToken ct = default)
    {
        if (actor.OrganizationId is not { } org || !actor.IsEnterprise) return new Page<ChallengeSummary>([], 0, 1, filter.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Challenges.AsNoTracking().Where(c => c.PosterOrganizationId == org);
        if (filter.Status is { } s) q = q.Where(c => c.Status == s);
        return await ListAsync(db, q, filter, includeBidCounts: true, ct);
    }

    /// <summary>The moderation queue (admins), oldest submission first.</summary>
    public async Task<Page<ChallengeSummary>> ListForModerationAsync(Actor actor, int page = 1, int pageSize = 20, CancellationToken ct = default)
    {
        if (!Permissions.CanModerate(actor)) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Challenges.AsNoTracking().Where(c => c.Status == ChallengeStatus.PendingReview);
        return await ListAsync(db, q, new ChallengeFilter { Page = page, PageSize = pageSize, Sort = ChallengeSort.DeadlineSoonest }, true, ct);
    }

    /// <summary>The moderation queue with what a moderator reads before deciding (the whole content, the poster's
    /// verification, the submission time), oldest deadline first: one page in four queries, however long the page.</summary>
    public async Task<Page<ChallengeDetail>> ModerationQueueAsync(Actor actor, int page = 1, int pageSize = 20, CancellationToken ct = default)
    {
        if (!Permissions.CanModerate(actor)) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Challenges.AsNoTracking().Where(c => c.Status == ChallengeStatus.PendingReview);
        var total = await q.CountAsync(ct);
        var (skip, take, p, size) = Page<ChallengeDetail>.Normalize(page, pageSize);
        var rows = await q.OrderBy(c => c.BidDeadlineUtc).ThenBy(c => c.Id).Skip(skip).Take(take)
            .Include(c => c.PosterOrganization).ToListAsync(ct);
        var (chainNames, nodeNames) = await ChainAndNodeNamesAsync(db, rows.Select(r => r.ChainId), rows.Select(r => r.ChainNodeId), ct);
        // Bid counts are not taken: a challenge under review has not been open for bids, and the queue shows none.
        var items = rows.Select(c => new ChallengeDetail(c, c.PosterOrganization?.Name ?? "", c.PosterOrganization?.IsVerified ?? false,
            chainNames.GetValueOrDefault(c.ChainId, ""), nodeNames.GetValueOrDefault(c.ChainNodeId, ""), null)).ToList();
        return new Page<ChallengeDetail>(items, total, p, size);
    }

    /// <summary>Any state, any organisation (admins).</summary>
    public async Task<Page<ChallengeSummary>> ListAllAsync(Actor actor, ChallengeFilter filter, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) throw new AccessDeniedException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Challenges.AsNoTracking();
        if (filter.Status is { } s) q = q.Where(c => c.Status == s);
        return await ListAsync(db, q, filter, includeBidCounts: true, ct);
    }

    private static async Task<Page<ChallengeSummary>> ListAsync(AppDbContext db, IQueryable<Challenge> q, ChallengeFilter f, bool includeBidCounts, CancellationToken ct)
    {
        if (f.ChainId is { } chain) q = q.Where(c => c.ChainId == chain);
        if (f.NodeId is { } node) q = q.Where(c => c.ChainNodeId == node);
        if (f.Bottleneck is { } b) q = q.Where(c => c.Bottleneck == b);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var text = f.Text.Trim();
            q = q.Where(c => c.Title.Contains(text) || c.Background.Contains(text) || c.PainPoint.Contains(text));
        }
        var total = await q.CountAsync(ct);
        q = f.Sort switch
        {
            ChallengeSort.DeadlineSoonest => q.OrderBy(c => c.BidDeadlineUtc).ThenBy(c => c.Id),
            ChallengeSort.BudgetHighest => q.OrderByDescending(c => c.BudgetWan).ThenByDescending(c => c.Id),
            _ => q.OrderByDescending(c => c.PublishedAtUtc ?? c.CreatedAtUtc).ThenByDescending(c => c.Id),
        };
        var (skip, take, page, size) = Page<ChallengeSummary>.Normalize(f.Page, f.PageSize);
        var items = await SummariesAsync(db, q.Skip(skip).Take(take), includeBidCounts, ct);
        return new Page<ChallengeSummary>(items, total, page, size);
    }

    /// <summary>The list view of the given challenges, in the query's order, with chain and node names and (for
    /// posters and admins) bid counts. Shared by the database listings and the search results.</summary>
    internal static async Task<List<ChallengeSummary>> SummariesAsync(AppDbContext db, IQueryable<Challenge> q, bool includeBidCounts, CancellationToken ct)
    {
        var rows = await q.Select(c => new
        {
            c.Id, c.Title, Poster = c.PosterOrganization!.Name, c.PosterOrganizationId, c.ChainId, c.ChainNodeId, c.Bottleneck,
            c.BudgetWan, c.BidDeadlineUtc, c.Status, c.Skills,
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var (chainNames, nodeNames) = await ChainAndNodeNamesAsync(db, rows.Select(r => r.ChainId), rows.Select(r => r.ChainNodeId), ct);
        var counts = includeBidCounts
            ? await db.Bids.Where(b => ids.Contains(b.ChallengeId) && b.Status != BidStatus.Draft && b.Status != BidStatus.Withdrawn)
                .GroupBy(b => b.ChallengeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct)
            : null;
        return rows.Select(r => new ChallengeSummary(r.Id, r.Title, r.Poster, r.PosterOrganizationId,
            chainNames.GetValueOrDefault(r.ChainId, ""), nodeNames.GetValueOrDefault(r.ChainNodeId, ""), r.Bottleneck, r.BudgetWan,
            DateTime.SpecifyKind(r.BidDeadlineUtc, DateTimeKind.Utc), r.Status, r.Skills,
            counts is null ? null : counts.GetValueOrDefault(r.Id))).ToList();
    }

    private static async Task<(Dictionary<int, string> Chains, Dictionary<int, string> Nodes)> ChainAndNodeNamesAsync(
        AppDbContext db, IEnumerable<int> chainIds, IEnumerable<int> nodeIds, CancellationToken ct)
    {
        var chains = chainIds.Distinct().ToList();
        var nodes = nodeIds.Distinct().ToList();
        return (await db.Chains.AsNoTracking().Where(x => chains.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct),
            await db.ChainNodes.AsNoTracking().Where(n => nodes.Contains(n.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
    }

    private async Task TransitionAsync(Actor actor, int id, string action, Func<Actor, Challenge, bool> allowed,
        Action<Challenge> transition, string? reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await LoadAsync(db, id, ct);
        if (!allowed(actor, c)) throw new AccessDeniedException();
        var from = c.Status;
        transition(c);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Challenge), id, action, Now, from, c.Status, reason);
        await db.SaveOrConflictAsync(ct);
        changes?.ChallengeChanged(id);
    }

    private static async Task<Challenge> LoadAsync(AppDbContext db, int id, CancellationToken ct) =>
        await db.Challenges.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException(L($"榜单 #{id}", $"challenge #{id}"));

    private static async Task EnsureTaxonomyAsync(AppDbContext db, ChallengeContent content, CancellationToken ct)
    {
        var nodeOk = await db.ChainNodes.AnyAsync(n => n.Id == content.ChainNodeId && n.ChainId == content.ChainId, ct);
        if (!nodeOk) throw new ValidationFailedException(new Dictionary<string, string> { [nameof(ChallengeContent.ChainNodeId)] = L("所选环节不属于该产业链", "The chosen node is not in this industry chain") });
        var known = await db.Fields.Where(f => content.FieldCodes.Contains(f.Code)).Select(f => f.Code).ToListAsync(ct);
        var unknown = content.FieldCodes.Except(known).ToList();
        if (unknown.Count > 0) throw new ValidationFailedException(new Dictionary<string, string> { [nameof(ChallengeContent.FieldCodes)] = L($"未知学科代码: {string.Join(", ", unknown)}", $"Unknown discipline codes: {string.Join(", ", unknown)}") });
    }
}
