using Matchmaking.Application.Challenges;
using Matchmaking.Application.Matching;
using Matchmaking.Application.Taxonomy;

namespace Matchmaking.Application.DemandLists;

/// <summary>How an item is covered: by a team in the province; only by teams elsewhere (跨区域); or by no team at all (盲点).</summary>
public enum CoverageLevel { Covered = 0, CrossRegionOnly = 1, BlindSpot = 2 }

/// <summary>A team that covers an item.</summary>
public sealed record CoverageTeam(int ProfileId, string Name, string Organization, string RegionCode, bool InProvince, bool IsPublic,
    double Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>One item's coverage: teams above the threshold in the province and overall, and the best of them.</summary>
public sealed record ItemCoverage(int ItemId, int SortOrder, string Title, string? ExternalId, int? ChallengeId, int ChainNodeId, string NodeName,
    BottleneckType Bottleneck, IReadOnlyList<string> Skills, int InProvince, int Overall, IReadOnlyList<CoverageTeam> BestTeams)
{
    /// <summary>True when the counts are lower bounds: more than <see cref="Matching.MatchingService.MaxTop"/> teams reach the threshold.</summary>
    public bool AtLeast { get; init; }

    public CoverageLevel Level => Overall == 0 ? CoverageLevel.BlindSpot : InProvince == 0 ? CoverageLevel.CrossRegionOnly : CoverageLevel.Covered;
    public bool IsBlindSpot => Level == CoverageLevel.BlindSpot;
}

/// <summary>One cell of the heat-map: the items of a node and bottleneck type, by coverage level.</summary>
public sealed record CoverageCell(int NodeId, BottleneckType Bottleneck, int Items, int Covered, int CrossRegionOnly, int BlindSpots)
{
    /// <summary>The worst level present (what the cell's colour shows); null for an empty cell.</summary>
    public CoverageLevel? Level => Items == 0 ? null : BlindSpots > 0 ? CoverageLevel.BlindSpot : CrossRegionOnly > 0 ? CoverageLevel.CrossRegionOnly : CoverageLevel.Covered;
}

/// <summary>A chain node with one cell per bottleneck type (卡点/堵点/盲点).</summary>
public sealed record NodeCoverage(int NodeId, string Name, string? EnglishName, ChainSegment Segment, IReadOnlyList<CoverageCell> Cells)
{
    public int Items => Cells.Sum(c => c.Items);
    public int Covered => Cells.Sum(c => c.Covered);
    public int CrossRegionOnly => Cells.Sum(c => c.CrossRegionOnly);
    public int BlindSpots => Cells.Sum(c => c.BlindSpots);
}

public sealed record DemandListCoverage(int ListId, string Title, string Batch, int ChainId, string ChainName, DemandListStatus Status,
    double Threshold, string ProvinceCode, IReadOnlyList<ItemCoverage> Items, IReadOnlyList<NodeCoverage> Nodes)
{
    public int Covered => Items.Count(i => i.Level == CoverageLevel.Covered);
    public int CrossRegionOnly => Items.Count(i => i.Level == CoverageLevel.CrossRegionOnly);
    public int BlindSpots => Items.Count(i => i.Level == CoverageLevel.BlindSpot);
}
