using System.Globalization;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Taxonomy;
using Matchmaking.Core.Search;

namespace Matchmaking.Application.Search;

/// <summary>Maps entities to the core's documents. Facet values are stable codes (ids, enum names, discipline
/// codes); the UI turns them into labels.</summary>
public static class SearchDocuments
{
    public static class Facet
    {
        public const string Chain = "chain", Node = "node", Bottleneck = "bottleneck", Field = "field", Region = "region",
            Status = "status", BudgetBand = "budgetBand", OrgType = "orgType", Visibility = "visibility";
    }

    public static class Number
    {
        public const string Budget = "budget";
    }

    public static class Date
    {
        public const string Deadline = "deadline", Published = "published";
    }

    public static readonly string[] ChallengeFacets = [Facet.Chain, Facet.Node, Facet.Bottleneck, Facet.Field, Facet.Region, Facet.Status, Facet.BudgetBand];
    public static readonly string[] ProfileFacets = [Facet.Field, Facet.Region, Facet.OrgType];

    /// <summary>Budget bands in 万元: [lower, upper) with a label used as the facet value.</summary>
    public static readonly (string Band, decimal Min, decimal Max)[] BudgetBands =
    [
        ("0-100", 0, 100), ("100-500", 100, 500), ("500-1000", 500, 1000), ("1000-3000", 1000, 3000), ("3000+", 3000, decimal.MaxValue),
    ];

    public static string BandOf(decimal budgetWan) => BudgetBands.First(b => budgetWan >= b.Min && budgetWan < b.Max).Band;

    public static readonly ChallengeStatus[] PublicStatuses =
        [ChallengeStatus.Published, ChallengeStatus.Closed, ChallengeStatus.Awarded, ChallengeStatus.Completed];

    public static IndexDocument ForChallenge(Challenge c, string posterName, string posterRegion) => new()
    {
        Id = c.Id.ToString(CultureInfo.InvariantCulture),
        Title = c.Title,
        Body = string.Join("\n", [c.Background, c.PainPoint, .. c.Targets, posterName]),
        Skills = c.Skills,
        Facets = new Dictionary<string, IReadOnlyList<string>>
        {
            [Facet.Chain] = [c.ChainId.ToString(CultureInfo.InvariantCulture)],
            [Facet.Node] = [c.ChainNodeId.ToString(CultureInfo.InvariantCulture)],
            [Facet.Bottleneck] = [c.Bottleneck.ToString()],
            [Facet.Field] = c.FieldCodes.Select(ResearchField.FirstLevel).Distinct().ToList(),
            [Facet.Region] = string.IsNullOrEmpty(posterRegion) ? [] : [Regions.ProvinceOf(posterRegion)],
            [Facet.Status] = [c.Status.ToString()],
            [Facet.BudgetBand] = [BandOf(c.BudgetWan)],
            // A hard filter, never counted: status facet counts drop their own filter, visibility must not.
            [Facet.Visibility] = [c.IsPublic ? "public" : "private"],
        },
        Numbers = new Dictionary<string, double> { [Number.Budget] = (double)c.BudgetWan },
        Dates = new Dictionary<string, DateTime>
        {
            [Date.Deadline] = DateTime.SpecifyKind(c.BidDeadlineUtc, DateTimeKind.Utc),
            [Date.Published] = DateTime.SpecifyKind(c.PublishedAtUtc ?? c.CreatedAtUtc, DateTimeKind.Utc),
        },
    };

    public static IndexDocument ForProfile(CapabilityProfile p) => new()
    {
        Id = p.Id.ToString(CultureInfo.InvariantCulture),
        Title = p.Name,
        Body = string.Join("\n", [p.Summary, p.OrganizationName, p.LeadName, .. p.Achievements.Select(a => a.Title), .. p.Platforms]),
        Skills = p.Skills,
        Facets = new Dictionary<string, IReadOnlyList<string>>
        {
            [Facet.Field] = p.FieldCodes.Select(ResearchField.FirstLevel).Distinct().ToList(),
            [Facet.Region] = string.IsNullOrEmpty(p.RegionCode) ? [] : [Regions.ProvinceOf(p.RegionCode)],
            [Facet.OrgType] = [p.OrgType.ToString()],
            [Facet.Visibility] = [p.IsPublic ? "public" : "private"],
        },
        Dates = new Dictionary<string, DateTime> { [Date.Published] = DateTime.SpecifyKind(p.UpdatedAtUtc, DateTimeKind.Utc) },
    };

    /// <summary>Synonym groups from the skill vocabulary: canonical name, synonyms and English alias search as one.</summary>
    public static SynonymSet Synonyms(IEnumerable<Skill> skills) =>
        new(skills.Select(s => (IReadOnlyList<string>)s.AllForms().Where(f => !string.IsNullOrWhiteSpace(f)).Distinct().ToList())
            .Where(g => g.Count > 1));
}
