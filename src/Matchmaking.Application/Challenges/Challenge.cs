using Matchmaking.Application.Common;
using Matchmaking.Application.Organizations;

namespace Matchmaking.Application.Challenges;

public enum ChallengeStatus
{
    Draft = 0, PendingReview = 1, Published = 2, Rejected = 3, Closed = 4, Awarded = 5, Completed = 6, Cancelled = 7,
}

/// <summary>卡点 choke point / 堵点 blockage / 盲点 blind spot.</summary>
public enum BottleneckType { Chokepoint = 1, Blockage = 2, BlindSpot = 3 }

/// <summary>Who may bid (揭榜方 types); a challenge allows one or more.</summary>
[Flags]
public enum EligibleBidders { None = 0, Enterprise = 1, University = 2, ResearchInstitute = 4, All = 7 }

public enum IpArrangement { PosterOwns = 1, BidderOwns = 2, Shared = 3, Negotiated = 4 }

/// <summary>Single winner, or 赛马: several teams race in parallel.</summary>
public enum AwardMode { Single = 1, Parallel = 2 }

/// <summary>The editable content of a challenge, validated as a whole.</summary>
public sealed record ChallengeContent
{
    public string Title { get; init; } = "";
    public string Background { get; init; } = "";
    public string PainPoint { get; init; } = "";
    public IReadOnlyList<string> Targets { get; init; } = [];
    public int ChainId { get; init; }
    public int ChainNodeId { get; init; }
    public BottleneckType Bottleneck { get; init; } = BottleneckType.Chokepoint;
    public IReadOnlyList<string> Skills { get; init; } = [];
    public IReadOnlyList<string> FieldCodes { get; init; } = [];
    public decimal BudgetWan { get; init; }
    public DateTime BidDeadlineUtc { get; init; }
    public int DeliveryMonths { get; init; }
    public IpArrangement IpArrangement { get; init; } = IpArrangement.Negotiated;
    public string? IpNotes { get; init; }
    public EligibleBidders Eligible { get; init; } = EligibleBidders.University | EligibleBidders.ResearchInstitute;
    public AwardMode AwardMode { get; init; } = AwardMode.Single;

    public const int MaxTitle = 80, MaxText = 4000, MaxTargets = 20, MaxTargetLength = 300, MaxSkills = 20;
    public const decimal MaxBudgetWan = 100_000m;

    /// <summary>Every problem with this content, field by field (key = property name); empty when valid.
    /// <paramref name="nowUtc"/> is needed because a deadline must lie in the future when submitted.</summary>
    public Dictionary<string, string> Validate(DateTime nowUtc)
    {
        var e = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Title)) e[nameof(Title)] = L("请填写榜单名称", "Enter the challenge title");
        else if (Title.Trim().Length > MaxTitle) e[nameof(Title)] = L($"榜单名称不超过{MaxTitle}个字符", $"The title has at most {MaxTitle} characters");
        if (string.IsNullOrWhiteSpace(Background)) e[nameof(Background)] = L("请填写需求背景", "Describe the background");
        else if (Background.Length > MaxText) e[nameof(Background)] = L($"需求背景不超过{MaxText}个字符", $"The background has at most {MaxText} characters");
        if (string.IsNullOrWhiteSpace(PainPoint)) e[nameof(PainPoint)] = L("请填写技术痛点", "Describe the technical pain point");
        else if (PainPoint.Length > MaxText) e[nameof(PainPoint)] = L($"技术痛点不超过{MaxText}个字符", $"The pain point has at most {MaxText} characters");
        var targets = Targets.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (targets.Count == 0) e[nameof(Targets)] = L("至少填写一项可量化的考核指标", "Add at least one measurable target");
        else if (targets.Count > MaxTargets) e[nameof(Targets)] = L($"考核指标不超过{MaxTargets}项", $"At most {MaxTargets} targets");
        else if (targets.Any(t => t.Length > MaxTargetLength)) e[nameof(Targets)] = L($"每项考核指标不超过{MaxTargetLength}个字符", $"Each target has at most {MaxTargetLength} characters");
        if (ChainId <= 0) e[nameof(ChainId)] = L("请选择产业链", "Choose an industry chain");
        if (ChainNodeId <= 0) e[nameof(ChainNodeId)] = L("请选择产业链环节", "Choose a chain node");
        if (!Enum.IsDefined(Bottleneck)) e[nameof(Bottleneck)] = L("请选择卡点类型", "Choose the bottleneck type");
        if (Skills.Count(s => !string.IsNullOrWhiteSpace(s)) == 0) e[nameof(Skills)] = L("至少填写一个技术标签", "Add at least one skill tag");
        else if (Skills.Count > MaxSkills) e[nameof(Skills)] = L($"技术标签不超过{MaxSkills}个", $"At most {MaxSkills} skill tags");
        if (FieldCodes.Count == 0) e[nameof(FieldCodes)] = L("至少选择一个学科", "Choose at least one discipline");
        if (BudgetWan <= 0) e[nameof(BudgetWan)] = L("榜额应大于0万元", "The prize budget must be more than 0 (×10k CNY)");
        else if (BudgetWan > MaxBudgetWan) e[nameof(BudgetWan)] = L($"榜额不超过{MaxBudgetWan:0}万元", $"The prize budget is at most {MaxBudgetWan:0} (×10k CNY)");
        if (BidDeadlineUtc <= nowUtc) e[nameof(BidDeadlineUtc)] = L("揭榜截止时间应晚于当前时间", "The bid deadline must be in the future");
        else if (BidDeadlineUtc > nowUtc.AddYears(2)) e[nameof(BidDeadlineUtc)] = L("揭榜截止时间不超过两年", "The bid deadline is at most two years ahead");
        if (DeliveryMonths is < 1 or > 60) e[nameof(DeliveryMonths)] = L("攻关期限应为1–60个月", "The delivery period is 1–60 months");
        if (!Enum.IsDefined(IpArrangement)) e[nameof(IpArrangement)] = L("请选择知识产权归属", "Choose who owns the intellectual property");
        if ((Eligible & EligibleBidders.All) == EligibleBidders.None) e[nameof(Eligible)] = L("至少允许一类揭榜方", "Allow at least one kind of bidder");
        if (!Enum.IsDefined(AwardMode)) e[nameof(AwardMode)] = L("请选择挂帅方式", "Choose the award mode");
        return e;
    }
}

/// <summary>榜单: one technology demand with its lifecycle. Every transition is a method that refuses
/// what the lifecycle does not allow, so the rules are tested without a database.</summary>
public class Challenge
{
    private Challenge() { }

    public Challenge(int posterOrganizationId, string createdByUserId, ChallengeContent content, DateTime nowUtc)
    {
        PosterOrganizationId = posterOrganizationId;
        CreatedByUserId = createdByUserId;
        CreatedAtUtc = nowUtc;
        Apply(content, nowUtc, requireFutureDeadline: false);
    }

    public int Id { get; private set; }
    public string? ExternalId { get; set; }
    public int PosterOrganizationId { get; private set; }
    public Organization? PosterOrganization { get; private set; }
    public string CreatedByUserId { get; private set; } = "";

    public string Title { get; private set; } = "";
    public string Background { get; private set; } = "";
    public string PainPoint { get; private set; } = "";
    public List<string> Targets { get; private set; } = [];
    public int ChainId { get; private set; }
    public int ChainNodeId { get; private set; }
    public BottleneckType Bottleneck { get; private set; }
    public List<string> Skills { get; private set; } = [];
    public List<string> FieldCodes { get; private set; } = [];
    public decimal BudgetWan { get; private set; }
    public DateTime BidDeadlineUtc { get; private set; }
    public int DeliveryMonths { get; private set; }
    public IpArrangement IpArrangement { get; private set; }
    public string? IpNotes { get; private set; }
    public EligibleBidders Eligible { get; private set; }
    public AwardMode AwardMode { get; private set; }

    public ChallengeStatus Status { get; private set; } = ChallengeStatus.Draft;
    public string? RejectionReason { get; private set; }
    public string? CancellationReason { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public DateTime? AwardedAtUtc { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }
    /// <summary>Optimistic concurrency token, bumped by every change.</summary>
    public long Version { get; private set; }
    /// <summary>Detail-page views by others than the poster (and not by bots); incremented in the database
    /// (ChallengeViews.CountAsync), so it neither bumps <see cref="Version"/> nor conflicts with edits.</summary>
    public int ViewCount { get; private set; }

    public ChallengeContent Content => new()
    {
        Title = Title, Background = Background, PainPoint = PainPoint, Targets = [.. Targets], ChainId = ChainId,
        ChainNodeId = ChainNodeId, Bottleneck = Bottleneck, Skills = [.. Skills], FieldCodes = [.. FieldCodes],
        BudgetWan = BudgetWan, BidDeadlineUtc = BidDeadlineUtc, DeliveryMonths = DeliveryMonths,
        IpArrangement = IpArrangement, IpNotes = IpNotes, Eligible = Eligible, AwardMode = AwardMode,
    };

    public bool IsEditable => Status is ChallengeStatus.Draft or ChallengeStatus.Rejected;
    public bool IsPublic => Status is ChallengeStatus.Published or ChallengeStatus.Closed or ChallengeStatus.Awarded or ChallengeStatus.Completed;
    public bool IsOpenForBids(DateTime nowUtc) => Status == ChallengeStatus.Published && nowUtc < BidDeadlineUtc;
    public bool IsDeadlinePassed(DateTime nowUtc) => nowUtc >= BidDeadlineUtc;
    public bool Admits(OrganizationType type) => (Eligible & ToEligible(type)) != EligibleBidders.None;

    public static EligibleBidders ToEligible(OrganizationType type) => type switch
    {
        OrganizationType.Enterprise => EligibleBidders.Enterprise,
        OrganizationType.University => EligibleBidders.University,
        OrganizationType.ResearchInstitute => EligibleBidders.ResearchInstitute,
        _ => EligibleBidders.None,
    };

    /// <summary>Edits the content. A rejected challenge goes back to Draft on edit.</summary>
    public void Edit(ChallengeContent content, DateTime nowUtc)
    {
        if (!IsEditable) throw Invalid("edit");
        Apply(content, nowUtc, requireFutureDeadline: false);
        if (Status == ChallengeStatus.Rejected) Status = ChallengeStatus.Draft;
    }

    public void SubmitForReview(DateTime nowUtc)
    {
        if (!IsEditable) throw Invalid("submit");
        EnsureValid(Content, nowUtc);
        Status = ChallengeStatus.PendingReview;
        SubmittedAtUtc = nowUtc;
        RejectionReason = null;
        Touch(nowUtc);
    }

    public void Approve(DateTime nowUtc)
    {
        if (Status != ChallengeStatus.PendingReview) throw Invalid("approve");
        if (IsDeadlinePassed(nowUtc)) throw new DomainException("deadline_passed", L("揭榜截止时间已过，无法发布；请驳回并让发榜方修改截止时间", "The bid deadline has passed, so the challenge cannot be published; reject it so the poster can change the deadline"));
        Status = ChallengeStatus.Published;
        PublishedAtUtc = nowUtc;
        Touch(nowUtc);
    }

    public void Reject(string reason, DateTime nowUtc)
    {
        if (Status != ChallengeStatus.PendingReview) throw Invalid("reject");
        RejectionReason = RequireReason(reason);
        Status = ChallengeStatus.Rejected;
        Touch(nowUtc);
    }

    /// <summary>Closes bidding once the deadline has passed. Returns false when there is nothing to do.</summary>
    public bool CloseIfDue(DateTime nowUtc)
    {
        if (Status != ChallengeStatus.Published || !IsDeadlinePassed(nowUtc)) return false;
        Status = ChallengeStatus.Closed;
        ClosedAtUtc = nowUtc;
        Touch(nowUtc);
        return true;
    }

    // ── Award and delivery (see Awards/Award.cs and Delivery/) ──────────────────────────────────────────

    /// <summary>挂帅: the winners were decided (all at once; 赛马 picks several) and the 公示 begins.
    /// Only after bidding closed, and only once while an award stands.</summary>
    public void Award(DateTime nowUtc)
    {
        CloseIfDue(nowUtc);
        if (Status != ChallengeStatus.Closed) throw Invalid("award");
        Status = ChallengeStatus.Awarded;
        AwardedAtUtc = nowUtc;
        Touch(nowUtc);
    }

    /// <summary>An upheld objection revoked the award: back to Closed, where the panel may decide again.</summary>
    public void RevokeAward(DateTime nowUtc)
    {
        if (Status != ChallengeStatus.Awarded) throw Invalid("revoke_award");
        Status = ChallengeStatus.Closed;
        AwardedAtUtc = null;
        Touch(nowUtc);
    }

    /// <summary>已验收: called when the delivery of the remaining winners has been accepted milestone by milestone.</summary>
    public void Complete(DateTime nowUtc)
    {
        if (Status != ChallengeStatus.Awarded) throw Invalid("complete");
        Status = ChallengeStatus.Completed;
        CompletedAtUtc = nowUtc;
        Touch(nowUtc);
    }

    /// <summary>撤榜: possible at any point before an award, with a reason.</summary>
    public void Cancel(string reason, DateTime nowUtc)
    {
        if (Status is ChallengeStatus.Awarded or ChallengeStatus.Completed or ChallengeStatus.Cancelled) throw Invalid("cancel");
        CancellationReason = RequireReason(reason);
        Status = ChallengeStatus.Cancelled;
        Touch(nowUtc);
    }

    /// <summary>Re-importing the same external id: the content and poster are replaced whatever the state (the import
    /// refuses challenges that already have bids); the state is then set with <see cref="ForceStatus"/>.</summary>
    public void ReplaceFromImport(int posterOrganizationId, ChallengeContent content, DateTime nowUtc)
    {
        Apply(content, nowUtc, requireFutureDeadline: false);
        PosterOrganizationId = posterOrganizationId;
    }

    /// <summary>Sets the state directly: only for imports and demo seeding, which bring a state from elsewhere.</summary>
    public void ForceStatus(ChallengeStatus status, DateTime nowUtc)
    {
        Status = status;
        if (status >= ChallengeStatus.Published && status != ChallengeStatus.Rejected) PublishedAtUtc ??= nowUtc;
        // Bidding closed at the deadline when that has passed (as the sweep would have closed it), else now; a state
        // before closing has no closing time.
        if (status is ChallengeStatus.Closed or ChallengeStatus.Awarded or ChallengeStatus.Completed)
            ClosedAtUtc ??= BidDeadlineUtc <= nowUtc ? BidDeadlineUtc : nowUtc;
        else if (status != ChallengeStatus.Cancelled) ClosedAtUtc = null;
        Touch(nowUtc);
    }

    public static void EnsureValid(ChallengeContent content, DateTime nowUtc)
    {
        var errors = content.Validate(nowUtc);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }

    private void Apply(ChallengeContent c, DateTime nowUtc, bool requireFutureDeadline)
    {
        var errors = c.Validate(nowUtc);
        if (!requireFutureDeadline) errors.Remove(nameof(ChallengeContent.BidDeadlineUtc));
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        Title = c.Title.Trim();
        Background = c.Background.Trim();
        PainPoint = c.PainPoint.Trim();
        Targets = c.Targets.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList();
        ChainId = c.ChainId;
        ChainNodeId = c.ChainNodeId;
        Bottleneck = c.Bottleneck;
        Skills = c.Skills.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();
        FieldCodes = c.FieldCodes.Distinct().ToList();
        BudgetWan = c.BudgetWan;
        BidDeadlineUtc = DateTime.SpecifyKind(c.BidDeadlineUtc, DateTimeKind.Utc);
        DeliveryMonths = c.DeliveryMonths;
        IpArrangement = c.IpArrangement;
        IpNotes = string.IsNullOrWhiteSpace(c.IpNotes) ? null : c.IpNotes.Trim();
        Eligible = c.Eligible & EligibleBidders.All;
        AwardMode = c.AwardMode;
        Touch(nowUtc);
    }

    private static string RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("reason_required", L("请填写原因", "Give a reason"));
        if (reason.Length > 1000) throw new DomainException("reason_too_long", L("原因不超过1000个字符", "The reason has at most 1000 characters"));
        return reason.Trim();
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version++;
    }

    private DomainException Invalid(string action) =>
        new("invalid_transition", L($"当前状态（{Status}）不允许此操作（{action}）", $"Not allowed in the current status ({Status}): {action}"));
}
