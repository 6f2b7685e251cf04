using Matchmaking.Application.Common;

namespace Matchmaking.Application.Delivery;

public enum MilestoneStatus { Planned = 0, Submitted = 1, Accepted = 2, Returned = 3, Stopped = 4, Cancelled = 5 }

/// <summary>里程碑: one deliverable of an appointed team with a due date. The team submits it with evidence; the
/// poster accepts it (验收) or returns it with a comment, after which the team may submit again. Under 赛马 the
/// poster may stop a team at a milestone gate: that milestone is Stopped and the team's later ones Cancelled.</summary>
public class Milestone
{
    private Milestone() { }

    public Milestone(int challengeId, int bidId, int sequence, string title, DateTime dueUtc, string createdByUserId, DateTime nowUtc)
    {
        ChallengeId = challengeId;
        BidId = bidId;
        Sequence = sequence;
        CreatedByUserId = createdByUserId;
        CreatedAtUtc = nowUtc;
        SetPlan(title, dueUtc, nowUtc);
    }

    public const int MaxTitle = 200, MaxText = 2000;

    public int Id { get; private set; }
    public int ChallengeId { get; private set; }
    public int BidId { get; private set; }
    public int Sequence { get; private set; }
    public string Title { get; private set; } = "";
    public DateTime DueUtc { get; private set; }
    public MilestoneStatus Status { get; private set; }
    /// <summary>The team's note for the latest submission; evidence files are attachments of kind MilestoneEvidence.</summary>
    public string? EvidenceNote { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    /// <summary>The poster's comment on the latest decision (acceptance, return or stop).</summary>
    public string? DecisionComment { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? DecidedByUserId { get; private set; }
    public int ReturnCount { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    /// <summary>When the "due soon" reminder went out, so it goes out once.</summary>
    public DateTime? DueReminderSentAtUtc { get; private set; }
    public long Version { get; private set; }

    public bool IsOpen => Status is MilestoneStatus.Planned or MilestoneStatus.Submitted or MilestoneStatus.Returned;
    public bool IsOverdue(DateTime nowUtc) => Status is MilestoneStatus.Planned or MilestoneStatus.Returned && nowUtc > DueUtc;

    /// <summary>Changes title and due date while nothing was submitted yet.</summary>
    public void Replan(string title, DateTime dueUtc, DateTime nowUtc)
    {
        if (Status != MilestoneStatus.Planned) throw Invalid("replan");
        SetPlan(title, dueUtc, nowUtc);
    }

    /// <summary>The team hands the milestone in (again, after a return) with its evidence.</summary>
    public void Submit(string evidenceNote, DateTime nowUtc)
    {
        if (Status is not (MilestoneStatus.Planned or MilestoneStatus.Returned)) throw Invalid("submit");
        EvidenceNote = RequireText(evidenceNote, L("请说明交付成果与证明材料", "Describe the deliverable and its evidence"));
        SubmittedAtUtc = nowUtc;
        Status = MilestoneStatus.Submitted;
        Touch(nowUtc);
    }

    public void Accept(string? comment, string byUserId, DateTime nowUtc)
    {
        if (Status != MilestoneStatus.Submitted) throw Invalid("accept");
        if (comment is { Length: > MaxText }) throw new DomainException("text_too_long", L($"意见不超过{MaxText}个字符", $"The comment must be at most {MaxText} characters"));
        Decide(MilestoneStatus.Accepted, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), byUserId, nowUtc);
    }

    /// <summary>退回: the evidence does not meet the target; the comment says why.</summary>
    public void Return(string comment, string byUserId, DateTime nowUtc)
    {
        if (Status != MilestoneStatus.Submitted) throw Invalid("return");
        Decide(MilestoneStatus.Returned, RequireText(comment, L("请填写退回意见", "Write a comment saying why the milestone is returned")), byUserId, nowUtc);
        ReturnCount++;
    }

    internal void Stop(string reason, string byUserId, DateTime nowUtc)
    {
        if (!IsOpen) throw Invalid("stop");
        Decide(MilestoneStatus.Stopped, RequireText(reason, L("请填写终止原因", "Write the reason for stopping the team")), byUserId, nowUtc);
    }

    internal void CancelAfterStop(string byUserId, DateTime nowUtc)
    {
        if (!IsOpen) return;
        Decide(MilestoneStatus.Cancelled, null, byUserId, nowUtc);
    }

    /// <summary>True (once) when the milestone is due within <paramref name="days"/> and still open on the team's side.</summary>
    public bool NeedsDueReminder(DateTime nowUtc, int days) =>
        DueReminderSentAtUtc is null && Status is MilestoneStatus.Planned or MilestoneStatus.Returned
        && DueUtc > nowUtc && DueUtc <= nowUtc.AddDays(days);

    public void MarkDueReminderSent(DateTime nowUtc)
    {
        DueReminderSentAtUtc = nowUtc;
        Version++;
    }

    private void Decide(MilestoneStatus to, string? comment, string byUserId, DateTime nowUtc)
    {
        Status = to;
        DecisionComment = comment;
        DecidedByUserId = byUserId;
        DecidedAtUtc = nowUtc;
        Touch(nowUtc);
    }

    private void SetPlan(string title, DateTime dueUtc, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new DomainException("title_required", L("请填写里程碑名称", "Enter the milestone title"));
        if (title.Trim().Length > MaxTitle) throw new DomainException("title_too_long", L($"里程碑名称不超过{MaxTitle}个字符", $"The milestone title must be at most {MaxTitle} characters"));
        if (dueUtc <= nowUtc) throw new DomainException("due_in_past", L("里程碑截止日期应晚于今天", "The milestone due date must be after today"));
        Title = title.Trim();
        DueUtc = DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc);
        Touch(nowUtc);
    }

    private static string RequireText(string? text, string message)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("text_required", message);
        if (text.Length > MaxText) throw new DomainException("text_too_long", L($"内容不超过{MaxText}个字符", $"The text must be at most {MaxText} characters"));
        return text.Trim();
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version++;
    }

    private DomainException Invalid(string action) =>
        new("invalid_transition", L($"当前里程碑状态（{Status}）不允许此操作（{action}）", $"The milestone's current status ({Status}) does not allow this action ({action})"));
}
