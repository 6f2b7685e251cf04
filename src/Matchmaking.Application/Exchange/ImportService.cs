using Matchmaking.Application.Auditing;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Exchange;

public sealed record ImportResult(int Created, int Updated);

/// <summary>Imports the exchange format: every line is checked first and every problem reported with its line
/// number; only a file without errors is written, in one transaction (all or nothing). Re-importing the same
/// external id updates the record.</summary>
public sealed class ImportService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IChangeFeed? changes = null)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<ImportResult> ImportProfilesAsync(Actor actor, Stream jsonLines, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) throw new AccessDeniedException("只有管理员可以导入 (only administrators import)");
        var (records, errors) = JsonLines.Read<ProfileRecord>(jsonLines);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var vocabulary = new SkillVocabulary(await db.Skills.AsNoTracking().ToListAsync(ct));
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<(string Id, ProfileContent Content, string Org, OrganizationType Type, string Region)>();
        foreach (var (line, r) in records)
        {
            var problems = new List<string>();
            var id = r.Id?.Trim();
            if (string.IsNullOrEmpty(id)) problems.Add("缺少 id (missing id)");
            else if (id.Length > 100) problems.Add("id 超过100个字符 (id too long)");
            else if (seen.TryGetValue(id, out var first)) problems.Add($"id “{id}” 与第{first}行重复 (duplicate id, first on line {first})");
            else seen[id] = line;
            var type = ParseOrgType(r.OrgType, problems);
            var region = r.Region?.Trim() ?? "";
            if (region.Length > 0 && !Regions.IsValidCode(region)) problems.Add($"region “{region}” 不是6位行政区划代码 (not a GB/T 2260 code)");
            var content = new ProfileContent
            {
                Name = r.Name ?? "", LeadName = r.Lead ?? "", Summary = r.Summary ?? "",
                Skills = vocabulary.NormalizeAll(r.Skills ?? []), FieldCodes = r.Fields ?? [], Platforms = r.Platforms ?? [],
                Achievements = (r.Achievements ?? []).Select(a => new Achievement { Type = ParseAchievement(a.Type), Title = a.Title ?? "", Year = a.Year }).ToList(),
            };
            problems.AddRange(content.Validate(Now.Year, imported: true).Values);
            if (problems.Count > 0) errors.Add(new LineError(line, string.Join("；", problems)));
            else valid.Add((id!, content, r.Organization?.Trim() ?? "", type, region));
        }
        if (errors.Count > 0) throw new ImportFailedException(errors.OrderBy(e => e.Line).ToList());

        var ids = valid.Select(v => v.Id).ToList();
        var existing = await db.Profiles.Where(p => p.ExternalId != null && ids.Contains(p.ExternalId)).ToDictionaryAsync(p => p.ExternalId!, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = 0;
        foreach (var v in valid)
        {
            if (existing.TryGetValue(v.Id, out var profile))
            {
                profile.Edit(v.Content, Now, imported: true);
                profile.SetOrigin(v.Org, v.Type, v.Region);
            }
            else
            {
                db.Profiles.Add(new CapabilityProfile(null, null, v.Org, v.Type, v.Region, v.Content, Now, imported: true) { ExternalId = v.Id });
                created++;
            }
        }
        db.Record(actor, await db.ActorNameAsync(actor, ct), "Import", "profiles", "import", Now, reason: $"{created} created, {valid.Count - created} updated");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes?.ProfileChanged(0);
        return new ImportResult(created, valid.Count - created);
    }

    private static OrganizationType ParseOrgType(string? raw, List<string> problems)
    {
        switch (raw?.Trim())
        {
            case null or "": return OrganizationType.University;
            case "Enterprise" or "企业": return OrganizationType.Enterprise;
            case "University" or "高校": return OrganizationType.University;
            case "ResearchInstitute" or "科研院所": return OrganizationType.ResearchInstitute;
            default:
                problems.Add($"orgType “{raw}” 应为 Enterprise / University / ResearchInstitute");
                return OrganizationType.University;
        }
    }

    private static AchievementType ParseAchievement(string? raw) => raw?.Trim().ToLowerInvariant() switch
    {
        "patent" or "专利" => AchievementType.Patent,
        "project" or "项目" => AchievementType.Project,
        "award" or "奖励" => AchievementType.Award,
        _ => AchievementType.Paper,
    };
}
