using System.Text.Json.Serialization;

namespace Matchmaking.Application.Exchange;

/// <summary>The JSON Lines exchange format of DESIGN.md §6, shared by import, export, the command-line tool and
/// the HTTP API. Unknown fields are ignored; `id` is the importer's own id, echoed back unchanged.</summary>
public sealed record ProfileRecord
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("lead")] public string? Lead { get; init; }
    [JsonPropertyName("organization")] public string? Organization { get; init; }
    [JsonPropertyName("orgType")] public string? OrgType { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("fields")] public List<string>? Fields { get; init; }
    [JsonPropertyName("skills")] public List<string>? Skills { get; init; }
    [JsonPropertyName("summary")] public string? Summary { get; init; }
    [JsonPropertyName("achievements")] public List<AchievementRecord>? Achievements { get; init; }
    [JsonPropertyName("platforms")] public List<string>? Platforms { get; init; }
}

/// <summary>A challenge (榜单) to import: the challenge / demand line of DESIGN.md §6 plus what a challenge needs beyond
/// matching — its poster (<c>organization</c> by name or 统一社会信用代码, or <c>creditCode</c>), state, pain point,
/// targets and delivery period. <c>region</c> is accepted and ignored: a challenge's region is its poster's.</summary>
public sealed record ChallengeRecord
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("painPoint")] public string? PainPoint { get; init; }
    [JsonPropertyName("targets")] public List<string>? Targets { get; init; }
    [JsonPropertyName("chain")] public string? Chain { get; init; }
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("bottleneck")] public string? Bottleneck { get; init; }
    [JsonPropertyName("skills")] public List<string>? Skills { get; init; }
    [JsonPropertyName("fields")] public List<string>? Fields { get; init; }
    [JsonPropertyName("budgetWan")] public decimal? BudgetWan { get; init; }
    [JsonPropertyName("deadline")] public string? Deadline { get; init; }
    [JsonPropertyName("deliveryMonths")] public int? DeliveryMonths { get; init; }
    [JsonPropertyName("eligible")] public List<string>? Eligible { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("organization")] public string? Organization { get; init; }
    [JsonPropertyName("creditCode")] public string? CreditCode { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
}

public sealed record AchievementRecord
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("year")] public int? Year { get; init; }
}

public sealed record MatchLine(
    [property: JsonPropertyName("demandId")] string DemandId,
    [property: JsonPropertyName("matches")] IReadOnlyList<MatchEntry> Matches);

public sealed record MatchEntry(
    [property: JsonPropertyName("capabilityId")] string CapabilityId,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons);
