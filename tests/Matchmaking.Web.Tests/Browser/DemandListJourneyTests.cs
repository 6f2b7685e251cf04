using Matchmaking.Application.DemandLists;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Matchmaking.Web.Tests.Browser;

/// <summary>A demand list in a real browser: the admin creates a list, imports an Excel file, edits an item, publishes,
/// opens the coverage (heat-map, blind spots) and follows a recommended team to its profile.
/// Screenshots go to docs/screenshots/demandlist-*.png.</summary>
[Collection(BrowserCollection.Name)]
public class DemandListJourneyTests(BrowserPortal app) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task Admin_ImportsXlsx_EditsAnItem_OpensCoverage_FollowsATeamToItsProfile()
    {
        // Two teams: one in the province (甘肃 620100) with the molten-salt pump skill, one elsewhere (陕西 610100) on batteries.
        int local;
        await using (var db = await app.DbAsync())
        {
            CapabilityProfile Team(string name, string org, string region, string summary, string skill, string field)
            {
                var content = new ProfileContent { Name = name, LeadName = "张教授", Summary = summary, Skills = [skill], FieldCodes = [field] };
                var p = new CapabilityProfile(null, null, org, OrganizationType.University, region, content, app.Clock.UtcNow, imported: true);
                db.Profiles.Add(p);
                return p;
            }
            var pump = Team("高温熔盐泵与储热团队", "陇原大学", "620100", "研究高温熔盐泵的密封、叶轮与长轴结构，以及光热电站熔盐储热系统。", "熔盐泵", "480");
            Team("锂电池材料团队", "秦川理工大学", "610100", "研究储能锂离子电池正极材料与电池热管理。", "储能电池", "430");
            await db.SaveChangesAsync();
            local = pump.Id;
        }

        var file = Path.Combine(Path.GetTempPath(), $"demandlist-{Guid.NewGuid():N}.xlsx");
        MiniExcel.SaveAs(file, new[]
        {
            Row("NE-01", "超高温熔盐泵国产化", "光热电站储热系统需要在565℃以上长期运行的熔盐泵，进口泵交期长。", "光热发电储热系统", "卡点", "熔盐泵", "480", 800),
            Row("NE-02", "储能电池热失控预警", "大规模储能电站的储能电池热失控早期预警与热管理。", "储能电池", "堵点", "储能电池", "430", 300),
            Row("NE-03", "兆瓦级固体氧化物电解制氢电堆", "高温固体氧化物电解池电堆的长寿命密封与衰减控制。", "氢能装备", "盲点", "固体氧化物电解", "", 1200),
        });

        var admin = await app.NewPageAsync(1366, 900);
        await admin.SignInAsync(PortalFactory.AdminEmail, PortalFactory.Password);

        // 1. A new list for the 新能源及装备 chain.
        await admin.GotoInteractiveAsync("/admin/demand-lists/new");
        await PickAsync(admin, "#dl-chain", "新能源及装备");
        await admin.FillAsync("#dl-batch", "2026年第一批");
        await admin.FillAsync("#dl-title", "新能源及装备产业链关键核心技术需求清单");
        await admin.Keyboard.PressAsync("Tab"); // the field commits its value on change
        await admin.ClickAsync("#dl-save");
        await admin.WaitForSelectorAsync("#dl-status", new() { Timeout = 30_000 }); // the saved list's page (the router navigated)
        var listId = int.Parse(admin.Url.Split('/').Last().Split('?')[0]);

        // 2. The Excel file is imported.
        await admin.SetInputFilesAsync("#dl-import-file input[type=file]", file);
        await admin.WaitForSelectorAsync("#dl-import-name:has-text('.xlsx')");
        await admin.ClickAsync("#dl-import-submit");
        await admin.WaitForSelectorAsync("#dl-items tbody tr:nth-child(3) [id^='dl-item-']");
        await admin.ScreenshotAsync("demandlist-01-imported");
        var items = (await app.Get<DemandListService>().GetAsync(await app.AdminAsync(), listId)).Items;
        Assert.Equal(["NE-01", "NE-02", "NE-03"], items.Select(i => i.ExternalId));

        // 3. An item is edited in place (the same checks as a new one; the list's version guards the edit).
        var pumpItem = items[0];
        await admin.ClickAsync($"#dl-edit-{pumpItem.Id}");
        await admin.WaitForSelectorAsync("#item-title");
        Assert.Equal("超高温熔盐泵国产化", await admin.InputValueAsync("#item-title"));
        await admin.FillAsync("#item-title", "超高温长轴熔盐泵国产化");
        await admin.FillAsync("#item-budget", "900");
        await admin.ScreenshotAsync("demandlist-02-edit-item");
        await admin.ClickAsync("#item-save");
        await admin.WaitForSelectorAsync(".mud-dialog", new() { State = WaitForSelectorState.Detached });
        await admin.WaitForSelectorAsync($"#dl-item-{pumpItem.Id}:has-text('超高温长轴熔盐泵国产化')");

        // 4. Published, then the coverage.
        await admin.ClickAsync("#dl-publish");
        await admin.Locator(".mud-dialog .mud-dialog-actions button").Last.ClickAsync();
        await admin.WaitForSelectorAsync("#dl-readonly");
        await admin.ClickAsync("#dl-coverage");
        await admin.WaitForSelectorAsync("#heatmap");
        await admin.WaitForSelectorAsync("#app-root[data-interactive='true']");

        var blind = items[2];
        await admin.WaitForSelectorAsync($"#blind-spots #blind-spot-{blind.Id}");
        Assert.Equal("BlindSpot", await admin.GetAttributeAsync($"#heatmap-cell-{blind.ChainNodeId}-BlindSpot", "data-level"));
        Assert.Equal("Covered", await admin.GetAttributeAsync($"#heatmap-cell-{pumpItem.ChainNodeId}-Chokepoint", "data-level"));
        Assert.Equal("CrossRegionOnly", await admin.GetAttributeAsync($"#heatmap-cell-{items[1].ChainNodeId}-Blockage", "data-level"));
        Assert.Equal("1", await admin.GetAttributeAsync($"#coverage-item-{pumpItem.Id}", "data-province"));
        await DismissSnackbarsAsync(admin);
        await admin.ScreenshotAsync("demandlist-03-coverage");

        // 5. The recommended team of the pump item leads to its profile.
        var team = admin.Locator($"tr:has(#coverage-item-{pumpItem.Id}) .coverage-team a").First;
        Assert.Equal("高温熔盐泵与储热团队", (await team.InnerTextAsync()).Trim());
        await team.ClickAsync();
        await admin.WaitForURLAsync($"**/profiles/{local}");
        await admin.WaitForSelectorAsync("#profile-title:has-text('高温熔盐泵与储热团队')");
        await DismissSnackbarsAsync(admin);
        await admin.ScreenshotAsync("demandlist-04-team-profile");

        await using var check = await app.DbAsync();
        Assert.Equal(DemandListStatus.Published, (await check.DemandLists.SingleAsync(l => l.Id == listId)).Status);
        File.Delete(file);
    }

    private static Dictionary<string, object?> Row(string id, string title, string description, string node, string bottleneck, string skills,
        string fields, decimal budget) => new()
    {
        ["编号"] = id, ["名称"] = title, ["描述"] = description, ["环节"] = node, ["卡点类型"] = bottleneck, ["技术标签"] = skills,
        ["学科"] = fields, ["榜额（万元）"] = budget,
    };

    /// <summary>Closes the notices still showing, so that the screenshot shows the page.</summary>
    private static async Task DismissSnackbarsAsync(IPage page)
    {
        foreach (var close in await page.Locator(".mud-snackbar button").AllAsync())
        {
            try { await close.ClickAsync(new() { Timeout = 2_000 }); }
            catch (PlaywrightException) { } // it went by itself meanwhile
        }
        await page.Locator(".mud-snackbar").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Opens a MudSelect and clicks the item containing the text.</summary>
    private static async Task PickAsync(IPage page, string selectId, string text)
    {
        await page.ClickAsync($"{selectId} .mud-input-control");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = text }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }
}
