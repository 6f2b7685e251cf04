namespace Matchmaking.Core.Matching;

/// <summary>An achievement backing a capability profile: a patent, paper, project, award, standard…</summary>
public sealed record Achievement(string Type, string Title, int? Year = null);

/// <summary>A research team's capability profile, as the scorer sees it (mapped by the caller).</summary>
public sealed record CapabilityDoc
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    public string Summary { get; init; } = "";
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>GB/T 13745 discipline codes; the first three digits are the first-level discipline.</summary>
    public IReadOnlyList<string> FieldCodes { get; init; } = [];

    /// <summary>e.g. "University", "ResearchInstitute", "Enterprise"; null when unknown.</summary>
    public string? OrgType { get; init; }

    /// <summary>GB/T 2260 six-digit code (620100 = 兰州市, 620000 = 甘肃省); null when unknown.</summary>
    public string? RegionCode { get; init; }

    public IReadOnlyList<Achievement> Achievements { get; init; } = [];
}

/// <summary>An industry-chain technology demand (a challenge or one item of a demand list).</summary>
public sealed record DemandDoc
{
    public required string Id { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public IReadOnlyList<string> Skills { get; init; } = [];
    public IReadOnlyList<string> FieldCodes { get; init; } = [];

    /// <summary>Organisation types allowed to bid; empty means anyone may.</summary>
    public IReadOnlyList<string> EligibleOrgTypes { get; init; } = [];

    public string? RegionCode { get; init; }
}

/// <summary>The parts of a match score.</summary>
public enum MatchComponent
{
    Text,
    Skill,
    Field,
    Evidence,
    Region,
}

/// <summary>
/// One component of a match: its value (0..1), the weight it was given and the reasons that explain
/// it. A component contributes only when both its value and its weight are positive, and then it
/// always carries at least one reason; a component that does not contribute carries none.
/// </summary>
public sealed record ComponentScore(MatchComponent Component, double Value, double Weight, IReadOnlyList<string> Reasons)
{
    public double Contribution => Value * Weight;
}

/// <summary>A ranked candidate: for a demand, <see cref="CandidateId"/> is a capability profile id; in the reverse direction, a demand id.</summary>
public sealed record Match
{
    public required string CandidateId { get; init; }

    /// <summary>Weighted mean of the applicable components, 0..1.</summary>
    public double Score { get; init; }

    /// <summary>Human-readable reasons, e.g. "技能: 熔盐泵", "学科: 480", "成果: 2023 专利《…》", "文本: 熔盐, 储热".</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Every applicable component with its value, weight and reasons.</summary>
    public IReadOnlyList<ComponentScore> Breakdown { get; init; } = [];

    /// <summary>Alias of <see cref="CandidateId"/> for demand → capability matching.</summary>
    public string CapabilityId => CandidateId;

    public double ValueOf(MatchComponent component) => Breakdown.FirstOrDefault(c => c.Component == component)?.Value ?? 0;
}

/// <summary>Per-request options that are not weights.</summary>
public sealed record MatchOptions
{
    /// <summary>How many matches to return.</summary>
    public int Take { get; init; } = 20;

    /// <summary>Candidates never considered, not even as feedback (e.g. the demand's own source document in an evaluation).</summary>
    public IReadOnlyCollection<string> ExcludeIds { get; init; } = [];

    /// <summary>Matches below this score are dropped.</summary>
    public double MinScore { get; init; }

    /// <summary>How many text candidates to score, instead of <see cref="MatchWeights.Candidates"/>; <c>int.MaxValue</c> scores
    /// every profile the candidate query reaches (coverage counts need that; recommendations do not).</summary>
    public int? Candidates { get; init; }
}
