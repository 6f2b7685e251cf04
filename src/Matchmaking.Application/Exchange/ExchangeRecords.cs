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
