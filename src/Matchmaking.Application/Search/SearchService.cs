using System.Globalization;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Profiles;
using Matchmaking.Core.Search;
using Microsoft.EntityFrameworkCore;
using static Matchmaking.Application.Search.SearchDocuments;

namespace Matchmaking.Application.Search;

/// <summary>What a person asks of the challenge search (all optional). Facet selections are OR within a facet,
/// AND across facets.</summary>
public sealed record ChallengeSearchQuery
{
    public string? Text { get; init; }
    public IReadOnlyCollection<string> Chains { get; init; } = [];
    public IReadOnlyCollection<string> Nodes { get; init; } = [];
    public IReadOnlyCollection<string> Bottlenecks { get; init; } = [];
    public IReadOnlyCollection<string> Fields { get; init; } = [];
    public IReadOnlyCollection<string> Regions { get; init; } = [];
    public IReadOnlyCollection<string> Statuses { get; init; } = [];
    public IReadOnlyCollection<string> BudgetBands { get; init; } = [];
    public DateTime? DeadlineFromUtc { get; init; }
    public DateTime? DeadlineToUtc { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

public sealed record ProfileSearchQuery
{
    public string? Text { get; init; }
    public IReadOnlyCollection<string> Fields { get; init; } = [];
    public IReadOnlyCollection<string> Regions { get; init; } = [];
    public IReadOnlyCollection<string> OrgTypes { get; init; } = [];
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

public sealed record ChallengeSearchHit(ChallengeSummary Challenge, string TitleHtml, string SnippetHtml, float Score);

public sealed record ProfileSearchHit(CapabilityProfile Profile, string TitleHtml, string SnippetHtml, float Score);

public sealed record SearchPage<THit>(
    IReadOnlyList<THit> Hits, int Total, int Page, int PageSize,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets, IReadOnlyList<SearchNotice> Notices)
{
    /// <summary>The notices in Chinese (the API's and the CLI's message); the UI words them in the reader's language.</summary>
    public string? Message => SearchNotice.ChineseText(Notices);

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Search over the indexes with the portal's visibility rules applied as hard filters: the public sees
/// only published/closed/awarded/completed challenges and public profiles; admins see everything.</summary>
public sealed class SearchService(SearchIndexer indexer, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<SearchPage<ChallengeSearchHit>> SearchChallengesAsync(Actor actor, ChallengeSearchQuery q, CancellationToken ct = default)
    {
        var filters = new Dictionary<string, IReadOnlyCollection<string>>();
        Add(filters, Facet.Chain, q.Chains);
        Add(filters, Facet.Node, q.Nodes);
        Add(filters, Facet.Bottleneck, q.Bottlenecks);
        Add(filters, Facet.Field, q.Fields);
        Add(filters, Facet.Region, q.Regions);
        Add(filters, Facet.Status, q.Statuses);
        Add(filters, Facet.BudgetBand, q.BudgetBands);
        if (!actor.IsAdmin) filters[Facet.Visibility] = ["public"];
        var dates = new Dictionary<string, (DateTime?, DateTime?)>();
        if (q.DeadlineFromUtc is not null || q.DeadlineToUtc is not null) dates[Date.Deadline] = (q.DeadlineFromUtc, q.DeadlineToUtc);

        var (skip, size, page) = Window(q.Page, q.PageSize);
        var results = indexer.Challenges.Search(new SearchRequest
        {
            Query = q.Text, Filters = filters, DateRanges = dates, Sort = q.Sort, Skip = skip, Take = size, FacetFields = ChallengeFacets,
        });

        var ids = results.Hits.Select(h => int.Parse(h.Id, CultureInfo.InvariantCulture)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var summaries = (await ChallengeService.SummariesAsync(db, db.Challenges.AsNoTracking().Where(c => ids.Contains(c.Id)), includeBidCounts: false, ct))
            .ToDictionary(c => c.Id.ToString(CultureInfo.InvariantCulture));
        // A hit whose row vanished (deleted between index and query) is skipped rather than shown broken.
        var hits = results.Hits.Where(h => summaries.ContainsKey(h.Id))
            .Select(h => new ChallengeSearchHit(summaries[h.Id], h.TitleHighlighted, h.Snippet, h.Score)).ToList();
        return new SearchPage<ChallengeSearchHit>(hits, results.Total, page, size, results.Facets, results.Notices);
    }

    public async Task<SearchPage<ProfileSearchHit>> SearchProfilesAsync(Actor actor, ProfileSearchQuery q, CancellationToken ct = default)
    {
        var filters = new Dictionary<string, IReadOnlyCollection<string>>();
        Add(filters, Facet.Field, q.Fields);
        Add(filters, Facet.Region, q.Regions);
        Add(filters, Facet.OrgType, q.OrgTypes);
        if (!actor.IsAdmin) filters[Facet.Visibility] = ["public"];
        var (skip, size, page) = Window(q.Page, q.PageSize);
        var results = indexer.Profiles.Search(new SearchRequest
        {
            Query = q.Text, Filters = filters, Sort = q.Sort, Skip = skip, Take = size, FacetFields = ProfileFacets,
        });
        var ids = results.Hits.Select(h => int.Parse(h.Id, CultureInfo.InvariantCulture)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Profiles.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var hits = results.Hits.Where(h => rows.ContainsKey(int.Parse(h.Id, CultureInfo.InvariantCulture)))
            .Select(h => new ProfileSearchHit(rows[int.Parse(h.Id, CultureInfo.InvariantCulture)], h.TitleHighlighted, h.Snippet, h.Score)).ToList();
        return new SearchPage<ProfileSearchHit>(hits, results.Total, page, size, results.Facets, results.Notices);
    }

    private static (int skip, int size, int page) Window(int page, int pageSize)
    {
        var size = Math.Clamp(pageSize, 1, SearchRequest.MaxTake);
        page = Math.Clamp(page, 1, SearchRequest.MaxWindow / size);
        return ((page - 1) * size, size, page);
    }

    private static void Add(Dictionary<string, IReadOnlyCollection<string>> filters, string facet, IReadOnlyCollection<string> values)
    {
        var clean = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct().ToList();
        if (clean.Count > 0) filters[facet] = clean;
    }
}
