using Matchmaking.Application.Common;
using Matchmaking.Application.Exchange;
using Matchmaking.Application.Matching;
using Matchmaking.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Matchmaking.Web.Api;

/// <summary>Matching over HTTP (described at /openapi/v1.json). The caller's cookie decides what they may see:
/// anonymous callers and non-admins are matched against public profiles only; a challenge's recommended teams
/// are for its poster and admins.</summary>
public static class MatchApi
{
    /// <summary>Demands per request: one request stays within a few seconds of scoring.</summary>
    public const int MaxDemands = 200;

    public sealed record RecommendedTeamDto(int ProfileId, string Name, string Organization, string OrgType, double Score,
        IReadOnlyList<string> Reasons);

    public static IEndpointRouteBuilder MapMatchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Matching");

        api.MapPost("/match", async (HttpContext http, MatchingService matching, [FromBody] List<DemandRecord?>? demands,
            [FromQuery] int? top, CancellationToken ct) =>
        {
            var n = top ?? 10;
            if (n is < 1 or > MatchingService.MaxTop)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["top"] = [$"top 应为 1–{MatchingService.MaxTop} (top must be 1–{MatchingService.MaxTop})"] });
            if (demands is null || demands.Count == 0)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["demands"] = ["请提交需求数组 (a JSON array of demands is required)"] });
            if (demands.Count > MaxDemands)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["demands"] = [$"每次最多 {MaxDemands} 条需求 (at most {MaxDemands} demands per request)"] });
            var (docs, errors) = DemandRecords.Check(demands);
            if (errors.Count > 0)
                return Results.ValidationProblem(errors.GroupBy(e => $"[{e.Line - 1}]").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
            return Results.Ok(await matching.MatchDemandsAsync(http.User.ToActor(), docs, n, ct));
        })
        .WithName("MatchDemands")
        .WithSummary("Match demands (exchange format) against capability profiles; one match line per demand, in order")
        .WithDescription("Body: a JSON array of demands {id,title,description,chain,node,bottleneck,skills,fields,budgetWan,deadline,eligible,region}; " +
            "unknown fields are ignored. `top` (1–1000, default 10) matches per demand. Non-admin callers are matched against public profiles only. " +
            "Errors are keyed by array index.")
        .Produces<IReadOnlyList<MatchLine>>()
        .ProducesValidationProblem();

        api.MapGet("/challenges/{id:int}/recommendations", async (HttpContext http, MatchingService matching, int id, [FromQuery] int? top,
            CancellationToken ct) =>
        {
            var n = top ?? 10;
            if (n is < 1 or > MatchingService.MaxTop)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["top"] = [$"top 应为 1–{MatchingService.MaxTop} (top must be 1–{MatchingService.MaxTop})"] });
            try
            {
                var teams = await matching.RecommendTeamsAsync(http.User.ToActor(), id, n, ct);
                return Results.Ok(teams.Select(t => new RecommendedTeamDto(t.ProfileId, t.Name, t.Organization, t.OrgType, Math.Round(t.Score, 4),
                    t.Reasons.Select(r => r.Text).ToList())).ToList());
            }
            catch (NotFoundException) { return Results.NotFound(); }
            catch (AccessDeniedException) { return Results.StatusCode(StatusCodes.Status403Forbidden); }
        })
        .WithName("ChallengeRecommendations")
        .WithSummary("Capability profiles recommended for a challenge, best first (the challenge's poster and admins only)")
        .Produces<IReadOnlyList<RecommendedTeamDto>>()
        .Produces(StatusCodes.Status403Forbidden)
        .Produces(StatusCodes.Status404NotFound);

        return app;
    }
}
