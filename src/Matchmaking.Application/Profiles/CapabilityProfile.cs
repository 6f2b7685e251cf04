using Matchmaking.Application.Common;
using Matchmaking.Application.Organizations;

namespace Matchmaking.Application.Profiles;

public enum AchievementType { Paper = 1, Patent = 2, Project = 3, Award = 4 }

public sealed class Achievement
{
    public AchievementType Type { get; set; } = AchievementType.Paper;
    public string Title { get; set; } = "";
    public int? Year { get; set; }
}

public sealed record ProfileContent
{
    public string Name { get; init; } = "";
    public string LeadName { get; init; } = "";
    public IReadOnlyList<string> Members { get; init; } = [];
    public IReadOnlyList<string> FieldCodes { get; init; } = [];
    public IReadOnlyList<string> Skills { get; init; } = [];
    public string Summary { get; init; } = "";
    public IReadOnlyList<Achievement> Achievements { get; init; } = [];
    public IReadOnlyList<string> Platforms { get; init; } = [];
    public bool IsPublic { get; init; } = true;

    /// <param name="imported">Profiles imported from outside (exchange format) need only a name and some text
    /// to match on; a team editing its own profile in the portal must fill in everything.</param>
    public Dictionary<string, string> Validate(int currentYear, bool imported = false)
    {
        var e = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Name)) e[nameof(Name)] = L("请填写团队名称", "Enter the team name");
        else if (Name.Trim().Length > 100) e[nameof(Name)] = L("团队名称不超过100个字符", "The team name has at most 100 characters");
        if (!imported && string.IsNullOrWhiteSpace(LeadName)) e[nameof(LeadName)] = L("请填写团队负责人", "Enter the team lead");
        if (!imported && string.IsNullOrWhiteSpace(Summary)) e[nameof(Summary)] = L("请填写团队简介", "Describe the team");
        else if (Summary.Length > 4000) e[nameof(Summary)] = L("团队简介不超过4000个字符", "The description has at most 4000 characters");
        if (imported && string.IsNullOrWhiteSpace(Summary) && Skills.Count == 0) e[nameof(Summary)] = L("简介和技术标签不能都为空", "Give a description or skill tags");
        if (!imported && Skills.Count(s => !string.IsNullOrWhiteSpace(s)) == 0) e[nameof(Skills)] = L("至少填写一个技术标签", "Add at least one skill tag");
        else if (Skills.Count > 40) e[nameof(Skills)] = L("技术标签不超过40个", "At most 40 skill tags");
        if (!imported && FieldCodes.Count == 0) e[nameof(FieldCodes)] = L("至少选择一个学科", "Choose at least one discipline");
        if (Achievements.Any(a => string.IsNullOrWhiteSpace(a.Title))) e[nameof(Achievements)] = L("成果名称不能为空", "Every achievement needs a title");
        else if (Achievements.Any(a => a.Year is { } y && (y < 1950 || y > currentYear))) e[nameof(Achievements)] = L($"成果年份应在1950–{currentYear}之间", $"Achievement years lie between 1950 and {currentYear}");
        if (Achievements.Count > 200) e[nameof(Achievements)] = L("成果不超过200项", "At most 200 achievements");
        return e;
    }
}

/// <summary>科研能力画像: a team's fields, skills and evidence — what matching reads.</summary>
public class CapabilityProfile
{
    private CapabilityProfile() { }

    public CapabilityProfile(int? organizationId, string? ownerUserId, string organizationName, OrganizationType orgType,
        string regionCode, ProfileContent content, DateTime nowUtc, bool imported = false)
    {
        OrganizationId = organizationId;
        OwnerUserId = ownerUserId;
        OrganizationName = organizationName;
        OrgType = orgType;
        RegionCode = regionCode;
        CreatedAtUtc = nowUtc;
        Edit(content, nowUtc, imported);
    }

    /// <summary>For imports: the organisation as the importing file names it.</summary>
    public void SetOrigin(string organizationName, OrganizationType orgType, string regionCode)
    {
        OrganizationName = organizationName;
        OrgType = orgType;
        RegionCode = regionCode;
    }

    public int Id { get; private set; }
    public string? ExternalId { get; set; }
    /// <summary>Null for teams imported from outside the portal (they have no account here).</summary>
    public int? OrganizationId { get; private set; }
    public Organization? Organization { get; private set; }
    public string? OwnerUserId { get; private set; }
    public string OrganizationName { get; private set; } = "";
    public OrganizationType OrgType { get; private set; }
    public string RegionCode { get; private set; } = "";

    public string Name { get; private set; } = "";
    public string LeadName { get; private set; } = "";
    public List<string> Members { get; private set; } = [];
    public List<string> FieldCodes { get; private set; } = [];
    public List<string> Skills { get; private set; } = [];
    public string Summary { get; private set; } = "";
    public List<Achievement> Achievements { get; private set; } = [];
    public List<string> Platforms { get; private set; } = [];
    public bool IsPublic { get; private set; } = true;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public long Version { get; private set; }

    public ProfileContent Content => new()
    {
        Name = Name, LeadName = LeadName, Members = [.. Members], FieldCodes = [.. FieldCodes], Skills = [.. Skills],
        Summary = Summary, Platforms = [.. Platforms], IsPublic = IsPublic,
        Achievements = Achievements.Select(a => new Achievement { Type = a.Type, Title = a.Title, Year = a.Year }).ToList(),
    };

    public void Edit(ProfileContent c, DateTime nowUtc, bool imported = false)
    {
        var errors = c.Validate(nowUtc.Year, imported);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        Name = c.Name.Trim();
        LeadName = c.LeadName.Trim();
        Members = Clean(c.Members);
        FieldCodes = Clean(c.FieldCodes);
        Skills = Clean(c.Skills);
        Summary = c.Summary.Trim();
        Achievements = c.Achievements.Select(a => new Achievement { Type = a.Type, Title = a.Title.Trim(), Year = a.Year }).ToList();
        Platforms = Clean(c.Platforms);
        IsPublic = c.IsPublic;
        UpdatedAtUtc = nowUtc;
        Version++;
    }

    private static List<string> Clean(IEnumerable<string> items) =>
        items.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();
}
