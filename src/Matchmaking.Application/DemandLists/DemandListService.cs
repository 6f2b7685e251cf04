using Matchmaking.Application.Auditing;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Exchange;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Matching;
using Matchmaking.Application.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.DemandLists;

/// <summary>Demand-list settings ("DemandLists" section).</summary>
public sealed class DemandListOptions
{
    public const string Section = "DemandLists";

    /// <summary>
    /// A team covers an item when its match score reaches this (0..1). 0.5 by default: scores are a weighted mean in
    /// which text weighs 0.5 of ≈0.95 and is relative to the best candidate of the item, so a team that matches on text
    /// alone stays at or just above 0.5, while one that also has the item's skill and discipline scores ≈0.8–0.95.
    /// Together with <see cref="RequireSkillMatch"/> this keeps "covered" meaning "a team with the skill", not "the
    /// least bad text match".
    /// </summary>
    public double CoverageThreshold { get; set; } = 0.5;

    /// <summary>When an item declares skills, a team counts only if it matched at least one of them (in its skills or its text).</summary>
    public bool RequireSkillMatch { get; set; } = true;

    /// <summary>The province the portal serves (GB/T 2260 code; the first two digits are compared). 620000 = 甘肃省.</summary>
    public string ProvinceCode { get; set; } = "620000";

    /// <summary>How many of the best teams are shown per item.</summary>
    public int BestTeams { get; set; } = 3;
}

public enum DemandImportFormat { Xlsx, JsonLines }

public sealed record DemandListSummary(int Id, int ChainId, string ChainName, string Batch, string Title, DemandListStatus Status,
    int ItemCount, DateTime? PublishedAtUtc, DateTime UpdatedAtUtc);

/// <summary>A list with its items (ordered) and its chain (with nodes), detached from the database.</summary>
public sealed record DemandListDetail(DemandList List, IndustryChain Chain, IReadOnlyList<DemandItem> Items)
{
    public string NodeName(int nodeId) => Chain.Nodes.FirstOrDefault(n => n.Id == nodeId)?.Name ?? $"#{nodeId}";
}

public sealed record ChallengeOption(int Id, string Title, string NodeName, BottleneckType Bottleneck, ChallengeStatus Status, bool InList);

/// <summary>
/// Use cases of demand lists (需求清单): administrators create and edit lists, add plain items or existing challenges,
/// import from Excel or JSON Lines (all or nothing), export to Excel and publish; anyone reads published lists and their
/// coverage. Every change is audited in the same unit of work. "Demand lists: admin only" is DESIGN.md §4; the check is
/// <see cref="CanAdminister"/> (which asks <see cref="Permissions"/>).
/// </summary>
public sealed class DemandListService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, MatchingService matching,
    DemandListOptions? options = null)
{
    private const string Entity = nameof(DemandList);

    /// <summary>
    /// Coverage counts every team above the threshold, so it asks the shared matcher to score every profile the candidate
    /// query reaches, not only the <see cref="Core.Matching.MatchWeights.Candidates"/> (200) best text candidates that
    /// recommendations score. The scores of the teams both see are the same: text scores are relative to the best
    /// candidate and feedback uses only the best few.
    /// </summary>
    private const int AllCandidates = int.MaxValue; // the matcher never returns more candidates than it holds profiles

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    public DemandListOptions Options { get; } = options ?? new DemandListOptions();

    public static bool CanAdminister(Actor actor) => Permissions.CanAdministerDemandLists(actor);
    public static bool CanView(Actor actor, DemandList list) => list.IsPublished || CanAdminister(actor);

    // --- reading -----------------------------------------------------------------------------------------------

    /// <summary>Published lists for everyone; admins see drafts too.</summary>
    public async Task<IReadOnlyList<DemandListSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.DemandLists.AsNoTracking();
        if (!CanAdminister(actor)) q = q.Where(l => l.Status == DemandListStatus.Published);
        var rows = await q.Select(l => new
        {
            l.Id, l.ChainId, ChainName = db.Chains.Where(c => c.Id == l.ChainId).Select(c => c.Name).FirstOrDefault(), l.Batch, l.Title, l.Status,
            Count = l.Items.Count, l.PublishedAtUtc, l.UpdatedAtUtc,
        }).ToListAsync(ct);
        return rows.OrderByDescending(r => r.Status == DemandListStatus.Published ? r.PublishedAtUtc : r.UpdatedAtUtc).ThenByDescending(r => r.Id)
            .Select(r => new DemandListSummary(r.Id, r.ChainId, r.ChainName ?? "", r.Batch, r.Title, r.Status, r.Count, r.PublishedAtUtc, r.UpdatedAtUtc))
            .ToList();
    }

    /// <summary>A list with its items; a draft is "not found" for anyone but an admin.</summary>
    public async Task<DemandListDetail> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await db.DemandLists.AsNoTracking().Include(l => l.Items).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (list is null || !CanView(actor, list)) throw new NotFoundException(L($"需求清单 #{id}", $"demand list #{id}"));
        var chain = await db.Chains.AsNoTracking().Include(c => c.Nodes).FirstAsync(c => c.Id == list.ChainId, ct);
        return new DemandListDetail(list, chain, list.OrderedItems.ToList());
    }

    // --- the list ----------------------------------------------------------------------------------------------

    public async Task<int> CreateAsync(Actor actor, DemandListContent content, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireChainAsync(db, content.ChainId, ct);
        var list = new DemandList(content, actor.UserId ?? "", Now);
        db.DemandLists.Add(list);
        await db.SaveChangesAsync(ct);
        db.Record(actor, await db.ActorNameAsync(actor, ct), Entity, list.Id, "create", Now, to: list.Status);
        await db.SaveChangesAsync(ct);
        return list.Id;
    }

    /// <summary>Edits the header. <paramref name="expectedVersion"/> (the version the editor loaded) guards against lost updates.</summary>
    public async Task EditAsync(Actor actor, int id, DemandListContent content, long? expectedVersion = null, CancellationToken ct = default)
    {
        await ChangeAsync(actor, id, expectedVersion, "edit", async (db, list) =>
        {
            await RequireChainAsync(db, content.ChainId, ct);
            list.Edit(content, Now);
            return null;
        }, ct);
    }

    public Task PublishAsync(Actor actor, int id, long? expectedVersion = null, CancellationToken ct = default) =>
        ChangeAsync(actor, id, expectedVersion, "publish", (_, list) => { list.Publish(Now); return Task.FromResult<string?>($"{list.Items.Count} items"); }, ct);

    public Task UnpublishAsync(Actor actor, int id, string? reason = null, CancellationToken ct = default) =>
        ChangeAsync(actor, id, null, "unpublish", (_, list) => { list.Unpublish(Now); return Task.FromResult(reason); }, ct);

    /// <summary>Deletes a draft list with its items (a published list must be un-published first). The audit entries stay.</summary>
    public async Task DeleteDraftAsync(Actor actor, int id, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await LoadAsync(db, id, ct);
        list.EnsureEditable("delete");
        db.Record(actor, await db.ActorNameAsync(actor, ct), Entity, id, "delete", Now, list.Status, reason: $"{list.Title} ({list.Items.Count} items)");
        db.DemandLists.Remove(list);
        await db.SaveOrConflictAsync(ct);
    }

    // --- items -------------------------------------------------------------------------------------------------

    public async Task<int> AddItemAsync(Actor actor, int listId, DemandItemContent content, CancellationToken ct = default)
    {
        DemandItem? added = null;
        await ChangeAsync(actor, listId, null, "add_item", async (db, list) =>
        {
            var checkedContent = await CheckItemAsync(db, list, content, ct);
            added = list.AddItem(checkedContent, null, Now);
            return checkedContent.Title;
        }, ct);
        return added!.Id;
    }

    /// <summary>Edits an item, checked like a new one. <paramref name="expectedVersion"/> is the list's version the editor loaded
    /// (every change to the list or its items bumps it): a change made meanwhile is a <see cref="ConcurrencyConflictException"/>.</summary>
    public Task EditItemAsync(Actor actor, int listId, int itemId, DemandItemContent content, long? expectedVersion = null, CancellationToken ct = default) =>
        ChangeAsync(actor, listId, expectedVersion, "edit_item", async (db, list) =>
        {
            list.EditItem(itemId, await CheckItemAsync(db, list, content, ct), Now);
            return $"item #{itemId}";
        }, ct);

    /// <summary>Adds an existing challenge of the list's chain as an item: its title, text, node, bottleneck, skills, fields and
    /// budget are copied (a published list is a document: it does not change when the challenge is edited later).</summary>
    public async Task<int> AddChallengeAsync(Actor actor, int listId, int challengeId, CancellationToken ct = default)
    {
        DemandItem? added = null;
        await ChangeAsync(actor, listId, null, "add_challenge", async (db, list) =>
        {
            var c = await db.Challenges.AsNoTracking().FirstOrDefaultAsync(x => x.Id == challengeId, ct)
                ?? throw new NotFoundException(L($"榜单 #{challengeId}", $"challenge #{challengeId}"));
            if (c.ChainId != list.ChainId) throw new DomainException("other_chain", L("该榜单不属于本清单的产业链", "This challenge is not in the list's industry chain"));
            var content = new DemandItemContent
            {
                Title = c.Title.Length > DemandItemContent.MaxTitle ? c.Title[..DemandItemContent.MaxTitle] : c.Title,
                Description = Truncate(string.Join("\n", new[] { c.Background, c.PainPoint }.Where(s => !string.IsNullOrWhiteSpace(s))), DemandItemContent.MaxDescription),
                ChainNodeId = c.ChainNodeId, Bottleneck = c.Bottleneck, Skills = c.Skills, FieldCodes = c.FieldCodes, BudgetWan = c.BudgetWan,
                ExternalId = list.Items.Any(i => i.ExternalId == (c.ExternalId ?? $"C{c.Id}")) ? null : c.ExternalId ?? $"C{c.Id}",
            };
            added = list.AddItem(content, c.Id, Now);
            return $"challenge #{c.Id}";
        }, ct);
        return added!.Id;
    }

    public Task RemoveItemAsync(Actor actor, int listId, int itemId, CancellationToken ct = default) =>
        ChangeAsync(actor, listId, null, "remove_item", (_, list) =>
        {
            var title = list.Items.FirstOrDefault(i => i.Id == itemId)?.Title;
            list.RemoveItem(itemId, Now);
            return Task.FromResult<string?>($"item #{itemId} {title}");
        }, ct);

    public Task MoveItemAsync(Actor actor, int listId, int itemId, int by, CancellationToken ct = default) =>
        ChangeAsync(actor, listId, null, "move_item", (_, list) => { list.MoveItem(itemId, by, Now); return Task.FromResult<string?>($"item #{itemId} by {by}"); }, ct);

    /// <summary>Challenges of the list's chain an admin may add, optionally filtered by title (for the "add existing challenge" search).</summary>
    public async Task<IReadOnlyList<ChallengeOption>> FindChallengesAsync(Actor actor, int listId, string? text, int take = 20, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await db.DemandLists.AsNoTracking().Include(l => l.Items).FirstOrDefaultAsync(l => l.Id == listId, ct)
            ?? throw new NotFoundException(L($"需求清单 #{listId}", $"demand list #{listId}"));
        var q = db.Challenges.AsNoTracking().Where(c => c.ChainId == list.ChainId && c.Status != ChallengeStatus.Cancelled);
        if (!string.IsNullOrWhiteSpace(text)) q = q.Where(c => c.Title.Contains(text.Trim()));
        var found = await q.OrderByDescending(c => c.Id).Take(Math.Clamp(take, 1, 100))
            .Select(c => new { c.Id, c.Title, c.ChainNodeId, c.Bottleneck, c.Status }).ToListAsync(ct);
        var nodes = await db.ChainNodes.AsNoTracking().Where(n => n.ChainId == list.ChainId).ToDictionaryAsync(n => n.Id, n => n.Name, ct);
        var inList = list.Items.Where(i => i.ChallengeId is not null).Select(i => i.ChallengeId!.Value).ToHashSet();
        return found.Select(c => new ChallengeOption(c.Id, c.Title, nodes.GetValueOrDefault(c.ChainNodeId, ""), c.Bottleneck, c.Status, inList.Contains(c.Id))).ToList();
    }

    // --- import / export ---------------------------------------------------------------------------------------

    /// <summary>Imports items from .xlsx or JSON Lines into a draft list: every row is checked first and every problem
    /// reported with its row / line number (<see cref="ImportFailedException"/>); only a file without errors is written,
    /// in one transaction. <paramref name="replace"/> removes the list's current items first; otherwise the items are
    /// appended and an 编号 already in the list is an error. Returns the number of items imported.</summary>
    public async Task<int> ImportAsync(Actor actor, int listId, Stream file, DemandImportFormat format, bool replace = false, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var (raw, errors) = format == DemandImportFormat.Xlsx ? DemandListExchange.ReadXlsx(file) : DemandListExchange.ReadJsonLines(file);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await LoadAsync(db, listId, ct);
        list.EnsureEditable("import");
        var context = await ContextAsync(db, list.ChainId, ct);
        var (items, problems) = DemandListExchange.Check(raw, context);
        errors.AddRange(problems);
        if (!replace)
        {
            var existing = list.Items.Where(i => i.ExternalId is not null).Select(i => i.ExternalId!).ToHashSet(StringComparer.Ordinal);
            foreach (var r in raw.Where(r => DemandList.Normalize(r.Id) is { } id && existing.Contains(id)))
                errors.Add(new LineError(r.Line, $"编号“{r.Id!.Trim()}”已在清单中 (id already in the list; import with “replace” to overwrite)"));
        }
        if (raw.Count == 0 && errors.Count == 0) errors.Add(new LineError(1, "文件中没有条目 (no items in the file)"));
        if (errors.Count > 0) throw new ImportFailedException(errors.OrderBy(e => e.Line).ToList());

        if (replace) list.ClearItems(Now);
        foreach (var item in items) list.AddItem(item, null, Now);
        db.Record(actor, await db.ActorNameAsync(actor, ct), Entity, list.Id, "import", Now,
            reason: $"{items.Count} items from {(format == DemandImportFormat.Xlsx ? "xlsx" : "jsonl")}{(replace ? " (replaced)" : "")}");
        await db.SaveOrConflictAsync(ct);
        return items.Count;
    }

    /// <summary>Writes the list's items as .xlsx (the import columns). Admins any list; everyone else published lists only.</summary>
    public async Task<string> ExportXlsxAsync(Actor actor, int listId, Stream output, CancellationToken ct = default)
    {
        var detail = await GetAsync(actor, listId, ct);
        var names = detail.Chain.Nodes.ToDictionary(n => n.Id, n => n.Name);
        DemandListExchange.WriteXlsx(output, detail.Items, names);
        return FileName(detail.List);
    }

    public static string FileName(DemandList list)
    {
        var name = $"{list.Batch}-{list.Title}";
        foreach (var c in Path.GetInvalidFileNameChars().Concat(['/', '\\', '"', ' '])) name = name.Replace(c, '_');
        return (name.Length > 80 ? name[..80] : name) + ".xlsx";
    }

    // --- coverage ----------------------------------------------------------------------------------------------

    /// <summary>
    /// For each item: the teams (capability profiles, public or private) whose match score reaches <paramref name="threshold"/>
    /// (default <see cref="DemandListOptions.CoverageThreshold"/>) — and, when the item declares skills and
    /// <see cref="DemandListOptions.RequireSkillMatch"/> is on, that matched one of them — counted overall and in the
    /// province (<see cref="DemandListOptions.ProvinceCode"/>), with the best teams the viewer may see. The counts are exact
    /// over every profile (not only the 200 candidates recommendations score) up to <see cref="MatchingService.MaxTop"/> (1000)
    /// teams per item; beyond that <see cref="ItemCoverage.AtLeast"/> is set and the counts are lower bounds. Items are matched
    /// through <see cref="MatchingService.MatchDemandsAsync"/> as the system (counts include private profiles; names of
    /// private ones are shown to admins only) without a region, so that the region bonus does not decide coverage.
    /// Published lists for everyone; drafts for admins.
    /// </summary>
    public async Task<DemandListCoverage> CoverageAsync(Actor actor, int listId, double? threshold = null, CancellationToken ct = default)
    {
        var t = threshold ?? Options.CoverageThreshold;
        if (double.IsNaN(t) || t is < 0 or > 1) throw new DomainException("threshold", L("阈值应在 0–1 之间", "The threshold lies between 0 and 1"));
        var detail = await GetAsync(actor, listId, ct);
        var province = ProvincePrefix(Options.ProvinceCode);

        var docs = detail.Items.Select(ToDemand).ToList();
        var lines = docs.Count == 0 ? [] : await matching.MatchDemandsAsync(Actor.System, docs, MatchingService.MaxTop, ct, AllCandidates);

        Dictionary<string, TeamRow> teams;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var rows = await db.Profiles.AsNoTracking()
                .Select(p => new TeamRow(p.Id, p.ExternalId, p.Name, p.OrganizationName, p.RegionCode, p.IsPublic)).ToListAsync(ct);
            // MatchDemandsAsync names a profile by its external id when it has one, else by its id.
            teams = new Dictionary<string, TeamRow>(StringComparer.Ordinal);
            foreach (var r in rows.Where(r => r.ExternalId is not null)) teams.TryAdd(r.ExternalId!, r);
            foreach (var r in rows.Where(r => r.ExternalId is null)) teams.TryAdd(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r);
        }

        var items = new List<ItemCoverage>();
        foreach (var (item, line) in detail.Items.Zip(lines))
        {
            var qualifying = line.Matches
                .Where(m => m.Score >= t - 1e-9 && (!Options.RequireSkillMatch || item.Skills.Count == 0 || m.Reasons.Any(r => r.StartsWith("技能", StringComparison.Ordinal))))
                .Select(m => (Match: m, Team: teams.GetValueOrDefault(m.CapabilityId)))
                .Where(x => x.Team is not null)
                .ToList();
            var inProvince = qualifying.Count(x => InProvince(x.Team!.RegionCode, province));
            var best = qualifying.Where(x => x.Team!.IsPublic || actor.IsAdmin).Take(Math.Max(0, Options.BestTeams))
                .Select(x => new CoverageTeam(x.Team!.Id, x.Team.Name, x.Team.Organization, x.Team.RegionCode, InProvince(x.Team.RegionCode, province),
                    x.Team.IsPublic, x.Match.Score, x.Match.Reasons.Select(r => new MatchReason(ComponentOf(r), r)).ToList()))
                .ToList();
            // The matcher returns at most MaxTop teams per item: only when all of those reach the threshold can there be more.
            var capped = line.Matches.Count >= MatchingService.MaxTop && line.Matches[^1].Score >= t - 1e-9;
            items.Add(new ItemCoverage(item.Id, item.SortOrder, item.Title, item.ExternalId, item.ChallengeId, item.ChainNodeId, detail.NodeName(item.ChainNodeId),
                item.Bottleneck, item.Skills, inProvince, qualifying.Count, best) { AtLeast = capped });
        }

        var nodes = detail.Chain.Nodes.OrderBy(n => n.Segment).ThenBy(n => n.SortOrder).ThenBy(n => n.Id).Select(n => new NodeCoverage(
            n.Id, n.Name, n.EnglishName, n.Segment,
            Enum.GetValues<BottleneckType>().Select(b =>
            {
                var cell = items.Where(i => i.ChainNodeId == n.Id && i.Bottleneck == b).ToList();
                return new CoverageCell(n.Id, b, cell.Count, cell.Count(i => i.Level == CoverageLevel.Covered),
                    cell.Count(i => i.Level == CoverageLevel.CrossRegionOnly), cell.Count(i => i.Level == CoverageLevel.BlindSpot));
            }).ToList())).ToList();

        return new DemandListCoverage(detail.List.Id, detail.List.Title, detail.List.Batch, detail.Chain.Id, detail.Chain.Name, detail.List.Status,
            t, Options.ProvinceCode, items, nodes);
    }

    /// <summary>An item as the scorer sees it (no region: coverage counts capability, the province is counted separately).</summary>
    public static Core.Matching.DemandDoc ToDemand(DemandItem item) => new()
    {
        Id = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Title = item.Title,
        Description = item.Description,
        Skills = item.Skills,
        FieldCodes = item.FieldCodes,
    };

    public static string ProvincePrefix(string code) => code.Trim() is { Length: >= 2 } c ? c[..2] : "";

    public static bool InProvince(string? regionCode, string provincePrefix) =>
        provincePrefix.Length == 2 && regionCode is { Length: >= 2 } && regionCode.StartsWith(provincePrefix, StringComparison.Ordinal);

    private static Core.Matching.MatchComponent ComponentOf(string reason) => reason switch
    {
        _ when reason.StartsWith("技能", StringComparison.Ordinal) => Core.Matching.MatchComponent.Skill,
        _ when reason.StartsWith("学科", StringComparison.Ordinal) => Core.Matching.MatchComponent.Field,
        _ when reason.StartsWith("成果", StringComparison.Ordinal) => Core.Matching.MatchComponent.Evidence,
        _ when reason.StartsWith("地区", StringComparison.Ordinal) => Core.Matching.MatchComponent.Region,
        _ => Core.Matching.MatchComponent.Text,
    };

    private sealed record TeamRow(int Id, string? ExternalId, string Name, string Organization, string RegionCode, bool IsPublic);

    // --- plumbing ----------------------------------------------------------------------------------------------

    private static void RequireAdmin(Actor actor)
    {
        if (!CanAdminister(actor)) throw new AccessDeniedException(L("只有管理员可以管理需求清单", "Only administrators manage demand lists"));
    }

    /// <summary>Loads the list (tracked, with items), applies the change, audits it and saves, all in one unit of work.</summary>
    private async Task ChangeAsync(Actor actor, int id, long? expectedVersion, string action, Func<AppDbContext, DemandList, Task<string?>> change,
        CancellationToken ct)
    {
        RequireAdmin(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await LoadAsync(db, id, ct);
        if (expectedVersion is { } v && v != list.Version) throw new ConcurrencyConflictException();
        var from = list.Status;
        var reason = await change(db, list);
        db.Record(actor, await db.ActorNameAsync(actor, ct), Entity, id, action, Now, from, list.Status, reason);
        await db.SaveOrConflictAsync(ct);
    }

    private static async Task<DemandList> LoadAsync(AppDbContext db, int id, CancellationToken ct) =>
        await db.DemandLists.Include(l => l.Items).FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException(L($"需求清单 #{id}", $"demand list #{id}"));

    private static async Task RequireChainAsync(AppDbContext db, int chainId, CancellationToken ct)
    {
        if (chainId > 0 && !await db.Chains.AnyAsync(c => c.Id == chainId, ct))
            throw new ValidationFailedException(new Dictionary<string, string> { [nameof(DemandListContent.ChainId)] = L("产业链不存在", "No such industry chain") });
    }

    private static async Task<DemandItemContext> ContextAsync(AppDbContext db, int chainId, CancellationToken ct)
    {
        var chain = await db.Chains.AsNoTracking().Include(c => c.Nodes).FirstAsync(c => c.Id == chainId, ct);
        var fields = (await db.Fields.AsNoTracking().Select(f => f.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var skills = await db.Skills.AsNoTracking().ToListAsync(ct);
        return new DemandItemContext(chain, fields, new SkillVocabulary(skills))
        {
            SkillForms = skills.SelectMany(s => s.AllForms()).Select(f => f.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>An item typed in (or copied) checked like an imported one: node of the list's chain, known fields, normalised skills.</summary>
    private static async Task<DemandItemContent> CheckItemAsync(AppDbContext db, DemandList list, DemandItemContent content, CancellationToken ct)
    {
        var context = await ContextAsync(db, list.ChainId, ct);
        var errors = content.Validate();
        if (content.ChainNodeId > 0 && context.Chain.Nodes.All(n => n.Id != content.ChainNodeId))
            errors[nameof(DemandItemContent.ChainNodeId)] = L("环节不属于本清单的产业链", "The node is not in the list's industry chain");
        var unknown = content.FieldCodes.Where(f => !string.IsNullOrWhiteSpace(f) && !context.FieldCodes.Contains(f.Trim())).ToList();
        if (unknown.Count > 0) errors[nameof(DemandItemContent.FieldCodes)] = L($"学科代码不存在: {string.Join("、", unknown)}", $"Unknown discipline codes: {string.Join(", ", unknown)}");
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return content with { Skills = context.Vocabulary.NormalizeAll(content.Skills) };
    }

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
}
