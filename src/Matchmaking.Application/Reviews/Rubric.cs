using Matchmaking.Application.Common;

namespace Matchmaking.Application.Reviews;

/// <summary>One criterion of a rubric (评审细则): what is judged and how much it counts.</summary>
public class RubricCriterion
{
    public string Name { get; set; } = "";
    /// <summary>Percentage points; the weights of a rubric add up to 100.</summary>
    public int Weight { get; set; }
    public string? Description { get; set; }
}

/// <summary>评审细则: the criteria with weights on which every bid of one challenge is scored. It is edited by the
/// poster or an admin until the first review is submitted, then locked so that all scores mean the same thing.</summary>
public class Rubric
{
    private Rubric() { }

    public Rubric(int challengeId, IReadOnlyList<RubricCriterion> criteria, string byUserId, DateTime nowUtc)
    {
        ChallengeId = challengeId;
        Apply(criteria, byUserId, nowUtc);
    }

    public const int MaxCriteria = 10, MaxName = 50, MaxDescription = 500;

    public int Id { get; private set; }
    public int ChallengeId { get; private set; }
    public List<RubricCriterion> Criteria { get; private set; } = [];
    public string UpdatedByUserId { get; private set; } = "";
    public DateTime UpdatedAtUtc { get; private set; }
    /// <summary>Set when the first review is submitted; a locked rubric cannot change.</summary>
    public DateTime? LockedAtUtc { get; private set; }
    public long Version { get; private set; }

    public bool IsLocked => LockedAtUtc is not null;

    /// <summary>A sensible starting point for a 揭榜挂帅 panel; the poster adjusts it.</summary>
    public static IReadOnlyList<RubricCriterion> DefaultCriteria() =>
    [
        new() { Name = "技术路线可行性", Weight = 30, Description = "路线是否先进、可行，关键风险是否有对策" },
        new() { Name = "团队能力与前期基础", Weight = 25, Description = "团队构成、相关成果与平台条件" },
        new() { Name = "考核指标可达性", Weight = 25, Description = "能否在攻关期限内达到榜单考核指标" },
        new() { Name = "经费与进度合理性", Weight = 20, Description = "经费测算与里程碑安排是否合理" },
    ];

    public void Replace(IReadOnlyList<RubricCriterion> criteria, string byUserId, DateTime nowUtc)
    {
        if (IsLocked) throw new DomainException("rubric_locked", L("已有专家提交评分，评审细则不能再修改", "Reviewers have already submitted scores, so the rubric can no longer be changed"));
        Apply(criteria, byUserId, nowUtc);
    }

    /// <summary>Locks the rubric (idempotent): called when the first score is submitted.</summary>
    public void Lock(DateTime nowUtc)
    {
        if (IsLocked) return;
        LockedAtUtc = nowUtc;
        Version++;
    }

    public static Dictionary<string, string> Validate(IReadOnlyList<RubricCriterion> criteria)
    {
        var e = new Dictionary<string, string>();
        if (criteria.Count == 0) e["Criteria"] = L("至少设置一项评审指标", "Add at least one criterion");
        else if (criteria.Count > MaxCriteria) e["Criteria"] = L($"评审指标不超过{MaxCriteria}项", $"At most {MaxCriteria} criteria");
        if (criteria.Any(c => string.IsNullOrWhiteSpace(c.Name))) e["Name"] = L("请填写每项评审指标的名称", "Enter a name for every criterion");
        else if (criteria.Any(c => c.Name.Trim().Length > MaxName)) e["Name"] = L($"指标名称不超过{MaxName}个字符", $"Criterion names must be at most {MaxName} characters");
        else if (criteria.Select(c => c.Name.Trim()).Distinct().Count() != criteria.Count) e["Name"] = L("评审指标名称不能重复", "Criterion names must be unique");
        if (criteria.Any(c => c.Description is { Length: > MaxDescription })) e["Description"] = L($"指标说明不超过{MaxDescription}个字符", $"Criterion descriptions must be at most {MaxDescription} characters");
        if (criteria.Any(c => c.Weight is < 1 or > 100)) e["Weight"] = L("每项权重应为1–100", "Each weight must be 1–100");
        else if (criteria.Count > 0 && criteria.Sum(c => c.Weight) != 100) e["Weight"] = L($"权重合计应为100（当前{criteria.Sum(c => c.Weight)}）", $"The weights must add up to 100 (currently {criteria.Sum(c => c.Weight)})");
        return e;
    }

    private void Apply(IReadOnlyList<RubricCriterion> criteria, string byUserId, DateTime nowUtc)
    {
        var errors = Validate(criteria);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        Criteria = criteria.Select(c => new RubricCriterion
        {
            Name = c.Name.Trim(), Weight = c.Weight, Description = string.IsNullOrWhiteSpace(c.Description) ? null : c.Description.Trim(),
        }).ToList();
        UpdatedByUserId = byUserId;
        UpdatedAtUtc = nowUtc;
        Version++;
    }
}
