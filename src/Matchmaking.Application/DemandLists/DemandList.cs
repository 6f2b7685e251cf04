using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;

namespace Matchmaking.Application.DemandLists;

public enum DemandListStatus { Draft = 0, Published = 1 }

/// <summary>The editable header of a demand list, validated as a whole.</summary>
public sealed record DemandListContent
{
    public int ChainId { get; init; }
    public string Batch { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Description { get; init; }

    public const int MaxBatch = 40, MaxTitle = 120, MaxDescription = 4000;

    public Dictionary<string, string> Validate()
    {
        var e = new Dictionary<string, string>();
        if (ChainId <= 0) e[nameof(ChainId)] = L("请选择产业链", "Choose an industry chain");
        if (string.IsNullOrWhiteSpace(Batch)) e[nameof(Batch)] = L("请填写批次（如 2026年第一批）", "Enter the batch (e.g. 2026 first batch)");
        else if (Batch.Trim().Length > MaxBatch) e[nameof(Batch)] = L($"批次不超过{MaxBatch}个字符", $"The batch has at most {MaxBatch} characters");
        if (string.IsNullOrWhiteSpace(Title)) e[nameof(Title)] = L("请填写清单名称", "Enter the list title");
        else if (Title.Trim().Length > MaxTitle) e[nameof(Title)] = L($"清单名称不超过{MaxTitle}个字符", $"The list title has at most {MaxTitle} characters");
        if (Description is { Length: > MaxDescription }) e[nameof(Description)] = L($"说明不超过{MaxDescription}个字符", $"The description has at most {MaxDescription} characters");
        return e;
    }
}

/// <summary>The content of one demand item (a plain demand, or a copy of an existing challenge taken when it was added).</summary>
public sealed record DemandItemContent
{
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public int ChainNodeId { get; init; }
    public BottleneckType Bottleneck { get; init; } = BottleneckType.Chokepoint;
    public IReadOnlyList<string> Skills { get; init; } = [];
    public IReadOnlyList<string> FieldCodes { get; init; } = [];
    public decimal? BudgetWan { get; init; }
    public string? ExternalId { get; init; }

    public const int MaxTitle = 80, MaxDescription = 4000, MaxSkills = 20, MaxSkillLength = 50, MaxExternalId = 100;

    public Dictionary<string, string> Validate()
    {
        var e = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Title)) e[nameof(Title)] = L("请填写需求名称", "Enter the demand title");
        else if (Title.Trim().Length > MaxTitle) e[nameof(Title)] = L($"需求名称不超过{MaxTitle}个字符", $"The demand title has at most {MaxTitle} characters");
        if (Description.Length > MaxDescription) e[nameof(Description)] = L($"描述不超过{MaxDescription}个字符", $"The description has at most {MaxDescription} characters");
        if (ChainNodeId <= 0) e[nameof(ChainNodeId)] = L("请选择产业链环节", "Choose a chain node");
        if (!Enum.IsDefined(Bottleneck)) e[nameof(Bottleneck)] = L("卡点类型应为 卡点/堵点/盲点", "The bottleneck type is chokepoint, blockage or blind spot");
        var skills = Skills.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (skills.Count > MaxSkills) e[nameof(Skills)] = L($"技术标签不超过{MaxSkills}个", $"At most {MaxSkills} skill tags");
        else if (skills.Any(s => s.Trim().Length > MaxSkillLength)) e[nameof(Skills)] = L($"每个技术标签不超过{MaxSkillLength}个字符", $"Each skill tag has at most {MaxSkillLength} characters");
        if (FieldCodes.Any(f => string.IsNullOrWhiteSpace(f) || f.Trim().Length > 10)) e[nameof(FieldCodes)] = L("学科代码无效", "Invalid discipline code");
        if (BudgetProblem(BudgetWan) is { } budget) e[nameof(BudgetWan)] = budget;
        if (ExternalId is { } id && id.Trim().Length > MaxExternalId) e[nameof(ExternalId)] = L($"编号不超过{MaxExternalId}个字符", $"The id has at most {MaxExternalId} characters");
        return e;
    }

    /// <summary>What is wrong with a demand's budget, or null: none is fine (a demand need not have one), negative or
    /// over a challenge's maximum is not.</summary>
    public static string? BudgetProblem(decimal? budgetWan) => budgetWan switch
    {
        < 0 => L("榜额不能为负", "The prize budget cannot be negative"),
        > ChallengeContent.MaxBudgetWan => L($"榜额不超过{ChallengeContent.MaxBudgetWan:0}万元", $"The prize budget is at most {ChallengeContent.MaxBudgetWan:0} (×10k CNY)"),
        _ => null,
    };
}

/// <summary>需求清单: a curated list of demand items for one chain and batch. Everything that changes it is a
/// method here that refuses what the rules do not allow: a published list is read-only until it is un-published.</summary>
public class DemandList
{
    private DemandList() { }

    public DemandList(DemandListContent content, string createdByUserId, DateTime nowUtc)
    {
        CreatedByUserId = createdByUserId;
        CreatedAtUtc = nowUtc;
        Apply(content, nowUtc);
    }

    public int Id { get; private set; }
    public int ChainId { get; private set; }
    public string Batch { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public DemandListStatus Status { get; private set; } = DemandListStatus.Draft;
    public DateTime? PublishedAtUtc { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    /// <summary>Optimistic concurrency token, bumped by every change (items included).</summary>
    public long Version { get; private set; }
    public List<DemandItem> Items { get; private set; } = [];

    public bool IsPublished => Status == DemandListStatus.Published;
    public bool IsEditable => Status == DemandListStatus.Draft;

    public DemandListContent Content => new() { ChainId = ChainId, Batch = Batch, Title = Title, Description = Description };

    public IEnumerable<DemandItem> OrderedItems => Items.OrderBy(i => i.SortOrder).ThenBy(i => i.Id);

    public void Edit(DemandListContent content, DateTime nowUtc)
    {
        EnsureEditable("edit");
        if (content.ChainId != ChainId && Items.Count > 0)
            throw new DomainException("chain_has_items", L("清单已有条目，不能更换产业链（条目的环节属于原产业链）", "The list has items, so its industry chain cannot change (their nodes belong to the current chain)"));
        Apply(content, nowUtc);
    }

    /// <summary>Adds an item at the end. <paramref name="challengeId"/> links it to the challenge it was copied from.</summary>
    public DemandItem AddItem(DemandItemContent content, int? challengeId, DateTime nowUtc)
    {
        EnsureEditable("add_item");
        EnsureValid(content);
        if (challengeId is { } cid && Items.Any(i => i.ChallengeId == cid))
            throw new DomainException("duplicate_challenge", L("该榜单已在清单中", "This challenge is already in the list"));
        if (Normalize(content.ExternalId) is { } ext && Items.Any(i => i.ExternalId == ext))
            throw new DomainException("duplicate_external_id", L($"编号“{ext}”已在清单中", $"The id “{ext}” is already in the list"));
        var item = new DemandItem(content, challengeId, Items.Count == 0 ? 1 : Items.Max(i => i.SortOrder) + 1);
        Items.Add(item);
        Touch(nowUtc);
        return item;
    }

    public void EditItem(int itemId, DemandItemContent content, DateTime nowUtc)
    {
        EnsureEditable("edit_item");
        EnsureValid(content);
        var item = Find(itemId);
        if (Normalize(content.ExternalId) is { } ext && Items.Any(i => i.Id != itemId && i.ExternalId == ext))
            throw new DomainException("duplicate_external_id", L($"编号“{ext}”已在清单中", $"The id “{ext}” is already in the list"));
        item.Apply(content);
        Touch(nowUtc);
    }

    public void RemoveItem(int itemId, DateTime nowUtc)
    {
        EnsureEditable("remove_item");
        Items.Remove(Find(itemId));
        Renumber();
        Touch(nowUtc);
    }

    /// <summary>Moves an item up (negative) or down (positive) by <paramref name="by"/> places; clamped at the ends.</summary>
    public void MoveItem(int itemId, int by, DateTime nowUtc)
    {
        EnsureEditable("move_item");
        var ordered = OrderedItems.ToList();
        var item = Find(itemId);
        var from = ordered.IndexOf(item);
        var to = Math.Clamp(from + by, 0, ordered.Count - 1);
        if (to == from) return;
        ordered.RemoveAt(from);
        ordered.Insert(to, item);
        for (var i = 0; i < ordered.Count; i++) ordered[i].SortOrder = i + 1;
        Touch(nowUtc);
    }

    /// <summary>Removes every item (an import that replaces the list's content).</summary>
    public void ClearItems(DateTime nowUtc)
    {
        EnsureEditable("clear_items");
        Items.Clear();
        Touch(nowUtc);
    }

    public void Publish(DateTime nowUtc)
    {
        if (Status != DemandListStatus.Draft) throw Invalid("publish");
        if (Items.Count == 0) throw new DomainException("empty_list", L("清单中没有条目，不能发布", "The list has no items, so it cannot be published"));
        Status = DemandListStatus.Published;
        PublishedAtUtc = nowUtc;
        Touch(nowUtc);
    }

    /// <summary>Back to Draft, so that it can be edited again (admins only; the service checks).</summary>
    public void Unpublish(DateTime nowUtc)
    {
        if (Status != DemandListStatus.Published) throw Invalid("unpublish");
        Status = DemandListStatus.Draft;
        PublishedAtUtc = null;
        Touch(nowUtc);
    }

    public void EnsureEditable(string action)
    {
        if (!IsEditable) throw new DomainException("list_published", L($"清单已发布，只读；请先撤回发布再修改 ({action})", $"The list is published and read-only; unpublish it before changing it ({action})"));
    }

    public static void EnsureValid(DemandItemContent content)
    {
        var errors = content.Validate();
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }

    private DemandItem Find(int itemId) =>
        Items.FirstOrDefault(i => i.Id == itemId) ?? throw new NotFoundException(L($"清单条目 #{itemId}", $"list item #{itemId}"));

    private void Renumber()
    {
        var i = 1;
        foreach (var item in OrderedItems.ToList()) item.SortOrder = i++;
    }

    private void Apply(DemandListContent c, DateTime nowUtc)
    {
        var errors = c.Validate();
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        ChainId = c.ChainId;
        Batch = c.Batch.Trim();
        Title = c.Title.Trim();
        Description = string.IsNullOrWhiteSpace(c.Description) ? null : c.Description.Trim();
        Touch(nowUtc);
    }

    internal static string? Normalize(string? externalId) => string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim();

    private void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version++;
    }

    private DomainException Invalid(string action) =>
        new("invalid_transition", L($"当前状态（{Status}）不允许此操作（{action}）", $"Not allowed in the current status ({Status}): {action}"));
}

/// <summary>One item of a demand list. Created and changed only through its <see cref="DemandList"/>.</summary>
public class DemandItem
{
    private DemandItem() { }

    internal DemandItem(DemandItemContent content, int? challengeId, int sortOrder)
    {
        ChallengeId = challengeId;
        SortOrder = sortOrder;
        Apply(content);
    }

    public int Id { get; private set; }
    public int DemandListId { get; private set; }
    /// <summary>The existing challenge this item was copied from, if any.</summary>
    public int? ChallengeId { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int ChainNodeId { get; private set; }
    public BottleneckType Bottleneck { get; private set; }
    public List<string> Skills { get; private set; } = [];
    public List<string> FieldCodes { get; private set; } = [];
    public decimal? BudgetWan { get; private set; }
    public string? ExternalId { get; private set; }
    public int SortOrder { get; internal set; }

    public DemandItemContent Content => new()
    {
        Title = Title, Description = Description, ChainNodeId = ChainNodeId, Bottleneck = Bottleneck, Skills = [.. Skills],
        FieldCodes = [.. FieldCodes], BudgetWan = BudgetWan, ExternalId = ExternalId,
    };

    internal void Apply(DemandItemContent c)
    {
        Title = c.Title.Trim();
        Description = c.Description.Trim();
        ChainNodeId = c.ChainNodeId;
        Bottleneck = c.Bottleneck;
        Skills = c.Skills.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();
        FieldCodes = c.FieldCodes.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();
        BudgetWan = c.BudgetWan;
        ExternalId = DemandList.Normalize(c.ExternalId);
    }
}
