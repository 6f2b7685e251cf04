using Matchmaking.Application.Auditing;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Data;
using Matchmaking.Application.DemandLists;
using Matchmaking.Application.Identity;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Seeding;

/// <summary>One published demand list for the demo: the 新能源及装备 chain's public challenges plus two items
/// nobody in the demo can solve, so the coverage page shows covered items and blind spots at once.</summary>
public static class DemoDemandList
{
    public static async Task<bool> SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Set<DemandList>().AnyAsync(ct)) return false;
        var chain = await db.Chains.Include(c => c.Nodes).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).FirstOrDefaultAsync(ct);
        var admin = await db.Users.Where(u => u.Email == "admin@demo.local").Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (chain is null || chain.Nodes.Count == 0 || admin is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var list = new DemandList(new DemandListContent
        {
            ChainId = chain.Id, Batch = $"{now.Year}年第一批", Title = $"{now.Year}年 {chain.Name}产业链关键核心技术需求清单",
            Description = "由链主企业征集、省科技厅汇总的关键核心技术需求（演示数据）。",
        }, admin, now);
        var challenges = await db.Challenges.AsNoTracking()
            .Where(c => c.ChainId == chain.Id && (c.Status == ChallengeStatus.Published || c.Status == ChallengeStatus.Closed))
            .OrderBy(c => c.Id).Take(8).ToListAsync(ct);
        foreach (var c in challenges)
            list.AddItem(new DemandItemContent
            {
                Title = c.Title, Description = c.Background, ChainNodeId = c.ChainNodeId, Bottleneck = c.Bottleneck,
                Skills = c.Skills, FieldCodes = c.FieldCodes, BudgetWan = c.BudgetWan, ExternalId = $"c-{c.Id}",
            }, c.Id, now);
        var last = chain.Nodes.OrderBy(n => n.Segment).ThenBy(n => n.SortOrder).Last();
        list.AddItem(new DemandItemContent
        {
            Title = "超临界二氧化碳布雷顿循环透平干气密封", Description = "600℃、25MPa 超临界CO2透平轴端密封，国内尚无研究团队。",
            ChainNodeId = last.Id, Bottleneck = BottleneckType.BlindSpot, Skills = ["超临界二氧化碳透平密封"], FieldCodes = ["470"], ExternalId = "blind-1",
        }, null, now);
        list.AddItem(new DemandItemContent
        {
            Title = "钙钛矿叠层组件户外加速老化标准方法", Description = "高海拔强紫外条件下的钙钛矿/晶硅叠层组件加速老化与寿命预测方法。",
            ChainNodeId = chain.Nodes[0].Id, Bottleneck = BottleneckType.BlindSpot, Skills = ["钙钛矿叠层老化"], FieldCodes = ["430"], ExternalId = "blind-2",
        }, null, now);
        list.Publish(now);
        db.Add(list);
        await db.SaveChangesAsync(ct);
        db.Record(new Actor(admin, null, [Roles.Admin]), "平台管理员", nameof(DemandList), list.Id, "publish", now, DemandListStatus.Draft, DemandListStatus.Published, "演示数据");
        await db.SaveChangesAsync(ct);
        return true;
    }
}
