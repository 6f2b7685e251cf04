using Matchmaking.Application.Search;
using Matchmaking.Core.Search;
using Matchmaking.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Matchmaking.Web.Api;

/// <summary>The HTTP API (JSON; described at /openapi/v1.json). It applies the same visibility rules as the
/// pages: the caller's cookie decides what they may see, anonymous callers see public records only.</summary>
public static class SearchApi
{
    public sealed record ChallengeHitDto(int Id, string Title, string TitleHtml, string SnippetHtml, string Poster, string Chain, string Node,
        string Bottleneck, decimal BudgetWan, DateTime DeadlineUtc, string Status, IReadOnlyList<string> Skills, float Score);

    public sealed record ProfileHitDto(string Id, string Name, string NameHtml, string SnippetHtml, string Organization, string OrgType,
        IReadOnlyList<string> Skills, IReadOnlyList<string> Fields, float Score);

    public sealed record SearchResponse<T>(int Total, int Page, int PageSize, IReadOnlyList<T> Hits,
        IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets, string? Message);

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Search");

        api.MapGet("/challenges/search", async (HttpContext http, SearchService search,
            [FromQuery] string? q, [FromQuery] string[]? chain, [FromQuery] string[]? node, [FromQuery] string[]? type,
            [FromQuery] string[]? field, [FromQuery] string[]? region, [FromQuery] string[]? status, [FromQuery] string[]? band,
            [FromQuery] DateTime? deadlineFrom, [FromQuery] DateTime? deadlineTo, [FromQuery] SearchSort? sort,
            [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct) =>
        {
            var result = await search.SearchChallengesAsync(http.User.ToActor(), new ChallengeSearchQuery
            {
                Text = q, Chains = chain ?? [], Nodes = node ?? [], Bottlenecks = type ?? [], Fields = field ?? [], Regions = region ?? [],
                Statuses = status ?? [], BudgetBands = band ?? [], DeadlineFromUtc = deadlineFrom, DeadlineToUtc = deadlineTo,
                Sort = sort ?? SearchSort.Relevance, Page = page ?? 1, PageSize = pageSize ?? 20,
            }, ct);
            return new SearchResponse<ChallengeHitDto>(result.Total, result.Page, result.PageSize,
                result.Hits.Select(h => new ChallengeHitDto(h.Challenge.Id, h.Challenge.Title, h.TitleHtml, h.SnippetHtml, h.Challenge.PosterName,
                    h.Challenge.ChainName, h.Challenge.NodeName, h.Challenge.Bottleneck.ToString(), h.Challenge.BudgetWan, h.Challenge.BidDeadlineUtc,
                    h.Challenge.Status.ToString(), h.Challenge.Skills, h.Score)).ToList(),
                result.Facets, result.Message);
        }).WithName("SearchChallenges").WithSummary("Full-text and faceted search over challenges (榜单)");

        api.MapGet("/profiles/search", async (HttpContext http, SearchService search,
            [FromQuery] string? q, [FromQuery] string[]? field, [FromQuery] string[]? region, [FromQuery] string[]? orgType,
            [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct) =>
        {
            var result = await search.SearchProfilesAsync(http.User.ToActor(), new ProfileSearchQuery
            {
                Text = q, Fields = field ?? [], Regions = region ?? [], OrgTypes = orgType ?? [], Page = page ?? 1, PageSize = pageSize ?? 20,
            }, ct);
            return new SearchResponse<ProfileHitDto>(result.Total, result.Page, result.PageSize,
                result.Hits.Select(h => new ProfileHitDto(h.Profile.ExternalId ?? h.Profile.Id.ToString(), h.Profile.Name, h.TitleHtml, h.SnippetHtml,
                    h.Profile.OrganizationName, h.Profile.OrgType.ToString(), h.Profile.Skills, h.Profile.FieldCodes, h.Score)).ToList(),
                result.Facets, result.Message);
        }).WithName("SearchProfiles").WithSummary("Full-text and faceted search over capability profiles (科研能力画像)");

        return app;
    }
}
