using Matchmaking.Application.Auditing;
using Matchmaking.Application.Common;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Taxonomy;

/// <summary>Reads the taxonomy for forms and filters; admins edit it. Nodes and skills in use are never deleted.</summary>
public sealed class TaxonomyService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IChangeFeed? changes = null)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<IndustryChain>> ChainsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chains = await db.Chains.AsNoTracking().Include(c => c.Nodes).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        foreach (var c in chains) c.Nodes = c.Nodes.OrderBy(n => n.Segment).ThenBy(n => n.SortOrder).ThenBy(n => n.Id).ToList();
        return chains;
    }

    public async Task<IReadOnlyList<ResearchField>> FieldsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Fields.AsNoTracking().OrderBy(f => f.Code).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Skill>> SkillsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Skills.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
    }

    public async Task<SkillVocabulary> VocabularyAsync(CancellationToken ct = default) => new(await SkillsAsync(ct));

    public async Task<int> SaveChainAsync(Actor actor, int? id, string name, string? englishName, string? description, CancellationToken ct = default)
    {
        Require(actor);
        IndustryChain.ValidateName(name);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        name = name.Trim();
        if (await db.Chains.AnyAsync(c => c.Name == name && c.Id != id, ct)) throw new DomainException("duplicate", L($"已有名为“{name}”的产业链", $"There is already a chain named “{name}”"));
        var chain = id is { } existing ? await db.Chains.FirstOrDefaultAsync(c => c.Id == existing, ct) ?? throw new NotFoundException(L($"产业链 #{existing}", $"chain #{existing}"))
            : db.Chains.Add(new IndustryChain { SortOrder = await db.Chains.CountAsync(ct) + 1 }).Entity;
        chain.Name = name;
        chain.EnglishName = Clean(englishName);
        chain.Description = Clean(description);
        await db.SaveChangesAsync(ct);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(IndustryChain), chain.Id, id is null ? "create" : "edit", Now, reason: name);
        await db.SaveChangesAsync(ct);
        return chain.Id;
    }

    public async Task<int> SaveNodeAsync(Actor actor, int chainId, int? id, string name, string? englishName, ChainSegment segment, CancellationToken ct = default)
    {
        Require(actor);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50) throw new DomainException("node_name", L("环节名称应为1–50个字符", "A node name has 1–50 characters"));
        if (!Enum.IsDefined(segment)) throw new DomainException("segment", L("请选择上游、中游或下游", "Choose upstream, midstream or downstream"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Chains.AnyAsync(c => c.Id == chainId, ct)) throw new NotFoundException(L($"产业链 #{chainId}", $"chain #{chainId}"));
        name = name.Trim();
        if (await db.ChainNodes.AnyAsync(n => n.ChainId == chainId && n.Name == name && n.Id != id, ct))
            throw new DomainException("duplicate", L($"该产业链已有名为“{name}”的环节", $"This chain already has a node named “{name}”"));
        var node = id is { } existing
            ? await db.ChainNodes.FirstOrDefaultAsync(n => n.Id == existing && n.ChainId == chainId, ct) ?? throw new NotFoundException(L($"环节 #{existing}", $"node #{existing}"))
            : db.ChainNodes.Add(new ChainNode { ChainId = chainId, SortOrder = await db.ChainNodes.CountAsync(n => n.ChainId == chainId, ct) + 1 }).Entity;
        node.Name = name;
        node.EnglishName = Clean(englishName);
        node.Segment = segment;
        await db.SaveChangesAsync(ct);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(ChainNode), node.Id, id is null ? "create" : "edit", Now, reason: name);
        await db.SaveChangesAsync(ct);
        return node.Id;
    }

    public async Task DeleteNodeAsync(Actor actor, int nodeId, CancellationToken ct = default)
    {
        Require(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var node = await db.ChainNodes.FirstOrDefaultAsync(n => n.Id == nodeId, ct) ?? throw new NotFoundException(L($"环节 #{nodeId}", $"node #{nodeId}"));
        var uses = await db.Challenges.CountAsync(c => c.ChainNodeId == nodeId, ct);
        if (uses > 0) throw new DomainException("in_use", L($"该环节被{uses}个榜单引用，不能删除", $"{uses} challenge(s) use this node, so it cannot be deleted"));
        db.ChainNodes.Remove(node);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(ChainNode), nodeId, "delete", Now, reason: node.Name);
        await db.SaveChangesAsync(ct);
    }

    public async Task<int> SaveSkillAsync(Actor actor, int? id, string name, string? englishName, IEnumerable<string> synonyms,
        IEnumerable<string> fieldCodes, CancellationToken ct = default)
    {
        Require(actor);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50) throw new DomainException("skill_name", L("技术标签应为1–50个字符", "A skill tag has 1–50 characters"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        name = name.Trim();
        if (await db.Skills.AnyAsync(s => s.Name == name && s.Id != id, ct)) throw new DomainException("duplicate", L($"已有技术标签“{name}”", $"The skill tag “{name}” already exists"));
        var skill = id is { } existing ? await db.Skills.FirstOrDefaultAsync(s => s.Id == existing, ct) ?? throw new NotFoundException(L($"技术标签 #{existing}", $"skill tag #{existing}"))
            : db.Skills.Add(new Skill()).Entity;
        skill.Name = name;
        skill.EnglishName = Clean(englishName);
        skill.Synonyms = synonyms.Select(s => s.Trim()).Where(s => s.Length > 0 && s != name).Distinct().ToList();
        skill.FieldCodes = fieldCodes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        await db.SaveChangesAsync(ct);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Skill), skill.Id, id is null ? "create" : "edit", Now, reason: name);
        await db.SaveChangesAsync(ct);
        changes?.VocabularyChanged();
        return skill.Id;
    }

    public async Task DeleteSkillAsync(Actor actor, int id, CancellationToken ct = default)
    {
        Require(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var skill = await db.Skills.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException(L($"技术标签 #{id}", $"skill tag #{id}"));
        db.Skills.Remove(skill); // challenges and profiles keep the text; only the vocabulary entry goes
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(Skill), id, "delete", Now, reason: skill.Name);
        await db.SaveChangesAsync(ct);
        changes?.VocabularyChanged();
    }

    public async Task SaveFieldAsync(Actor actor, string code, string name, string? englishName, CancellationToken ct = default)
    {
        Require(actor);
        code = code.Trim();
        if (code.Length is < 3 or > 10 || !code.All(char.IsAsciiDigit)) throw new DomainException("field_code", L("学科代码应为3–10位数字（GB/T 13745）", "A discipline code has 3–10 digits (GB/T 13745)"));
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("field_name", L("请填写学科名称", "Enter the discipline name"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var field = await db.Fields.FirstOrDefaultAsync(f => f.Code == code, ct);
        if (field is null) db.Fields.Add(field = new ResearchField { Code = code });
        field.Name = name.Trim();
        field.EnglishName = Clean(englishName);
        db.Record(actor, await db.ActorNameAsync(actor, ct), nameof(ResearchField), code, "save", Now, reason: field.Name);
        await db.SaveChangesAsync(ct);
    }

    private static void Require(Actor actor)
    {
        if (!Permissions.CanAdministerTaxonomy(actor)) throw new AccessDeniedException();
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
