using System.Globalization;
using System.Text.Json.Serialization;
using Matchmaking.Application.Exchange;
using Matchmaking.Application.Organizations;
using Matchmaking.Core.Matching;

namespace Matchmaking.Application.Matching;

/// <summary>A challenge / demand-list item in the exchange format (DESIGN.md §6). Unknown fields are ignored.</summary>
public sealed record DemandRecord
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("chain")] public string? Chain { get; init; }
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("bottleneck")] public string? Bottleneck { get; init; }
    [JsonPropertyName("skills")] public List<string>? Skills { get; init; }
    [JsonPropertyName("fields")] public List<string>? Fields { get; init; }
    [JsonPropertyName("budgetWan")] public decimal? BudgetWan { get; init; }
    [JsonPropertyName("deadline")] public string? Deadline { get; init; }
    [JsonPropertyName("eligible")] public List<string>? Eligible { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
}

/// <summary>Reads and checks demand records; every problem is reported with its line (or, for the HTTP API, item) number.</summary>
public static class DemandRecords
{
    public const int MaxIdLength = 100;

    /// <summary>JSON Lines in; the valid demands, or every problem (then nothing should be matched).</summary>
    public static (List<DemandDoc> Demands, List<LineError> Errors) Read(Stream jsonLines)
    {
        var (records, errors) = JsonLines.Read<DemandRecord>(jsonLines);
        var (demands, problems) = CheckNumbered(records.Select(r => (r.Line, (DemandRecord?)r.Record)));
        errors.AddRange(problems);
        return (demands, errors.OrderBy(e => e.Line).ToList());
    }

    /// <summary>Records already parsed (numbered 1, 2, … as given) checked and mapped.</summary>
    public static (List<DemandDoc> Demands, List<LineError> Errors) Check(IEnumerable<DemandRecord?> records) =>
        CheckNumbered(records.Select((r, i) => (i + 1, r)));

    private static (List<DemandDoc> Demands, List<LineError> Errors) CheckNumbered(IEnumerable<(int Line, DemandRecord? Record)> records)
    {
        var demands = new List<DemandDoc>();
        var errors = new List<LineError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, r) in records)
        {
            if (r is null) { errors.Add(new LineError(line, "应为一个 JSON 对象 (expected a JSON object)")); continue; }
            var problems = new List<string>();
            var id = r.Id?.Trim();
            if (string.IsNullOrEmpty(id)) problems.Add("缺少 id (missing id)");
            else if (id.Length > MaxIdLength) problems.Add($"id 超过{MaxIdLength}个字符 (id too long)");
            else if (seen.TryGetValue(id, out var first)) problems.Add($"id “{id}” 与第{first}行重复 (duplicate id, first on line {first})");
            else seen[id] = line;
            var skills = Clean(r.Skills);
            if (string.IsNullOrWhiteSpace(r.Title) && string.IsNullOrWhiteSpace(r.Description) && skills.Count == 0)
                problems.Add("title、description 和 skills 不能都为空 (nothing to match on)");
            var region = r.Region?.Trim();
            if (!string.IsNullOrEmpty(region) && !Regions.IsValidCode(region)) problems.Add($"region “{region}” 不是6位行政区划代码 (not a GB/T 2260 code)");
            if (!string.IsNullOrWhiteSpace(r.Deadline) && !DateTime.TryParse(r.Deadline, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
                problems.Add($"deadline “{r.Deadline}” 不是日期 (not a date, e.g. 2027-06-30)");
            if (r.BudgetWan is < 0) problems.Add("budgetWan 不能为负 (negative budget)");
            var eligible = new List<string>();
            foreach (var e in Clean(r.Eligible))
            {
                if (OrgTypeName(e) is { } name) { if (!eligible.Contains(name)) eligible.Add(name); }
                else problems.Add($"eligible “{e}” 应为 Enterprise / University / ResearchInstitute");
            }
            if (problems.Count > 0) { errors.Add(new LineError(line, string.Join("；", problems))); continue; }
            demands.Add(new DemandDoc
            {
                Id = id!,
                Title = r.Title?.Trim() ?? "",
                Description = r.Description?.Trim() ?? "",
                Skills = skills,
                FieldCodes = Clean(r.Fields),
                EligibleOrgTypes = eligible,
                RegionCode = string.IsNullOrEmpty(region) ? null : region,
            });
        }
        return (demands, errors);
    }

    private static string? OrgTypeName(string raw) => raw switch
    {
        "Enterprise" or "企业" => nameof(OrganizationType.Enterprise),
        "University" or "高校" => nameof(OrganizationType.University),
        "ResearchInstitute" or "科研院所" => nameof(OrganizationType.ResearchInstitute),
        _ => null,
    };

    private static List<string> Clean(List<string>? items) =>
        (items ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();
}
