using System.Text.Json;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Search;

namespace Matchmaking.Eval;

/// <summary>Reads the JSON Lines exchange format (DESIGN.md §6) and the qrels TSV.</summary>
internal static class Exchange
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private sealed record ProfileLine(string? Id, string? Name, string? Summary, string[]? Skills, string[]? Fields,
        string? Organization, string? OrgType, string? Region, AchievementLine[]? Achievements);

    private sealed record AchievementLine(string? Type, string? Title, int? Year);

    private sealed record DemandLine(string? Id, string? Title, string? Description, string[]? Skills, string[]? Fields,
        string[]? Eligible, string? Region);

    public static List<CapabilityDoc> ReadProfiles(string path) => ReadLines<ProfileLine>(path).Select(p => new CapabilityDoc
    {
        Id = p.Id ?? throw new InvalidDataException("profile without id"),
        Name = p.Name ?? "",
        Summary = p.Summary ?? "",
        Skills = p.Skills ?? [],
        FieldCodes = p.Fields ?? [],
        OrgType = p.OrgType,
        RegionCode = p.Region,
        Achievements = (p.Achievements ?? []).Select(a => new Achievement(a.Type ?? "", a.Title ?? "", a.Year)).ToArray(),
    }).ToList();

    public static List<DemandDoc> ReadDemands(string path) => ReadLines<DemandLine>(path).Select(d => new DemandDoc
    {
        Id = d.Id ?? throw new InvalidDataException("demand without id"),
        Title = d.Title ?? "",
        Description = d.Description ?? "",
        Skills = d.Skills ?? [],
        FieldCodes = d.Fields ?? [],
        EligibleOrgTypes = d.Eligible ?? [],
        RegionCode = d.Region,
    }).ToList();

    /// <summary>demand id → (profile id → gain); a header line starting with "demand_id" is skipped.</summary>
    public static Dictionary<string, Dictionary<string, int>> ReadQrels(string path)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith("demand_id", StringComparison.Ordinal) || line.StartsWith('#'))
            {
                continue;
            }
            var parts = line.Split('\t');
            if (parts.Length < 3)
            {
                throw new InvalidDataException($"bad qrels line: {line}");
            }
            if (!qrels.TryGetValue(parts[0], out var gains))
            {
                qrels[parts[0]] = gains = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            gains[parts[1]] = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
        }
        return qrels;
    }

    /// <summary>One synonym group per line, forms separated by commas (or tabs); '#' starts a comment.</summary>
    public static SynonymSet ReadSynonyms(string? path)
    {
        if (path is null)
        {
            return SynonymSet.Empty;
        }
        var groups = File.ReadLines(path)
            .Select(l => l.Split('#')[0].Trim())
            .Where(l => l.Length > 0)
            .Select(l => (IReadOnlyList<string>)l.Split([',', '\t', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new SynonymSet(groups);
    }

    private static IEnumerable<T> ReadLines<T>(string path)
    {
        int number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            T? value;
            try
            {
                value = JsonSerializer.Deserialize<T>(line, Json);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{number}: {e.Message}", e);
            }
            yield return value ?? throw new InvalidDataException($"{path}:{number}: empty line object");
        }
    }
}
