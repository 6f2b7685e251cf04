using Matchmaking.Application.Auditing;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Bids;

/// <summary>"Matchmaking:Bids": consortium size and the cap on an organisation's active bids.</summary>
public sealed class BidOptions
{
    public const string Section = "Matchmaking:Bids";
    /// <summary>Partner organisations besides the lead.</summary>
    public int MaxPartners { get; set; } = 4;
    /// <summary>Submitted or shortlisted bids an organisation (as lead) may have at once.</summary>
    public int MaxActivePerOrganization { get; set; } = 10;
}

public sealed record ReceiptCheck(bool Matches, int? IssuedForBidId, int? ChallengeId, DateTime? IssuedAtUtc);

public sealed record ConsortiumInvitation(int BidId, int ChallengeId, string ChallengeTitle, DateTime DeadlineUtc, string LeadOrganization,
    string TeamName, BidStatus BidStatus, PartnerState State, DateTime InvitedAtUtc, DateTime? RespondedAtUtc);

public sealed record BidSummary(
    int Id, int ChallengeId, string ChallengeTitle, DateTime ChallengeDeadlineUtc, string TeamName, string OrganizationName,
    BidStatus Status, decimal BudgetAskedWan, DateTime? SubmittedAtUtc);

/// <summary>Use cases of bids (揭榜). Bids are confidential: every read checks who is asking.</summary>
public sealed class BidService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, BidOptions? options = null)
{
    private readonly BidOptions _options = options ?? new BidOptions();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates a draft bid of one of the actor's teams. Refuses, with the reason, bids that are not
    /// allowed: wrong role, not the team's owner, bidding closed, ineligible bidder type, a second active bid.</summary>
    public async Task<int> CreateAsync(Actor actor, int challengeId, int profileId, BidContent content, CancellationToken ct = default)
    {
        if (!Permissions.CanBid(actor)) throw new AccessDeniedException(L("只有科研人员可以揭榜", "Only researchers can bid"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var challenge = await db.Challenges.FirstOrDefaultAsync(c => c.Id == challengeId, ct);
        if (challenge is null || !challenge.IsPublic) throw new NotFoundException(L($"榜单 #{challengeId}", $"challenge #{challengeId}"));
        if (!challenge.IsOpenForBids(Now)) throw new DomainException("not_open", L("该榜单当前不接受揭榜申请（未发布或已截止）", "This challenge is not accepting bids (not yet published, or past its deadline)"));
        var profile = await db.Profiles.FirstOrDefaultAsync(p => p.Id == profileId, ct) ?? throw new NotFoundException(L($"团队 #{profileId}", $"team #{profileId}"));
        if (!Permissions.CanEditProfile(actor, profile) || actor.IsAdmin) throw new AccessDeniedException(L("只能以本人负责的团队揭榜", "You can only bid with a team you are responsible for"));
        var org = await db.Organizations.FirstAsync(o => o.Id == actor.OrganizationId, ct);
        if (!challenge.Admits(org.Type))
            throw new DomainException("ineligible", L($"该榜单不接受{OrgTypeName(org.Type)}揭榜", $"This challenge does not accept bids from {OrgTypeName(org.Type)}"));
        if (await db.Bids.AnyAsync(b => b.ChallengeId == challengeId && b.ProfileId == profileId && b.Status != BidStatus.Withdrawn, ct))
            throw new DomainException("duplicate_bid", L("该团队已有一份有效的揭榜申请，请修改原申请或先撤回", "This team already has an active bid; edit that bid or withdraw it first"));
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
        if (bid.Status == BidStatus.Submitted) await IssueReceiptAsync(db, bid, ct); // the receipt follows the content
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Bid), bidId, "edit", Now, bid.Status, bid.Status);
        await db.SaveOrConflictAsync(ct);
    }

    // SubmitAsync (eligibility, receipt, "bid received") is in the consortium/eligibility block below.

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
            ?? throw new NotFoundException(L($"榜单 #{challengeId}", $"challenge #{challengeId}"));
        if (!Permissions.CanSeeBidsOf(actor, challenge, Now))
            throw new AccessDeniedException(Permissions.IsPoster(actor, challenge)
                ? L("揭榜截止前申请处于密封状态，截止后可查看", "Bids are sealed until the deadline; you can view them afterwards") : L("无权查看该榜单的揭榜申请", "You are not allowed to view the bids on this challenge"));
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
            ?? throw new NotFoundException(L($"揭榜申请 #{bidId}", $"bid #{bidId}"));
        return (bid, bid.Challenge!);
    }

    // ---- Eligibility at submission, receipts, consortium (联合体) ---------------------------------------------

    /// <summary>Submits a draft. Refused, each with its reason, when: bidding closed; the lead organisation is not
    /// verified or not an eligible bidder type; a partner has not confirmed (or declined), is not verified or is not an
    /// eligible bidder type; the
    /// organisation already has <see cref="BidOptions.MaxActivePerOrganization"/> active bids. On success the bidder
    /// gets a receipt (SHA-256 over the canonical content and time) and the poster's users learn the new count only.</summary>
    public async Task SubmitAsync(Actor actor, int bidId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bid = await db.Bids.Include(b => b.Challenge).Include(b => b.Partners).ThenInclude(p => p.Organization)
            .FirstOrDefaultAsync(b => b.Id == bidId, ct) ?? throw new NotFoundException(L($"揭榜申请 #{bidId}", $"bid #{bidId}"));
        var challenge = bid.Challenge!;
        if (!Permissions.IsBidAuthor(actor, bid)) throw new AccessDeniedException();
        if (!challenge.IsOpenForBids(Now)) throw new DomainException("not_open", L("该榜单当前不接受揭榜申请（未发布或已截止）", "This challenge is not accepting bids (not yet published, or past its deadline)"));
        var lead = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == bid.OrganizationId, ct);
        if (!lead.IsVerified) throw new DomainException("org_not_verified", L($"揭榜单位“{lead.Name}”尚未通过平台认证，认证后才能提交", $"The bidding organisation “{lead.Name}” has not passed the portal's verification yet; the bid can be submitted once it has"));
        if (!challenge.Admits(lead.Type)) throw new DomainException("ineligible", L($"该榜单不接受{OrgTypeName(lead.Type)}揭榜", $"This challenge does not accept bids from {OrgTypeName(lead.Type)}"));
        if (bid.Partners.FirstOrDefault(p => p.State == PartnerState.Confirmed && p.Organization is { IsVerified: false }) is { } unverified)
            throw new DomainException("partner_not_verified", L($"联合体成员“{unverified.Organization!.Name}”尚未通过平台认证", $"Consortium partner “{unverified.Organization!.Name}” has not passed the portal's verification yet"));
        // Every member of a consortium must be an eligible bidder type, not only the lead (a partner's type may have
        // changed since it was invited).
        if (bid.Partners.FirstOrDefault(p => p.State == PartnerState.Confirmed && p.Organization is { } o && !challenge.Admits(o.Type)) is { } ineligible)
            throw PartnerIneligible(ineligible.Organization!);
        var active = await db.Bids.CountAsync(b => b.OrganizationId == bid.OrganizationId && b.Id != bid.Id
            && (b.Status == BidStatus.Submitted || b.Status == BidStatus.Shortlisted), ct);
        if (active >= _options.MaxActivePerOrganization)
            throw new DomainException("too_many_active", L($"本单位已有{active}份有效揭榜申请，达到上限（{_options.MaxActivePerOrganization}份）", $"Your organisation already has {active} active bid(s), which is the limit ({_options.MaxActivePerOrganization})"));
        var from = bid.Status;
        bid.Submit(Now, challenge.BidDeadlineUtc);
        await IssueReceiptAsync(db, bid, ct);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Bid), bidId, "submit", Now, from, bid.Status, bid.ReceiptDigest);
        var count = 1 + await db.Bids.CountAsync(b => b.ChallengeId == challenge.Id && b.Id != bid.Id
            && b.Status != BidStatus.Draft && b.Status != BidStatus.Withdrawn, ct);
        var posterUsers = await db.Users.Where(u => u.OrganizationId == challenge.PosterOrganizationId).Select(u => u.Id).ToListAsync(ct);
        // Sealed until the deadline: the poster learns that a bid arrived and the count, nothing about who or what.
        db.Notify(posterUsers, NotificationKind.BidReceived, $"榜单「{challenge.Title}」收到新的揭榜申请",
            $"目前共有 {count} 份揭榜申请。截止前申请内容密封，截止后可查看。", $"/challenges/{challenge.Id}", challenge.Id, Now);
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>The receipt of a submitted bid, for those who may see the bid.</summary>
    public async Task<(string Json, string Digest, DateTime AtUtc)?> GetReceiptAsync(Actor actor, int bidId, CancellationToken ct = default)
    {
        var bid = await GetAsync(actor, bidId, ct);
        return bid is { ReceiptJson: { } json, ReceiptDigest: { } digest, ReceiptAtUtc: { } at } ? (json, digest, at) : null;
    }

    /// <summary>Public check of a receipt: does the JSON hash to the digest, and did the portal issue that digest
    /// (to which bid, when)? Reveals nothing of any bid's content.</summary>
    public async Task<ReceiptCheck> VerifyReceiptAsync(string canonicalJson, string digest, CancellationToken ct = default)
    {
        var matches = !string.IsNullOrEmpty(canonicalJson) && BidReceipt.Matches(canonicalJson, digest);
        var d = digest.Trim().ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var issued = d.Length == 64
            ? await db.Bids.AsNoTracking().Where(b => b.ReceiptDigest == d).Select(b => new { b.Id, b.ChallengeId, b.ReceiptAtUtc }).FirstOrDefaultAsync(ct)
            : null;
        return new ReceiptCheck(matches, issued?.Id, issued?.ChallengeId, issued?.ReceiptAtUtc);
    }

    /// <summary>Invites a partner organisation into the actor's draft bid and notifies that organisation's users.</summary>
    public async Task InvitePartnerAsync(Actor actor, int bidId, int organizationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bid = await db.Bids.Include(b => b.Challenge).Include(b => b.Partners).FirstOrDefaultAsync(b => b.Id == bidId, ct)
            ?? throw new NotFoundException(L($"揭榜申请 #{bidId}", $"bid #{bidId}"));
        if (!Permissions.IsBidAuthor(actor, bid)) throw new AccessDeniedException();
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, ct) ?? throw new NotFoundException(L($"机构 #{organizationId}", $"organisation #{organizationId}"));
        if (!org.IsVerified) throw new DomainException("partner_not_verified", L($"联合体成员“{org.Name}”尚未通过平台认证", $"Consortium partner “{org.Name}” has not passed the portal's verification yet"));
        if (!bid.Challenge!.Admits(org.Type)) throw PartnerIneligible(org);
        bid.InvitePartner(organizationId, _options.MaxPartners, Now, bid.Challenge!.BidDeadlineUtc);
        var lead = await db.Organizations.AsNoTracking().Where(o => o.Id == bid.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        var users = await db.Users.Where(u => u.OrganizationId == organizationId).Select(u => u.Id).ToListAsync(ct);
        db.Notify(users, NotificationKind.ConsortiumInvitation, $"联合体邀请：{lead} 邀请贵单位共同揭榜",
            $"榜单「{bid.Challenge.Title}」。请确认或拒绝加入联合体。", $"/consortium/{bid.Id}", bid.ChallengeId, Now);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Bid), bidId, "invite_partner", Now, bid.Status, bid.Status, org.Name);
        await db.SaveOrConflictAsync(ct);
    }

    public async Task RemovePartnerAsync(Actor actor, int bidId, int organizationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bid = await db.Bids.Include(b => b.Challenge).Include(b => b.Partners).FirstOrDefaultAsync(b => b.Id == bidId, ct)
            ?? throw new NotFoundException(L($"揭榜申请 #{bidId}", $"bid #{bidId}"));
        if (!Permissions.IsBidAuthor(actor, bid)) throw new AccessDeniedException();
        bid.RemovePartner(organizationId, Now, bid.Challenge!.BidDeadlineUtc);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Bid), bidId, "remove_partner", Now, bid.Status, bid.Status, organizationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>A user of an invited organisation confirms or declines; nobody else can, not even the bid's authors.</summary>
    public async Task RespondToInvitationAsync(Actor actor, int bidId, bool accept, CancellationToken ct = default)
    {
        if (actor.UserId is null || actor.OrganizationId is not { } org || actor.IsAdmin) throw new AccessDeniedException(L("只有受邀单位的用户可以确认联合体邀请", "Only users of the invited organisation can answer this consortium invitation"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bid = await db.Bids.Include(b => b.Challenge).Include(b => b.Partners).FirstOrDefaultAsync(b => b.Id == bidId, ct)
            ?? throw new NotFoundException(L($"揭榜申请 #{bidId}", $"bid #{bidId}"));
        if (!bid.Partners.Any(p => p.OrganizationId == org)) throw new AccessDeniedException(L("只有受邀单位的用户可以确认联合体邀请", "Only users of the invited organisation can answer this consortium invitation"));
        bid.RespondAsPartner(org, actor.UserId, accept, Now, bid.Challenge!.BidDeadlineUtc);
        var orgName = await db.Organizations.Where(o => o.Id == org).Select(o => o.Name).FirstAsync(ct);
        db.Notify([bid.CreatedByUserId], NotificationKind.ConsortiumInvitation,
            accept ? $"{orgName} 已确认加入联合体" : $"{orgName} 拒绝加入联合体",
            $"榜单「{bid.Challenge.Title}」的揭榜申请。", $"/bids/{bid.Id}", bid.ChallengeId, Now);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Bid), bidId, accept ? "partner_confirm" : "partner_decline", Now, bid.Status, bid.Status);
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>Invitations to the actor's organisation (what a partner sees: who leads, on which challenge — not the
    /// bid's content, which stays with its authors).</summary>
    public async Task<IReadOnlyList<ConsortiumInvitation>> ListInvitationsAsync(Actor actor, int? bidId = null, CancellationToken ct = default)
    {
        if (actor.UserId is null || actor.OrganizationId is not { } org || actor.IsAdmin) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.BidPartners.AsNoTracking().Where(p => p.OrganizationId == org);
        if (bidId is { } id) q = q.Where(p => p.BidId == id);
        return await (from p in q
                      join b in db.Bids on p.BidId equals b.Id
                      orderby p.InvitedAtUtc descending
                      select new ConsortiumInvitation(b.Id, b.ChallengeId, b.Challenge!.Title, b.Challenge.BidDeadlineUtc, b.Organization!.Name,
                          b.Profile!.Name, b.Status, p.State, p.InvitedAtUtc, p.RespondedAtUtc)).ToListAsync(ct);
    }

    /// <summary>The partners of a bid (for its authors and whoever may see the bid).</summary>
    public async Task<IReadOnlyList<BidPartner>> ListPartnersAsync(Actor actor, int bidId, CancellationToken ct = default)
    {
        if (await GetAsync(actor, bidId, ct) is null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BidPartners.AsNoTracking().Include(p => p.Organization).Where(p => p.BidId == bidId).OrderBy(p => p.Id).ToListAsync(ct);
    }

    /// <summary>Verified organisations whose name contains the text, to invite as partners.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> FindPartnerCandidatesAsync(Actor actor, string? text, CancellationToken ct = default)
    {
        if (!Permissions.CanBid(actor)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Organizations.AsNoTracking().Where(o => o.IsVerified && o.Id != actor.OrganizationId);
        if (!string.IsNullOrWhiteSpace(text)) q = q.Where(o => o.Name.Contains(text.Trim()));
        return (await q.OrderBy(o => o.Name).Take(20).Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(o => (o.Id, o.Name)).ToList();
    }

    private static async Task IssueReceiptAsync(AppDbContext db, Bid bid, CancellationToken ct)
    {
        var files = await db.Attachments.AsNoTracking()
            .Where(a => a.OwnerKind == Attachments.AttachmentOwnerKind.Bid && a.OwnerId == bid.Id)
            .Select(a => new BidReceipt.AttachmentRef(a.OriginalName, a.Sha256, a.SizeBytes)).ToListAsync(ct);
        // Partners from the database: callers need not have loaded them (an edit of a submitted bid does not).
        var partners = await db.BidPartners.AsNoTracking().Where(p => p.BidId == bid.Id && p.State == PartnerState.Confirmed)
            .Select(p => p.OrganizationId).ToListAsync(ct);
        var at = bid.UpdatedAtUtc;
        var json = BidReceipt.Canonical(bid, partners, files, at);
        bid.IssueReceipt(json, BidReceipt.Digest(json), at);
    }

    // ---- end eligibility/receipts/consortium ----

    private static DomainException PartnerIneligible(Organizations.Organization org) =>
        new("partner_ineligible", L($"联合体成员“{org.Name}”是{OrgTypeName(org.Type)}，该榜单不接受{OrgTypeName(org.Type)}参与揭榜（含联合体成员）", $"Consortium partner “{org.Name}” is not eligible: this challenge does not accept {OrgTypeName(org.Type)}, including as consortium partners"));

    /// <summary>The organisation type as the refusal messages name it: Chinese, or the English plural.</summary>
    internal static string OrgTypeName(Organizations.OrganizationType t) => t switch
    {
        Organizations.OrganizationType.Enterprise => L("企业", "enterprises"),
        Organizations.OrganizationType.University => L("高校", "universities"),
        Organizations.OrganizationType.ResearchInstitute => L("科研院所", "research institutes"),
        _ => t.ToString(),
    };
}
