using Matchmaking.Application.Bids;
using Matchmaking.Application.Common;

namespace Matchmaking.Application.Reviews;

/// <summary>The score one reviewer gave one bid on one criterion (0–10).</summary>
public class CriterionScore
{
    public string Criterion { get; set; } = "";
    public int Score { get; set; }
}

/// <summary>专家评分: one reviewer's scores and comment for one bid. The comment is for the panel only (never
/// the bidder). Editable until the award is decided.</summary>
public class Review
{
    private Review() { }

    public const int MaxScore = 10, MaxComment = 2000;

    public int Id { get; private set; }
    public int ChallengeId { get; private set; }
    public int BidId { get; private set; }
    public int AssignmentId { get; private set; }
    public string ReviewerUserId { get; private set; } = "";
    public List<CriterionScore> Scores { get; private set; } = [];
    /// <summary>Weighted total on a 0–100 scale.</summary>
    public decimal Total { get; private set; }
    public string Comment { get; private set; } = "";
    public DateTime SubmittedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public long Version { get; private set; }

    /// <summary>Scores a bid. Refuses a reviewer who has not declared "no conflict", a bid that involves the
    /// reviewer's organisation, a bid that is not under review, and scores that do not match the rubric.</summary>
    public static Review Submit(ReviewAssignment assignment, Bid bid, Rubric rubric, IReadOnlyDictionary<string, int> scores,
        string comment, DateTime nowUtc)
    {
        EnsureMayScore(assignment, bid, rubric);
        var review = new Review
        {
            ChallengeId = assignment.ChallengeId, BidId = bid.Id, AssignmentId = assignment.Id, ReviewerUserId = assignment.ReviewerUserId,
            SubmittedAtUtc = nowUtc,
        };
        review.Apply(rubric, scores, comment, nowUtc);
        rubric.Lock(nowUtc);
        return review;
    }

    public void Revise(ReviewAssignment assignment, Bid bid, Rubric rubric, IReadOnlyDictionary<string, int> scores, string comment, DateTime nowUtc)
    {
        if (assignment.Id != AssignmentId || bid.Id != BidId) throw new DomainException("wrong_review", L("评分与评审任务不符", "The score does not match the review assignment"));
        EnsureMayScore(assignment, bid, rubric);
        Apply(rubric, scores, comment, nowUtc);
    }

    /// <summary>Σ score/10 × weight: 0–100.</summary>
    public static decimal WeightedTotal(Rubric rubric, IReadOnlyDictionary<string, int> scores) =>
        Math.Round(rubric.Criteria.Sum(c => scores[c.Name] * (decimal)c.Weight / MaxScore), 1);

    private static void EnsureMayScore(ReviewAssignment assignment, Bid bid, Rubric rubric)
    {
        if (assignment.ChallengeId != bid.ChallengeId || rubric.ChallengeId != bid.ChallengeId)
            throw new DomainException("wrong_challenge", L("该申请不属于此榜单", "This bid does not belong to this challenge"));
        if (assignment.IsRecused) throw new DomainException("recused", L("您已申请回避，不能评分", "You have recused yourself and cannot score"));
        if (!assignment.CanScore) throw new DomainException("conflict_not_declared", L("评分前请先声明是否存在利益冲突", "Declare whether you have a conflict of interest before scoring"));
        if (assignment.Excludes(bid)) throw new DomainException("excluded_same_org", L("您与该揭榜方属同一单位（或联合体成员），已自动回避", "You belong to the same organisation as this bidder (or a consortium partner) and are recused automatically"));
        if (bid.Status is not (BidStatus.Submitted or BidStatus.Shortlisted))
            throw new DomainException("not_under_review", L("该申请当前不在评审中", "This bid is not under review"));
    }

    private void Apply(Rubric rubric, IReadOnlyDictionary<string, int> scores, string comment, DateTime nowUtc)
    {
        var e = new Dictionary<string, string>();
        var missing = rubric.Criteria.Where(c => !scores.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0) e["Scores"] = L($"请为每项指标打分（缺：{string.Join("、", missing)}）", $"Score every criterion (missing: {string.Join(", ", missing)})");
        else if (scores.Keys.Any(k => rubric.Criteria.All(c => c.Name != k))) e["Scores"] = L("评分含有评审细则以外的指标", "The scores include criteria that are not in the rubric");
        else if (scores.Values.Any(s => s is < 0 or > MaxScore)) e["Scores"] = L($"每项评分应为0–{MaxScore}分", $"Each score must be 0–{MaxScore}");
        if (string.IsNullOrWhiteSpace(comment)) e["Comment"] = L("请填写评审意见", "Enter your review comments");
        else if (comment.Length > MaxComment) e["Comment"] = L($"评审意见不超过{MaxComment}个字符", $"Review comments must be at most {MaxComment} characters");
        if (e.Count > 0) throw new ValidationFailedException(e);
        Scores = rubric.Criteria.Select(c => new CriterionScore { Criterion = c.Name, Score = scores[c.Name] }).ToList();
        Total = WeightedTotal(rubric, scores);
        Comment = comment.Trim();
        UpdatedAtUtc = nowUtc;
        Version++;
    }
}
