using System.Globalization;
using Matchmaking.Application.Auditing;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.DemandLists;
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
        if (!actor.IsAdmin) throw new AccessDeniedException(L("只有管理员可以导入", "Only administrators import"));
        var (records, errors) = JsonLines.Read<ProfileRecord>(jsonLines);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var vocabulary = new SkillVocabulary(await db.Skills.AsNoTracking().ToListAsync(ct));
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<(string Id, ProfileContent Content, string Org, OrganizationType Type, string Region)>();
        foreach (var (line, r) in records)
        {
            var problems = new List<string>();
            var id = ExternalIds.Check(r.Id, line, seen, problems);
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
        var touched = new List<CapabilityProfile>();
        foreach (var v in valid)
        {
            if (existing.TryGetValue(v.Id, out var profile))
            {
                profile.Edit(v.Content, Now, imported: true);
                profile.SetOrigin(v.Org, v.Type, v.Region);
            }
            else
            {
                profile = new CapabilityProfile(null, null, v.Org, v.Type, v.Region, v.Content, Now, imported: true) { ExternalId = v.Id };
                db.Profiles.Add(profile);
                created++;
            }
            touched.Add(profile);
        }
        db.Record(actor, await db.ActorNameAsync(actor, ct), "Import", "profiles", "import", Now, reason: $"{created} created, {valid.Count - created} updated");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // The outbox rows were written with the import; each signal only wakes the index worker early.
        foreach (var p in touched) changes?.ProfileChanged(p.Id);
        return new ImportResult(created, valid.Count - created);
    }

    /// <summary>
    /// Imports challenges (榜单) from JSON Lines (<see cref="ChallengeRecord"/>) or .xlsx (<see cref="ChallengeColumns"/>),
    /// all or nothing, every problem with its line / row number. The chain, node, bottleneck, skills, disciplines and budget
    /// are checked as a demand-list item of that chain is (<see cref="DemandListExchange.Check"/>); the poster organisation
    /// must exist (by 统一社会信用代码 or exact name); the state is the file's (default Published). Re-importing an id
    /// updates that challenge unless it already has bids. Each challenge gets an audit entry, and the search outbox is
    /// written in the same transaction (<see cref="AppDbContext"/>).
    /// </summary>
    public async Task<ImportResult> ImportChallengesAsync(Actor actor, Stream file, DemandImportFormat format, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) throw new AccessDeniedException(L("只有管理员可以导入", "Only administrators import"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chains = await db.Chains.AsNoTracking().Include(c => c.Nodes).ToListAsync(ct);
        var fieldCodes = (await db.Fields.AsNoTracking().Select(f => f.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var skills = await db.Skills.AsNoTracking().ToListAsync(ct);
        var vocabulary = new SkillVocabulary(skills);
        var skillForms = skills.SelectMany(s => s.AllForms()).Select(f => f.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var (records, errors) = format == DemandImportFormat.Xlsx ? ReadChallengeXlsx(file, skillForms) : JsonLines.Read<ChallengeRecord>(file);
        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.CreditCode }).ToListAsync(ct);
        var ids = records.Select(r => r.Record.Id?.Trim()).OfType<string>().ToList();
        var existing = await db.Challenges.Where(c => c.ExternalId != null && ids.Contains(c.ExternalId)).ToDictionaryAsync(c => c.ExternalId!, ct);
        var existingIds = existing.Values.Select(c => c.Id).ToList();
        var withBids = (await db.Bids.AsNoTracking().Where(b => existingIds.Contains(b.ChallengeId)).Select(b => b.ChallengeId).Distinct().ToListAsync(ct)).ToHashSet();

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<(string Id, int OrgId, ChallengeContent Content, ChallengeStatus Status)>();
        foreach (var (line, r) in records)
        {
            var problems = new List<string>();
            var id = ExternalIds.Check(r.Id, line, seen, problems);
            if (id is not null && existing.TryGetValue(id, out var old) && withBids.Contains(old.Id))
                problems.Add($"榜单“{old.Title}”已有揭榜申请，不能通过导入修改 (challenge has bids; edit it in the portal)");

            var orgKey = (r.CreditCode ?? r.Organization)?.Trim();
            var org = string.IsNullOrEmpty(orgKey) ? null
                : organizations.FirstOrDefault(o => string.Equals(o.CreditCode, orgKey, StringComparison.OrdinalIgnoreCase))
                  ?? organizations.FirstOrDefault(o => DemandListExchange.SameName(orgKey, o.Name));
            if (string.IsNullOrEmpty(orgKey)) problems.Add("缺少发榜单位 (missing organization: its name or 统一社会信用代码, or creditCode)");
            else if (org is null) problems.Add($"发榜单位“{orgKey}”不存在 (unknown organization: give the name or credit code of a registered one)");

            var status = ParseStatus(r.Status, problems);
            DateTime deadline = default;
            if (string.IsNullOrWhiteSpace(r.Deadline)) problems.Add("缺少揭榜截止日期 (missing deadline, e.g. 2027-06-30)");
            else if (ParseDeadline(r.Deadline) is { } d) deadline = d;
            else problems.Add($"deadline “{r.Deadline}” 不是日期 (not a date, e.g. 2027-06-30)");
            var eligible = EligibleBidders.None;
            foreach (var e in (r.Eligible ?? []).Where(e => !string.IsNullOrWhiteSpace(e)))
                eligible |= Challenge.ToEligible(ParseOrgType(e, problems));

            // Chain, node, bottleneck, skills, disciplines, budget, title: checked as a demand-list item of the named chain.
            var chainName = r.Chain?.Trim();
            var chain = string.IsNullOrEmpty(chainName) ? null
                : chains.FirstOrDefault(c => DemandListExchange.SameName(chainName, c.Name)) ?? chains.FirstOrDefault(c => DemandListExchange.SameName(chainName, c.EnglishName));
            DemandItemContent? item = null;
            if (string.IsNullOrEmpty(chainName)) problems.Add("缺少产业链 (missing chain)");
            else if (chain is null) problems.Add($"产业链“{chainName}”不存在 (unknown chain; known: {string.Join("、", chains.OrderBy(c => c.SortOrder).Select(c => c.Name))})");
            else
            {
                var raw = new RawDemandItem(line, null, r.Title, r.Description, null, r.Node,
                    string.IsNullOrWhiteSpace(r.Bottleneck) ? DemandListExchange.BottleneckName(BottleneckType.Chokepoint) : r.Bottleneck,
                    r.Skills ?? [], r.Fields ?? [], r.BudgetWan?.ToString(CultureInfo.InvariantCulture));
                var (items, itemErrors) = DemandListExchange.Check([raw], new DemandItemContext(chain, fieldCodes, vocabulary) { SkillForms = skillForms });
                problems.AddRange(itemErrors.Select(e => e.Message));
                item = items.FirstOrDefault();
            }

            var description = r.Description?.Trim() ?? "";
            var content = new ChallengeContent
            {
                Title = item?.Title ?? r.Title?.Trim() ?? "", Background = description,
                PainPoint = string.IsNullOrWhiteSpace(r.PainPoint) ? description : r.PainPoint.Trim(),
                Targets = r.Targets?.Where(t => !string.IsNullOrWhiteSpace(t)).ToList() is { Count: > 0 } t ? t : new List<string> { DefaultTarget },
                ChainId = chain?.Id ?? 0, ChainNodeId = item?.ChainNodeId ?? 0, Bottleneck = item?.Bottleneck ?? BottleneckType.Chokepoint,
                Skills = item?.Skills ?? r.Skills ?? [], FieldCodes = item?.FieldCodes ?? r.Fields ?? [], BudgetWan = r.BudgetWan ?? 0,
                BidDeadlineUtc = deadline, DeliveryMonths = r.DeliveryMonths ?? DefaultDeliveryMonths,
                Eligible = eligible == EligibleBidders.None ? new ChallengeContent().Eligible : eligible,
            };
            // The challenge's own rules beyond the item's (already reported above in the file's terms); a past deadline is
            // allowed (a published one is closed by the deadline sweep). A budget the item check refused is not reported twice.
            var budgetReported = chain is not null && DemandItemContent.BudgetProblem(r.BudgetWan) is not null;
            foreach (var (key, message) in content.Validate(Now))
                if (ChallengeFieldNames.TryGetValue(key, out var field) && !(key == nameof(ChallengeContent.BudgetWan) && budgetReported))
                    problems.Add($"{message} ({field})");
            if (problems.Count > 0) errors.Add(new LineError(line, string.Join("；", problems.Distinct())));
            else valid.Add((id!, org!.Id, content, status));
        }
        if (records.Count == 0 && errors.Count == 0) errors.Add(new LineError(1, "文件中没有榜单 (no challenges in the file)"));
        if (errors.Count > 0) throw new ImportFailedException(errors.OrderBy(e => e.Line).ToList());

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var touched = new List<(Challenge Challenge, bool Created, ChallengeStatus? From)>();
        foreach (var v in valid)
        {
            if (existing.TryGetValue(v.Id, out var challenge))
            {
                var from = challenge.Status;
                challenge.ReplaceFromImport(v.OrgId, v.Content, Now);
                if (challenge.Status != v.Status) challenge.ForceStatus(v.Status, Now);
                touched.Add((challenge, false, from));
            }
            else
            {
                challenge = new Challenge(v.OrgId, actor.UserId ?? "system", v.Content, Now) { ExternalId = v.Id };
                if (v.Status != ChallengeStatus.Draft) challenge.ForceStatus(v.Status, Now);
                db.Challenges.Add(challenge);
                touched.Add((challenge, true, null));
            }
        }
        await db.SaveChangesAsync(ct); // ids for the audit entries
        var actorName = await db.ActorNameAsync(actor, ct);
        foreach (var (c, isNew, from) in touched)
            db.Record(actor, actorName, nameof(Challenge), c.Id, isNew ? "import" : "reimport", Now, from, c.Status, reason: $"id {c.ExternalId}");
        var created = touched.Count(t => t.Created);
        db.Record(actor, actorName, "Import", "challenges", "import", Now, reason: $"{created} created, {valid.Count - created} updated");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var (c, _, _) in touched) changes?.ChallengeChanged(c.Id);
        return new ImportResult(created, valid.Count - created);
    }

    /// <summary>The target given to an imported challenge whose file names none (a challenge needs at least one).</summary>
    public const string DefaultTarget = "详见需求描述";
    public const int DefaultDeliveryMonths = 12;

    /// <summary>The spreadsheet columns of a challenge import: a demand-list item's plus the challenge's own.</summary>
    public static readonly IReadOnlyList<(string Key, string Header, string[] Aliases)> ChallengeColumns =
    [
        .. DemandListExchange.Columns,
        ("chain", "产业链", ["产业链", "chain"]),
        ("organization", "发榜单位", ["发榜单位", "发榜方", "organization", "poster"]),
        ("creditCode", "统一社会信用代码", ["统一社会信用代码", "信用代码", "creditcode"]),
        ("deadline", "揭榜截止", ["揭榜截止", "截止日期", "deadline"]),
        ("eligible", "揭榜方类型", ["揭榜方类型", "eligible"]),
        ("status", "状态", ["状态", "status"]),
        ("painPoint", "技术痛点", ["技术痛点", "痛点", "painpoint"]),
        ("targets", "考核指标", ["考核指标", "targets"]),
        ("deliveryMonths", "攻关期限（月）", ["攻关期限", "deliverymonths"]),
    ];

    /// <summary>Spreadsheet rows as <see cref="ChallengeRecord"/>s (numbered by sheet row); list cells are split like a
    /// demand list's (a space-separated skills cell keeps known multi-word skills whole; targets split by line breaks or ；),
    /// numbers that are not numbers are row errors.</summary>
    private static (List<(int Line, ChallengeRecord Record)> Records, List<LineError> Errors) ReadChallengeXlsx(Stream xlsx, IReadOnlySet<string> skillForms)
    {
        var (rows, errors) = DemandListExchange.ReadXlsxRows(xlsx, ChallengeColumns, ["id", "title", "chain", "node"]);
        var records = new List<(int, ChallengeRecord)>();
        foreach (var row in rows)
        {
            decimal? budget = null;
            int? months = null;
            if (row.Cell("budget") is { } b && !string.IsNullOrWhiteSpace(b))
            {
                if (decimal.TryParse(b.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) budget = value;
                else { errors.Add(new LineError(row.Row, $"榜额“{b.Trim()}”不是数字 (budget must be a number in 万元)")); continue; }
            }
            if (row.Cell("deliveryMonths") is { } m && !string.IsNullOrWhiteSpace(m))
            {
                if (int.TryParse(m.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) months = value;
                else { errors.Add(new LineError(row.Row, $"攻关期限“{m.Trim()}”不是整数 (deliveryMonths must be whole months)")); continue; }
            }
            records.Add((row.Row, new ChallengeRecord
            {
                Id = row.Cell("id"), Title = row.Cell("title"), Description = row.Cell("description"), PainPoint = row.Cell("painPoint"),
                Targets = [.. System.Text.RegularExpressions.Regex.Split(row.Cell("targets") ?? "", "[；;\r\n]+").Select(t => t.Trim()).Where(t => t.Length > 0)],
                Chain = row.Cell("chain"), Node = row.Cell("node"), Bottleneck = row.Cell("bottleneck"),
                Skills = [.. DemandListExchange.SplitList(row.Cell("skills"), skillForms)], Fields = [.. DemandListExchange.SplitList(row.Cell("fields"))],
                BudgetWan = budget, Deadline = row.Cell("deadline"), DeliveryMonths = months,
                Eligible = [.. DemandListExchange.SplitList(row.Cell("eligible"))],
                Organization = row.Cell("organization"), CreditCode = row.Cell("creditCode"), Status = row.Cell("status"),
            }));
        }
        return (records, errors);
    }

    /// <summary>How the challenge's own validation keys are named in the file.</summary>
    private static readonly Dictionary<string, string> ChallengeFieldNames = new()
    {
        [nameof(ChallengeContent.Background)] = "description", [nameof(ChallengeContent.PainPoint)] = "painPoint",
        [nameof(ChallengeContent.Targets)] = "targets", [nameof(ChallengeContent.Skills)] = "skills",
        [nameof(ChallengeContent.FieldCodes)] = "fields", [nameof(ChallengeContent.BudgetWan)] = "budgetWan",
        [nameof(ChallengeContent.DeliveryMonths)] = "deliveryMonths", [nameof(ChallengeContent.Eligible)] = "eligible",
    };

    private static ChallengeStatus ParseStatus(string? raw, List<string> problems)
    {
        switch (raw?.Trim())
        {
            case null or "": return ChallengeStatus.Published;
            case "Published" or "已发布": return ChallengeStatus.Published;
            case "Draft" or "草稿": return ChallengeStatus.Draft;
            case "PendingReview" or "待审核": return ChallengeStatus.PendingReview;
            case "Closed" or "揭榜截止": return ChallengeStatus.Closed;
            default:
                problems.Add($"status “{raw}” 应为 Published / Draft / PendingReview / Closed (已发布/草稿/待审核/揭榜截止)");
                return ChallengeStatus.Published;
        }
    }

    /// <summary>A date means the end of that day in Beijing (as the portal's form does); a date with a time and offset is taken as given.</summary>
    private static DateTime? ParseDeadline(string raw)
    {
        var text = raw.Trim();
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return DateTime.SpecifyKind(date.Date.AddDays(1).AddSeconds(-1).AddHours(-8), DateTimeKind.Utc);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;
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
