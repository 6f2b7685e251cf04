using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;

namespace Matchmaking.Application.Awards;

public enum AwardStatus { Publicity = 0, Final = 1, Revoked = 2 }

/// <summary>The reason a not-selected bidder receives, chosen when the award is decided.</summary>
public sealed record NotSelectedDecision(NotSelectedReason Reason, string? Note = null);

/// <summary>挂帅决定 with its 公示: the winners of one challenge are decided at once, then publicised for a
/// configured number of days during which registered users may object. After the window, once every objection
/// is answered, the award is final and delivery starts. An upheld objection revokes it.</summary>
public class Award
{
    private Award() { }

    public int Id { get; private set; }
    public int ChallengeId { get; private set; }
    public Challenge? Challenge { get; private set; }
    public AwardStatus Status { get; private set; }
    public AwardMode Mode { get; private set; }
    public string DecidedByUserId { get; private set; } = "";
    public DateTime DecidedAtUtc { get; private set; }
    public DateTime PublicityEndsAtUtc { get; private set; }
    public DateTime? FinalizedAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }
    public string? RevokedReason { get; private set; }
    /// <summary>The ids of the appointed bids (a snapshot; the bids carry Selected too).</summary>
    public List<int> WinnerBidIds { get; private set; } = [];
    public List<Objection> Objections { get; private set; } = [];
    public long Version { get; private set; }

    public bool IsInPublicity => Status == AwardStatus.Publicity;
    public bool IsObjectionWindowOpen(DateTime nowUtc) => Status == AwardStatus.Publicity && nowUtc < PublicityEndsAtUtc;
    public int OpenObjections => Objections.Count(o => o.IsOpen);

    /// <summary>Decides the award: <paramref name="winnerBidIds"/> are appointed, every other bid under review gets its
    /// reason, the challenge becomes Awarded and the 公示 starts. Single mode takes exactly one winner; 赛马 up to
    /// <paramref name="maxParallelWinners"/>.</summary>
    public static Award Decide(Challenge challenge, IReadOnlyList<Bid> bids, IReadOnlyCollection<int> winnerBidIds,
        IReadOnlyDictionary<int, NotSelectedDecision> reasons, string byUserId, int maxParallelWinners, int publicityDays, DateTime nowUtc)
    {
        challenge.CloseIfDue(nowUtc);
        if (challenge.Status != ChallengeStatus.Closed)
            throw new DomainException("not_closed", L("只有揭榜截止、尚未挂帅的榜单可以作出挂帅决定", "An award decision can only be made once bidding has closed and before the challenge is awarded"));
        var candidates = bids.Where(b => b.ChallengeId == challenge.Id && b.Status is BidStatus.Submitted or BidStatus.Shortlisted).ToList();
        var winners = winnerBidIds.Distinct().ToList();
        if (winners.Count == 0) throw new DomainException("no_winner", L("请至少选择一个揭榜方", "Select at least one bidder"));
        if (winners.Any(id => candidates.All(b => b.Id != id))) throw new DomainException("not_candidate", L("所选申请不在评审中", "A selected bid is not under review"));
        if (challenge.AwardMode == AwardMode.Single && winners.Count > 1)
            throw new DomainException("single_winner", L("该榜单为单一挂帅，只能选择一个揭榜方", "This challenge has a single award; select only one bidder"));
        if (winners.Count > maxParallelWinners)
            throw new DomainException("too_many_winners", L($"赛马制最多同时支持{maxParallelWinners}个团队", $"A parallel award allows at most {maxParallelWinners} teams"));
        var losers = candidates.Where(b => !winners.Contains(b.Id)).ToList();
        var missing = losers.Where(b => !reasons.ContainsKey(b.Id)).ToList();
        if (missing.Count > 0) throw new DomainException("reason_required", L("请为每个未入选的申请选择原因", "Choose a reason for every bid that is not selected"));
        if (publicityDays < 1) throw new DomainException("config", L("公示期至少1天", "The publicity period must be at least 1 day"));

        foreach (var w in candidates.Where(b => winners.Contains(b.Id))) w.Select(nowUtc, challenge.BidDeadlineUtc);
        foreach (var l in losers) l.MarkNotSelected(reasons[l.Id].Reason, reasons[l.Id].Note, nowUtc, challenge.BidDeadlineUtc);
        challenge.Award(nowUtc);
        return new Award
        {
            ChallengeId = challenge.Id, Challenge = challenge, Status = AwardStatus.Publicity, Mode = challenge.AwardMode,
            DecidedByUserId = byUserId, DecidedAtUtc = nowUtc, PublicityEndsAtUtc = nowUtc.AddDays(publicityDays),
            WinnerBidIds = winners.Order().ToList(), Version = 1,
        };
    }

    /// <summary>An award decided elsewhere (demo seeding of challenges that reached Awarded/Completed before this
    /// record existed): the bids and the challenge already carry the decision.</summary>
    public static Award Restore(Challenge challenge, IReadOnlyList<int> winnerBidIds, string byUserId, DateTime decidedAtUtc, int publicityDays, DateTime nowUtc)
    {
        if (challenge.Status is not (ChallengeStatus.Awarded or ChallengeStatus.Completed)) throw new DomainException("not_awarded", L("榜单尚未挂帅", "This challenge has not been awarded yet"));
        var award = new Award
        {
            ChallengeId = challenge.Id, Challenge = challenge, Status = AwardStatus.Publicity, Mode = challenge.AwardMode, DecidedByUserId = byUserId,
            DecidedAtUtc = decidedAtUtc, PublicityEndsAtUtc = decidedAtUtc.AddDays(publicityDays), WinnerBidIds = winnerBidIds.Order().ToList(), Version = 1,
        };
        award.FinalizeIfDue(nowUtc < award.PublicityEndsAtUtc ? nowUtc : award.PublicityEndsAtUtc);
        return award;
    }

    /// <summary>异议: any registered user, during the window.</summary>
    public Objection Lodge(string userId, string text, DateTime nowUtc)
    {
        if (!IsObjectionWindowOpen(nowUtc)) throw new DomainException("publicity_closed", L("公示期已结束，不能再提出异议", "The publicity period has ended; objections can no longer be lodged"));
        var objection = new Objection(this, userId, text, nowUtc);
        Objections.Add(objection);
        return objection;
    }

    /// <summary>An admin answers an objection. Upheld: the award is revoked, the winners and the others are open
    /// again (Shortlisted) and the challenge goes back to Closed for a new decision.</summary>
    public void Answer(Objection objection, string answer, bool upheld, string adminUserId, Challenge challenge, IReadOnlyList<Bid> bids, DateTime nowUtc)
    {
        if (!Objections.Contains(objection)) throw new DomainException("wrong_objection", L("该异议不属于此公示", "This objection does not belong to this publicity notice"));
        if (Status != AwardStatus.Publicity) throw new DomainException("not_in_publicity", L("公示已结束", "The publicity period has ended"));
        objection.Answer(answer, upheld, adminUserId, nowUtc);
        if (!upheld) return;
        Status = AwardStatus.Revoked;
        RevokedAtUtc = nowUtc;
        RevokedReason = objection.AnswerText;
        foreach (var b in bids.Where(b => b.ChallengeId == ChallengeId && b.Status is BidStatus.Selected or BidStatus.NotSelected))
            b.ReopenAfterRevokedAward(nowUtc);
        challenge.RevokeAward(nowUtc);
        Version++;
    }

    /// <summary>Makes the award final once the window is over and every objection is answered. False when not yet.</summary>
    public bool FinalizeIfDue(DateTime nowUtc)
    {
        if (Status != AwardStatus.Publicity || nowUtc < PublicityEndsAtUtc || OpenObjections > 0) return false;
        Status = AwardStatus.Final;
        FinalizedAtUtc = nowUtc;
        Version++;
        return true;
    }
}

public enum ObjectionStatus { Open = 0, Dismissed = 1, Upheld = 2 }

/// <summary>异议: a registered user's objection to an award in 公示. Admins must answer it; an open objection
/// holds the award back from becoming final.</summary>
public class Objection
{
    private Objection() { }

    internal Objection(Award award, string userId, string text, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("text_required", L("请填写异议内容", "Write your objection"));
        if (text.Length > MaxText) throw new DomainException("text_too_long", L($"异议内容不超过{MaxText}个字符", $"An objection must be at most {MaxText} characters"));
        Award = award;
        ByUserId = userId;
        Text = text.Trim();
        LodgedAtUtc = nowUtc;
    }

    public const int MaxText = 2000;

    public int Id { get; private set; }
    public int AwardId { get; private set; }
    public Award? Award { get; private set; }
    public string ByUserId { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTime LodgedAtUtc { get; private set; }
    public ObjectionStatus Status { get; private set; }
    public string? AnswerText { get; private set; }
    public string? AnsweredByUserId { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }
    public long Version { get; private set; }

    public bool IsOpen => Status == ObjectionStatus.Open;

    internal void Answer(string answer, bool upheld, string adminUserId, DateTime nowUtc)
    {
        if (!IsOpen) throw new DomainException("already_answered", L("该异议已答复", "This objection has already been answered"));
        if (string.IsNullOrWhiteSpace(answer)) throw new DomainException("text_required", L("请填写答复内容", "Write an answer"));
        if (answer.Length > MaxText) throw new DomainException("text_too_long", L($"答复不超过{MaxText}个字符", $"An answer must be at most {MaxText} characters"));
        Status = upheld ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed;
        AnswerText = answer.Trim();
        AnsweredByUserId = adminUserId;
        AnsweredAtUtc = nowUtc;
        Version++;
    }
}
