using Matchmaking.Application.Bids;
using Matchmaking.Application.Common;

namespace Matchmaking.Application.Reviews;

/// <summary>A reviewer's answer to "do you have a conflict of interest (利益冲突) with this challenge's bidders?".</summary>
public enum ConflictDeclaration { Pending = 0, NoConflict = 1, Recused = 2 }

/// <summary>One member of a challenge's review panel: an expert invited by an admin, or the poster's own
/// representative. Nobody scores before declaring conflicts; a reviewer who declares one is recused (回避).
/// Bids involving the reviewer's own organisation are excluded automatically, bid by bid.</summary>
public class ReviewAssignment
{
    private ReviewAssignment() { }

    public ReviewAssignment(int challengeId, string reviewerUserId, int? reviewerOrganizationId, bool isPoster, string assignedByUserId, DateTime nowUtc)
    {
        ChallengeId = challengeId;
        ReviewerUserId = reviewerUserId;
        ReviewerOrganizationId = reviewerOrganizationId;
        IsPoster = isPoster;
        AssignedByUserId = assignedByUserId;
        AssignedAtUtc = nowUtc;
    }

    public const int MaxNote = 1000;

    public int Id { get; private set; }
    public int ChallengeId { get; private set; }
    public string ReviewerUserId { get; private set; } = "";
    /// <summary>The reviewer's organisation when assigned: bids that involve it are excluded from their scoring.</summary>
    public int? ReviewerOrganizationId { get; private set; }
    /// <summary>The poster's representative on the panel (not an invited expert).</summary>
    public bool IsPoster { get; private set; }
    public string AssignedByUserId { get; private set; } = "";
    public DateTime AssignedAtUtc { get; private set; }
    public ConflictDeclaration Conflict { get; private set; }
    public string? ConflictNote { get; private set; }
    public DateTime? DeclaredAtUtc { get; private set; }
    public long Version { get; private set; }

    public bool IsRecused => Conflict == ConflictDeclaration.Recused;
    public bool CanScore => Conflict == ConflictDeclaration.NoConflict;

    /// <summary>True when this reviewer must not score the bid because their organisation is involved in it.</summary>
    public bool Excludes(Bid bid) => ReviewerOrganizationId is { } org && bid.InvolvedOrganizationIds().Contains(org);

    public void DeclareNoConflict(DateTime nowUtc)
    {
        if (Conflict != ConflictDeclaration.Pending) throw new DomainException("already_declared", L("已声明过利益冲突情况", "Conflict of interest already declared"));
        Conflict = ConflictDeclaration.NoConflict;
        ConflictNote = null;
        DeclaredAtUtc = nowUtc;
        Version++;
    }

    /// <summary>回避: the reviewer declares a conflict and leaves the panel; possible until they score, with a note.</summary>
    public void Recuse(string note, bool hasSubmittedReviews, DateTime nowUtc)
    {
        if (IsRecused) throw new DomainException("already_declared", L("已申请回避", "Recusal already requested"));
        if (hasSubmittedReviews) throw new DomainException("already_scored", L("已提交评分，不能再申请回避；请联系管理员", "You have already submitted scores and can no longer recuse yourself; contact an administrator"));
        if (string.IsNullOrWhiteSpace(note)) throw new DomainException("reason_required", L("请说明利益冲突情况", "Describe the conflict of interest"));
        if (note.Length > MaxNote) throw new DomainException("reason_too_long", L($"说明不超过{MaxNote}个字符", $"At most {MaxNote} characters"));
        Conflict = ConflictDeclaration.Recused;
        ConflictNote = note.Trim();
        DeclaredAtUtc = nowUtc;
        Version++;
    }
}
