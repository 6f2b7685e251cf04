using Matchmaking.Application.Common;

namespace Matchmaking.Application.Bids;

public enum BidStatus { Draft = 0, Submitted = 1, Withdrawn = 2, Shortlisted = 3, Selected = 4, NotSelected = 5 }

/// <summary>The structured reason a bidder receives when not appointed (未入选原因).</summary>
public enum NotSelectedReason
{
    LowerScore = 1, TechnicalRoute = 2, TeamCapacity = 3, BudgetOrSchedule = 4, Eligibility = 5, Other = 9,
}

public sealed record BidContent
{
    public string TechnicalApproach { get; init; } = "";
    public string MilestonePlan { get; init; } = "";
    public decimal BudgetAskedWan { get; init; }
    public string TeamDescription { get; init; } = "";
    public string? PriorResults { get; init; }

    public const int MaxText = 8000;

    public Dictionary<string, string> Validate(decimal challengeBudgetWan)
    {
        var e = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(TechnicalApproach)) e[nameof(TechnicalApproach)] = L("请填写技术路线", "Enter the technical approach");
        else if (TechnicalApproach.Length > MaxText) e[nameof(TechnicalApproach)] = L($"技术路线不超过{MaxText}个字符", $"The technical approach must be at most {MaxText} characters");
        if (string.IsNullOrWhiteSpace(MilestonePlan)) e[nameof(MilestonePlan)] = L("请填写里程碑计划", "Enter the milestone plan");
        else if (MilestonePlan.Length > MaxText) e[nameof(MilestonePlan)] = L($"里程碑计划不超过{MaxText}个字符", $"The milestone plan must be at most {MaxText} characters");
        if (BudgetAskedWan <= 0) e[nameof(BudgetAskedWan)] = L("申请经费应大于0万元", "The requested funding must be more than 0 (10k CNY)");
        else if (BudgetAskedWan > challengeBudgetWan) e[nameof(BudgetAskedWan)] = L($"申请经费不能超过榜额（{challengeBudgetWan:0.##}万元）", $"The requested funding cannot exceed the challenge budget of {challengeBudgetWan:0.##} (10k CNY)");
        if (string.IsNullOrWhiteSpace(TeamDescription)) e[nameof(TeamDescription)] = L("请介绍攻关团队", "Describe the team");
        else if (TeamDescription.Length > MaxText) e[nameof(TeamDescription)] = L($"团队介绍不超过{MaxText}个字符", $"The team description must be at most {MaxText} characters");
        if (PriorResults is { Length: > MaxText }) e[nameof(PriorResults)] = L($"前期成果不超过{MaxText}个字符", $"Prior results must be at most {MaxText} characters");
        return e;
    }
}

/// <summary>揭榜申请: a team's bid on a challenge. Confidential: only its authors, the poster (after the
/// deadline) and admins see its content. Its transitions take the challenge's deadline so that no bid
/// changes after bidding closed, whatever the challenge's stored state says.</summary>
public class Bid
{
    private Bid() { }

    public Bid(int challengeId, int profileId, int organizationId, string createdByUserId, BidContent content,
        decimal challengeBudgetWan, DateTime nowUtc, DateTime deadlineUtc)
    {
        EnsureBeforeDeadline(nowUtc, deadlineUtc);
        ChallengeId = challengeId;
        ProfileId = profileId;
        OrganizationId = organizationId;
        CreatedByUserId = createdByUserId;
        CreatedAtUtc = nowUtc;
        Apply(content, challengeBudgetWan, nowUtc);
    }

    public int Id { get; private set; }
    public int ChallengeId { get; private set; }
    public Challenges.Challenge? Challenge { get; private set; }
    public int ProfileId { get; private set; }
    public Profiles.CapabilityProfile? Profile { get; private set; }
    public int OrganizationId { get; private set; }
    public Organizations.Organization? Organization { get; private set; }
    public string CreatedByUserId { get; private set; } = "";

    public string TechnicalApproach { get; private set; } = "";
    public string MilestonePlan { get; private set; } = "";
    public decimal BudgetAskedWan { get; private set; }
    public string TeamDescription { get; private set; } = "";
    public string? PriorResults { get; private set; }

    public BidStatus Status { get; private set; } = BidStatus.Draft;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public DateTime? WithdrawnAtUtc { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public long Version { get; private set; }

    /// <summary>Counts against "one active bid per team per challenge".</summary>
    public bool IsActive => Status != BidStatus.Withdrawn;

    public BidContent Content => new()
    {
        TechnicalApproach = TechnicalApproach, MilestonePlan = MilestonePlan, BudgetAskedWan = BudgetAskedWan,
        TeamDescription = TeamDescription, PriorResults = PriorResults,
    };

    public void Edit(BidContent content, decimal challengeBudgetWan, DateTime nowUtc, DateTime deadlineUtc)
    {
        EnsureBeforeDeadline(nowUtc, deadlineUtc);
        if (Status is not (BidStatus.Draft or BidStatus.Submitted)) throw Invalid("edit");
        Apply(content, challengeBudgetWan, nowUtc);
    }

    public void Submit(DateTime nowUtc, DateTime deadlineUtc)
    {
        EnsureBeforeDeadline(nowUtc, deadlineUtc);
        if (Status != BidStatus.Draft) throw Invalid("submit");
        EnsurePartnersConfirmed();
        Status = BidStatus.Submitted;
        SubmittedAtUtc = nowUtc;
        Touch(nowUtc);
    }

    public void Withdraw(DateTime nowUtc, DateTime deadlineUtc)
    {
        EnsureBeforeDeadline(nowUtc, deadlineUtc);
        if (Status is not (BidStatus.Draft or BidStatus.Submitted)) throw Invalid("withdraw");
        Status = BidStatus.Withdrawn;
        WithdrawnAtUtc = nowUtc;
        Touch(nowUtc);
    }

    public void Shortlist(DateTime nowUtc, DateTime deadlineUtc)
    {
        EnsureAfterDeadline(nowUtc, deadlineUtc);
        if (Status != BidStatus.Submitted) throw Invalid("shortlist");
        Status = BidStatus.Shortlisted;
        Touch(nowUtc);
    }

    /// <summary>挂帅: this bid wins (or is one of the 赛马 winners).</summary>
    public void Select(DateTime nowUtc, DateTime deadlineUtc)
    {
        EnsureAfterDeadline(nowUtc, deadlineUtc);
        if (Status is not (BidStatus.Submitted or BidStatus.Shortlisted)) throw Invalid("select");
        Status = BidStatus.Selected;
        DecidedAtUtc = nowUtc;
        Touch(nowUtc);
    }

    /// <summary>Not appointed, with the structured reason the bidder is told (a note is required for "Other").</summary>
    public void MarkNotSelected(NotSelectedReason reason, string? note, DateTime nowUtc, DateTime deadlineUtc)
    {
        EnsureAfterDeadline(nowUtc, deadlineUtc);
        if (Status is not (BidStatus.Submitted or BidStatus.Shortlisted)) throw Invalid("not_select");
        if (!Enum.IsDefined(reason)) throw new DomainException("reason_required", L("请选择未入选原因", "Choose the reason the bid was not selected"));
        if (reason == Bids.NotSelectedReason.Other && string.IsNullOrWhiteSpace(note)) throw new DomainException("reason_required", L("选择“其他”时请填写说明", "Add a note when you choose “Other”"));
        if (note is { Length: > MaxReasonNote }) throw new DomainException("reason_too_long", L($"说明不超过{MaxReasonNote}个字符", $"The note must be at most {MaxReasonNote} characters"));
        Status = BidStatus.NotSelected;
        NotSelectedReason = reason;
        NotSelectedNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        DecidedAtUtc = nowUtc;
        Touch(nowUtc);
    }

    // ── Review, award and delivery (揭榜挂帅 lifecycle after the deadline) ──────────────────────────────

    public const int MaxReasonNote = 1000;

    /// <summary>Why the bid was not appointed; set with <see cref="BidStatus.NotSelected"/>.</summary>
    public NotSelectedReason? NotSelectedReason { get; private set; }
    public string? NotSelectedNote { get; private set; }

    /// <summary>The award was revoked (an objection was upheld): the decision is open again.</summary>
    public void ReopenAfterRevokedAward(DateTime nowUtc)
    {
        if (Status is not (BidStatus.Selected or BidStatus.NotSelected)) throw Invalid("reopen");
        Status = BidStatus.Shortlisted;
        NotSelectedReason = null;
        NotSelectedNote = null;
        DecidedAtUtc = null;
        Touch(nowUtc);
    }

    /// <summary>For demo seeding only: a state from elsewhere.</summary>
    public void ForceStatus(BidStatus status, DateTime nowUtc)
    {
        Status = status;
        if (status != BidStatus.Draft) SubmittedAtUtc ??= nowUtc;
        Touch(nowUtc);
    }

    // ---- Consortium (联合体) and submission receipt ---------------------------------------------------------

    /// <summary>Partner organisations of a consortium bid (the bid's own organisation leads). Load with Include.</summary>
    public List<BidPartner> Partners { get; private set; } = [];

    /// <summary>SHA-256 (lower-case hex) of <see cref="ReceiptJson"/>, the canonical form of what was submitted and when.</summary>
    public string? ReceiptDigest { get; private set; }
    public string? ReceiptJson { get; private set; }
    public DateTime? ReceiptAtUtc { get; private set; }

    /// <summary>The lead organisation and every partner that confirmed: who is "in" this bid (e.g. for recusal).</summary>
    public IReadOnlyList<int> InvolvedOrganizationIds() =>
        [OrganizationId, .. Partners.Where(p => p.State == PartnerState.Confirmed).Select(p => p.OrganizationId).Distinct()];

    /// <summary>Invites a partner organisation; only while the bid is a draft, up to <paramref name="maxPartners"/>.</summary>
    public BidPartner InvitePartner(int organizationId, int maxPartners, DateTime nowUtc, DateTime deadlineUtc)
    {
        EnsureBeforeDeadline(nowUtc, deadlineUtc);
        if (Status != BidStatus.Draft) throw new DomainException("partners_locked", L("只有草稿状态的申请可以调整联合体成员", "Consortium partners can only be changed while the bid is a draft"));
        if (organizationId == OrganizationId) throw new DomainException("partner_is_lead", L("牵头单位不能再作为联合体成员", "The lead organisation cannot also be a consortium partner"));
        if (Partners.Any(p => p.OrganizationId == organizationId && p.State != PartnerState.Declined))
            throw new DomainException("partner_duplicate", L("该机构已在联合体中", "This organisation is already in the consortium"));
        if (Partners.Count(p => p.State != PartnerState.Declined) >= maxPartners)
            throw new DomainException("too_many_partners", L($"联合体成员单位不超过{maxPartners}家（不含牵头单位）", $"At most {maxPartners} consortium partners (not counting the lead organisation)"));
        Partners.RemoveAll(p => p.OrganizationId == organizationId); // a declined invitation may be sent again
        var partner = new BidPartner(organizationId, nowUtc);
        Partners.Add(partner);
        Touch(nowUtc);
        return partner;
    }

    public void RemovePartner(int organizationId, DateTime nowUtc, DateTime deadlineUtc)
    {
        EnsureBeforeDeadline(nowUtc, deadlineUtc);
        if (Status != BidStatus.Draft) throw new DomainException("partners_locked", L("只有草稿状态的申请可以调整联合体成员", "Consortium partners can only be changed while the bid is a draft"));
        Partners.RemoveAll(p => p.OrganizationId == organizationId);
        Touch(nowUtc);
    }

    /// <summary>A user of the partner organisation confirms or declines. Only while the bid is a draft.</summary>
    public void RespondAsPartner(int organizationId, string userId, bool accept, DateTime nowUtc, DateTime deadlineUtc)
    {
        EnsureBeforeDeadline(nowUtc, deadlineUtc);
        if (Status != BidStatus.Draft) throw new DomainException("partners_locked", L("该申请已提交或撤回，不能再确认", "This bid has been submitted or withdrawn and can no longer be confirmed"));
        var partner = Partners.FirstOrDefault(p => p.OrganizationId == organizationId && p.State == PartnerState.Invited)
            ?? throw new DomainException("no_invitation", L("没有待确认的联合体邀请", "There is no consortium invitation awaiting confirmation"));
        partner.Respond(userId, accept, nowUtc);
        Touch(nowUtc);
    }

    /// <summary>For demo seeding only: a partner that already confirmed (or is still invited), whatever the bid's state.</summary>
    internal void SeedPartner(int organizationId, string? confirmedByUserId, DateTime invitedUtc, DateTime? confirmedUtc)
    {
        var partner = new BidPartner(organizationId, invitedUtc);
        if (confirmedByUserId is not null) partner.Respond(confirmedByUserId, accept: true, confirmedUtc ?? invitedUtc);
        Partners.Add(partner);
    }

    public void IssueReceipt(string canonicalJson, string digest, DateTime nowUtc)
    {
        ReceiptJson = canonicalJson;
        ReceiptDigest = digest;
        ReceiptAtUtc = nowUtc;
    }

    private void EnsurePartnersConfirmed()
    {
        if (Partners.Any(p => p.State == PartnerState.Invited))
            throw new DomainException("partners_unconfirmed", L("联合体成员单位尚未全部确认，确认后才能提交", "Not every consortium partner has confirmed yet; the bid can be submitted once they all have"));
        if (Partners.Any(p => p.State == PartnerState.Declined))
            throw new DomainException("partner_declined", L("有联合体成员单位已拒绝，请移除后再提交", "A consortium partner has declined; remove it before submitting"));
    }

    // ---- end consortium and receipt ----

    private void Apply(BidContent c, decimal challengeBudgetWan, DateTime nowUtc)
    {
        var errors = c.Validate(challengeBudgetWan);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        TechnicalApproach = c.TechnicalApproach.Trim();
        MilestonePlan = c.MilestonePlan.Trim();
        BudgetAskedWan = c.BudgetAskedWan;
        TeamDescription = c.TeamDescription.Trim();
        PriorResults = string.IsNullOrWhiteSpace(c.PriorResults) ? null : c.PriorResults.Trim();
        Touch(nowUtc);
    }

    private static void EnsureBeforeDeadline(DateTime nowUtc, DateTime deadlineUtc)
    {
        if (nowUtc >= deadlineUtc) throw new DomainException("deadline_passed", L("揭榜已截止，不能再提交、修改或撤回申请", "The deadline has passed; bids can no longer be submitted, changed or withdrawn"));
    }

    private static void EnsureAfterDeadline(DateTime nowUtc, DateTime deadlineUtc)
    {
        if (nowUtc < deadlineUtc) throw new DomainException("deadline_not_passed", L("揭榜截止前申请处于密封状态，不能评审", "Bids are sealed until the deadline and cannot be reviewed yet"));
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version++;
    }

    private DomainException Invalid(string action) =>
        new("invalid_transition", L($"当前申请状态（{Status}）不允许此操作（{action}）", $"The bid's current status ({Status}) does not allow this action ({action})"));
}

public enum PartnerState { Invited = 0, Confirmed = 1, Declined = 2 }

/// <summary>A partner organisation in a consortium bid, confirmed (or declined) by one of its own users.</summary>
public class BidPartner
{
    private BidPartner() { }

    public BidPartner(int organizationId, DateTime nowUtc)
    {
        OrganizationId = organizationId;
        InvitedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int BidId { get; private set; }
    public int OrganizationId { get; private set; }
    public Organizations.Organization? Organization { get; private set; }
    public PartnerState State { get; private set; }
    public DateTime InvitedAtUtc { get; private set; }
    public DateTime? RespondedAtUtc { get; private set; }
    public string? RespondedByUserId { get; private set; }

    internal void Respond(string userId, bool accept, DateTime nowUtc)
    {
        State = accept ? PartnerState.Confirmed : PartnerState.Declined;
        RespondedAtUtc = nowUtc;
        RespondedByUserId = userId;
    }
}
