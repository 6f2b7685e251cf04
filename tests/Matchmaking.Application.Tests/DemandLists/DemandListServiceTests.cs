using System.Text;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.DemandLists;
using Matchmaking.Application.Exchange;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Matching;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Tests.Search;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Matchmaking.Application.Tests.DemandLists;

/// <summary>DemandListService on a real SQLite file: permissions, import (xlsx and JSON Lines, all or nothing), export round trip, coverage.</summary>
public sealed class DemandListServiceTests : IAsyncLifetime
{
    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }

    private static readonly DateTime Now = SearchFixture.Now;
    private readonly Actor _admin = new("admin", null, [Roles.Admin]);
    private SearchFixture _f = null!;
    private MatchingService _matching = null!;
    private DemandListService _lists = null!;
    private int _chain, _upstream, _downstream, _otherChainNode;

    public async Task InitializeAsync()
    {
        _f = await SearchFixture.CreateAsync();
        var clock = new FixedClock(Now);
        _matching = new MatchingService(_f.Db, clock, new ProfileService(_f.Db, clock));
        _lists = new DemandListService(_f.Db, clock, _matching, new DemandListOptions { ProvinceCode = "620000", CoverageThreshold = 0.5 });
        (_chain, _upstream, _downstream, _otherChainNode) = (_f.ChainIds[0], _f.NodeIds[0], _f.NodeIds[1], _f.NodeIds[2]);
    }

    public async Task DisposeAsync()
    {
        _matching.Dispose();
        await _f.DisposeAsync();
    }

    private Task<int> NewListAsync(string title = "新能源装备产业链关键核心技术需求清单") =>
        _lists.CreateAsync(_admin, new DemandListContent { ChainId = _chain, Batch = "2026年第一批", Title = title });

    private static MemoryStream Xlsx(params object?[][] rows)
    {
        // Row 0 is the header; MiniExcel writes dictionaries' keys as the header row.
        var header = rows[0].Select(h => (string)h!).ToArray();
        var data = rows.Skip(1).Select(r => (IDictionary<string, object?>)header.Select((h, i) => (h, v: i < r.Length ? r[i] : null))
            .ToDictionary(x => x.h, x => x.v)).ToList();
        var ms = new MemoryStream();
        ms.SaveAs(data, excelType: ExcelType.XLSX);
        ms.Position = 0;
        return ms;
    }

    private static MemoryStream Utf8(string s) => new(Encoding.UTF8.GetBytes(s));

    private static readonly object?[] Header = ["编号/Id", "名称/Title", "描述/Description", "环节/Node", "卡点类型/Bottleneck", "技术标签/Skills", "学科/Fields", "榜额/BudgetWan"];

    private MemoryStream GoodXlsx() => Xlsx(
        Header,
        ["d-1", "超高温熔盐泵国产化", "光热电站高温熔盐泵密封寿命不足。", "新能源及装备上游", "卡点", "高温熔盐泵、储热材料", "480", 800],
        ["d-2", "熔盐储热罐防腐", "储热罐在高温熔盐中腐蚀。", "新能源及装备下游", "Blockage", "防腐涂层; 熔盐泵", "430 480", "120.5"],
        ["d-3", "储能系统安全预警", "", "新能源及装备下游", "盲点", "molten salt pump", null, null]);

    // --- permissions ---------------------------------------------------------------------------------------------

    public static TheoryData<string> NonAdmins => ["anonymous", Roles.Enterprise, Roles.Researcher];

    private static Actor As(string who) => who == "anonymous" ? Actor.Anonymous : new Actor("u-" + who, 1, [who]);

    [Theory, MemberData(nameof(NonAdmins))]
    public async Task Only_admins_create_edit_import_and_publish(string who)
    {
        var actor = As(who);
        var id = await NewListAsync();
        await _lists.AddItemAsync(_admin, id, new DemandItemContent { Title = "熔盐泵", ChainNodeId = _upstream, Skills = ["熔盐泵"] });
        await Assert.ThrowsAsync<AccessDeniedException>(() => _lists.CreateAsync(actor, new DemandListContent { ChainId = _chain, Batch = "b", Title = "t" }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _lists.EditAsync(actor, id, new DemandListContent { ChainId = _chain, Batch = "b", Title = "t" }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _lists.AddItemAsync(actor, id, new DemandItemContent { Title = "x", ChainNodeId = _upstream }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _lists.ImportAsync(actor, id, GoodXlsx(), DemandImportFormat.Xlsx));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _lists.PublishAsync(actor, id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _lists.DeleteDraftAsync(actor, id));
        await _lists.PublishAsync(_admin, id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => _lists.UnpublishAsync(actor, id));
        var detail = await _lists.GetAsync(_admin, id);
        Assert.Equal(DemandListStatus.Published, detail.List.Status);
        Assert.Single(detail.Items);
    }

    [Fact]
    public async Task Anyone_reads_a_published_list_and_its_coverage_but_not_a_draft()
    {
        var id = await NewListAsync();
        await _lists.AddItemAsync(_admin, id, new DemandItemContent { Title = "熔盐泵", ChainNodeId = _upstream, Skills = ["熔盐泵"] });
        await Assert.ThrowsAsync<NotFoundException>(() => _lists.GetAsync(Actor.Anonymous, id));
        await Assert.ThrowsAsync<NotFoundException>(() => _lists.CoverageAsync(Actor.Anonymous, id));
        await Assert.ThrowsAsync<NotFoundException>(() => _lists.ExportXlsxAsync(Actor.Anonymous, id, new MemoryStream()));
        Assert.Empty(await _lists.ListAsync(Actor.Anonymous));
        Assert.Single(await _lists.ListAsync(_admin));
        Assert.Single((await _lists.CoverageAsync(_admin, id)).Items);

        await _lists.PublishAsync(_admin, id);
        Assert.Single((await _lists.CoverageAsync(Actor.Anonymous, id)).Items);
        Assert.Single(await _lists.ListAsync(Actor.Anonymous));
        Assert.Equal("熔盐泵", (await _lists.GetAsync(Actor.Anonymous, id)).Items[0].Title);

        await _lists.UnpublishAsync(_admin, id, "补充条目");
        await Assert.ThrowsAsync<NotFoundException>(() => _lists.CoverageAsync(Actor.Anonymous, id));
    }

    [Fact]
    public async Task Changes_are_audited_and_a_published_list_refuses_edits()
    {
        var id = await NewListAsync();
        var item = await _lists.AddItemAsync(_admin, id, new DemandItemContent { Title = "熔盐泵", ChainNodeId = _upstream, Skills = ["熔盐泵"] });
        await _lists.PublishAsync(_admin, id);
        var ex = await Assert.ThrowsAsync<DomainException>(() => _lists.RemoveItemAsync(_admin, id, item));
        Assert.Equal("list_published", ex.Code);
        await Assert.ThrowsAsync<DomainException>(() => _lists.ImportAsync(_admin, id, GoodXlsx(), DemandImportFormat.Xlsx));
        await Assert.ThrowsAsync<DomainException>(() => _lists.DeleteDraftAsync(_admin, id));
        await _lists.UnpublishAsync(_admin, id);
        await _lists.RemoveItemAsync(_admin, id, item);
        await _lists.DeleteDraftAsync(_admin, id);

        await using var db = await _f.Db.CreateDbContextAsync();
        var actions = await db.AuditEntries.Where(a => a.EntityType == nameof(DemandList) && a.EntityId == id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["create", "add_item", "publish", "unpublish", "remove_item", "delete"], actions);
        Assert.False(await db.DemandLists.AnyAsync());
        Assert.False(await db.DemandItems.AnyAsync());
    }

    [Fact]
    public async Task Items_must_use_a_node_of_the_lists_chain_and_known_fields()
    {
        var id = await NewListAsync();
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _lists.AddItemAsync(_admin, id, new DemandItemContent { Title = "x", ChainNodeId = _otherChainNode, FieldCodes = ["999"] }));
        Assert.Contains("ChainNodeId", ex.Errors.Keys);
        Assert.Contains("FieldCodes", ex.Errors.Keys);
        var itemId = await _lists.AddItemAsync(_admin, id, new DemandItemContent { Title = "x", ChainNodeId = _upstream, Skills = ["高温熔盐泵"] });
        Assert.Equal(["熔盐泵"], (await _lists.GetAsync(_admin, id)).Items.Single(i => i.Id == itemId).Skills); // normalised to the canonical skill
    }

    [Fact]
    public async Task An_existing_challenge_of_the_chain_is_added_as_a_copy()
    {
        var id = await NewListAsync();
        int challengeId, otherChain;
        await using (var db = await _f.Db.CreateDbContextAsync())
        {
            var content = _f.Content(new Random(1), "超高温熔盐泵国产化") with { ChainId = _chain, ChainNodeId = _downstream, Bottleneck = BottleneckType.BlindSpot };
            var c = new Challenge(_f.OrgIds[0], "ent", content, Now);
            var other = new Challenge(_f.OrgIds[0], "ent", content with { ChainId = _f.ChainIds[1], ChainNodeId = _otherChainNode }, Now);
            db.Challenges.AddRange(c, other);
            await db.SaveChangesAsync();
            (challengeId, otherChain) = (c.Id, other.Id);
        }
        Assert.Contains(await _lists.FindChallengesAsync(_admin, id, "熔盐泵"), o => o.Id == challengeId && !o.InList);
        Assert.DoesNotContain(await _lists.FindChallengesAsync(_admin, id, null), o => o.Id == otherChain);
        var itemId = await _lists.AddChallengeAsync(_admin, id, challengeId);
        var item = (await _lists.GetAsync(_admin, id)).Items.Single(i => i.Id == itemId);
        Assert.Equal((challengeId, "超高温熔盐泵国产化", _downstream, BottleneckType.BlindSpot), (item.ChallengeId!.Value, item.Title, item.ChainNodeId, item.Bottleneck));
        Assert.Equal(["熔盐泵"], item.Skills);
        Assert.Equal("other_chain", (await Assert.ThrowsAsync<DomainException>(() => _lists.AddChallengeAsync(_admin, id, otherChain))).Code);
        Assert.Equal("duplicate_challenge", (await Assert.ThrowsAsync<DomainException>(() => _lists.AddChallengeAsync(_admin, id, challengeId))).Code);
    }

    // --- import / export -----------------------------------------------------------------------------------------

    [Fact]
    public async Task A_good_xlsx_file_imports_every_row()
    {
        var id = await NewListAsync();
        Assert.Equal(3, await _lists.ImportAsync(_admin, id, GoodXlsx(), DemandImportFormat.Xlsx));
        var items = (await _lists.GetAsync(_admin, id)).Items;
        Assert.Equal(["d-1", "d-2", "d-3"], items.Select(i => i.ExternalId));
        Assert.Equal(["超高温熔盐泵国产化", "熔盐储热罐防腐", "储能系统安全预警"], items.Select(i => i.Title));
        Assert.Equal([_upstream, _downstream, _downstream], items.Select(i => i.ChainNodeId));
        Assert.Equal([BottleneckType.Chokepoint, BottleneckType.Blockage, BottleneckType.BlindSpot], items.Select(i => i.Bottleneck));
        Assert.Equal(["熔盐泵", "储热材料"], items[0].Skills);            // synonym → canonical
        Assert.Equal(["防腐涂层", "熔盐泵"], items[1].Skills);
        Assert.Equal(["熔盐泵"], items[2].Skills);                       // English alias, kept whole
        Assert.Equal(["430", "480"], items[1].FieldCodes);
        Assert.Equal([800m, 120.5m, null], items.Select(i => i.BudgetWan));
        Assert.Equal([1, 2, 3], items.Select(i => i.SortOrder));
    }

    [Fact]
    public async Task A_broken_xlsx_file_reports_every_row_and_imports_nothing()
    {
        var id = await NewListAsync();
        var file = Xlsx(
            Header,
            ["d-1", "", "缺少名称", "新能源及装备上游", "卡点", "熔盐泵", "480", 10],            // row 2: missing title
            ["d-2", "未知环节", "", "不存在的环节", "卡点", "熔盐泵", "480", 10],                // row 3: unknown node
            ["d-3", "坏的类型", "", "新能源及装备上游", "痛点", "熔盐泵", "480", 10],            // row 4: bad bottleneck
            ["d-4", "坏的榜额", "", "新能源及装备上游", "堵点", "熔盐泵", "480", "八百万"],      // row 5: budget not a number
            ["d-5", "正确的一行", "", "新能源及装备上游", "堵点", "熔盐泵", "480", 10],          // row 6: fine
            ["d-6", "坏的学科", "", "新能源及装备上游", "堵点", "熔盐泵", "999", 10]);           // row 7: unknown field
        var ex = await Assert.ThrowsAsync<ImportFailedException>(() => _lists.ImportAsync(_admin, id, file, DemandImportFormat.Xlsx));
        Assert.Equal([2, 3, 4, 5, 7], ex.Errors.Select(e => e.Line));
        Assert.Contains("title", ex.Errors[0].Message);
        Assert.Contains("不存在的环节", ex.Errors[1].Message);
        Assert.Contains("痛点", ex.Errors[2].Message);
        Assert.Contains("八百万", ex.Errors[3].Message);
        Assert.Contains("999", ex.Errors[4].Message);
        Assert.Empty((await _lists.GetAsync(_admin, id)).Items);
    }

    [Fact]
    public async Task An_xlsx_without_the_required_columns_is_refused_at_row_1()
    {
        var id = await NewListAsync();
        var ex = await Assert.ThrowsAsync<ImportFailedException>(() =>
            _lists.ImportAsync(_admin, id, Xlsx(["名称", "描述"], ["a", "b"]), DemandImportFormat.Xlsx));
        Assert.Equal(1, Assert.Single(ex.Errors).Line);
        Assert.Contains("环节", ex.Errors[0].Message);
        var garbage = await Assert.ThrowsAsync<ImportFailedException>(() =>
            _lists.ImportAsync(_admin, id, Utf8("not a zip file"), DemandImportFormat.Xlsx));
        Assert.Equal(1, Assert.Single(garbage.Errors).Line);
    }

    [Fact]
    public async Task Json_lines_import_reports_line_numbers_and_imports_nothing_on_error()
    {
        var id = await NewListAsync();
        var bad = string.Join("\n",
            """{"id":"d-1","title":"超高温熔盐泵","chain":"新能源及装备","node":"新能源及装备上游","bottleneck":"卡点","skills":["熔盐泵"],"fields":["480"],"budgetWan":800}""",
            """{"id":"d-2","title":"坏 JSON",""",
            """{"id":"d-3","title":"未知环节","node":"核心部件","bottleneck":"卡点"}""",
            "",
            """{"id":"d-4","title":"","node":"新能源及装备上游","bottleneck":"盲点"}""",
            """{"id":"d-5","title":"别的产业链","chain":"有色冶金","node":"新能源及装备上游","bottleneck":"盲点"}""",
            """{"id":"d-6","title":"榜额不是数字","node":"新能源及装备上游","bottleneck":"盲点","budgetWan":"很多"}""");
        var ex = await Assert.ThrowsAsync<ImportFailedException>(() => _lists.ImportAsync(_admin, id, Utf8(bad), DemandImportFormat.JsonLines));
        Assert.Equal([2, 3, 5, 6, 7], ex.Errors.Select(e => e.Line));
        Assert.Contains("核心部件", ex.Errors[1].Message);
        Assert.Contains("有色冶金", ex.Errors[3].Message);
        Assert.Empty((await _lists.GetAsync(_admin, id)).Items);

        var good = """
            {"id":"d-1","title":"超高温熔盐泵","description":"密封寿命不足","chain":"新能源及装备","node":"新能源及装备上游","bottleneck":"Chokepoint","skills":["熔盐泵"],"fields":["480"],"budgetWan":800,"deadline":"2027-06-30"}
            {"id":"d-2","title":"储热罐防腐","node":"新能源及装备下游","bottleneck":"堵点","skills":["防腐涂层"]}
            """;
        Assert.Equal(2, await _lists.ImportAsync(_admin, id, Utf8(good), DemandImportFormat.JsonLines));
        var dup = await Assert.ThrowsAsync<ImportFailedException>(() => _lists.ImportAsync(_admin, id, Utf8(good), DemandImportFormat.JsonLines));
        Assert.Equal([1, 2], dup.Errors.Select(e => e.Line)); // the ids are already in the list
        Assert.Equal(2, await _lists.ImportAsync(_admin, id, Utf8(good), DemandImportFormat.JsonLines, replace: true));
        Assert.Equal(2, (await _lists.GetAsync(_admin, id)).Items.Count);
    }

    [Fact]
    public async Task Export_then_import_gives_the_same_items()
    {
        var source = await NewListAsync("源清单");
        await _lists.ImportAsync(_admin, source, GoodXlsx(), DemandImportFormat.Xlsx);
        await _lists.AddItemAsync(_admin, source, new DemandItemContent
        {
            Title = "多行描述与英文标签", Description = "第一行\n第二行, with comma", ChainNodeId = _upstream, Bottleneck = BottleneckType.Blockage,
            Skills = ["thermal storage design"], FieldCodes = ["520"], BudgetWan = 0.5m, ExternalId = "x 7",
        });
        var file = new MemoryStream();
        var name = await _lists.ExportXlsxAsync(_admin, source, file);
        Assert.EndsWith(".xlsx", name);
        file.Position = 0;

        var copy = await NewListAsync("副本");
        Assert.Equal(4, await _lists.ImportAsync(_admin, copy, file, DemandImportFormat.Xlsx));
        var a = (await _lists.GetAsync(_admin, source)).Items.Select(i => Snapshot(i.Content)).ToList();
        var b = (await _lists.GetAsync(_admin, copy)).Items.Select(i => Snapshot(i.Content)).ToList();
        Assert.Equal(a, b);
    }

    private static string Snapshot(DemandItemContent c) =>
        $"{c.ExternalId}|{c.Title}|{c.Description}|{c.ChainNodeId}|{c.Bottleneck}|{string.Join(",", c.Skills)}|{string.Join(",", c.FieldCodes)}|{c.BudgetWan}";

    // --- coverage ------------------------------------------------------------------------------------------------

    private async Task<(int List, int MoltenSalt, int Database, int Quantum, int Local, int Remote)> CoverageFixtureAsync()
    {
        int local, remote;
        await using (var db = await _f.Db.CreateDbContextAsync())
        {
            CapabilityProfile Team(string name, string summary, string skill, string field, string region)
            {
                var content = new ProfileContent { Name = name, LeadName = "张教授", Summary = summary, Skills = [skill], FieldCodes = [field] };
                var p = new CapabilityProfile(null, null, "某大学", OrganizationType.University, region, content, Now, imported: true);
                db.Profiles.Add(p);
                return p;
            }
            var l = Team("高温熔盐泵团队", "研究高温熔盐泵的密封与叶轮设计。", "熔盐泵", "480", "620100");        // in Gansu
            var r = Team("分布式数据库团队", "研究分布式数据库、云计算与大数据平台。", "分布式数据库", "520", "610100"); // in Shaanxi
            await db.SaveChangesAsync();
            (local, remote) = (l.Id, r.Id);
        }
        var id = await NewListAsync();
        var molten = await _lists.AddItemAsync(_admin, id, new DemandItemContent
        {
            Title = "超高温熔盐泵国产化", Description = "光热电站高温熔盐泵密封寿命不足。", ChainNodeId = _upstream, Bottleneck = BottleneckType.Chokepoint,
            Skills = ["熔盐泵"], FieldCodes = ["480"],
        });
        var database = await _lists.AddItemAsync(_admin, id, new DemandItemContent
        {
            Title = "产业链数据平台", Description = "分布式数据库支撑产业链大数据平台。", ChainNodeId = _downstream, Bottleneck = BottleneckType.Blockage,
            Skills = ["分布式数据库"],
        });
        var quantum = await _lists.AddItemAsync(_admin, id, new DemandItemContent
        {
            Title = "量子精密测量传感器", Description = "冷原子干涉重力仪的工程化。", ChainNodeId = _downstream, Bottleneck = BottleneckType.BlindSpot,
            Skills = ["量子传感"],
        });
        return (id, molten, database, quantum, local, remote);
    }

    [Fact]
    public async Task Coverage_counts_teams_in_the_province_and_overall_and_marks_blind_spots()
    {
        var (id, molten, database, quantum, local, remote) = await CoverageFixtureAsync();
        var coverage = await _lists.CoverageAsync(_admin, id);
        var byId = coverage.Items.ToDictionary(i => i.ItemId);

        Assert.Equal((1, 1, CoverageLevel.Covered), (byId[molten].InProvince, byId[molten].Overall, byId[molten].Level));
        Assert.Equal(local, Assert.Single(byId[molten].BestTeams).ProfileId);
        Assert.Contains(byId[molten].BestTeams[0].Reasons, r => r.Component == Core.Matching.MatchComponent.Skill);
        Assert.True(byId[molten].BestTeams[0].InProvince);

        Assert.Equal((0, 1, CoverageLevel.CrossRegionOnly), (byId[database].InProvince, byId[database].Overall, byId[database].Level));
        Assert.Equal(remote, Assert.Single(byId[database].BestTeams).ProfileId);
        Assert.False(byId[database].BestTeams[0].InProvince);

        Assert.Equal((0, 0, CoverageLevel.BlindSpot), (byId[quantum].InProvince, byId[quantum].Overall, byId[quantum].Level));
        Assert.Empty(byId[quantum].BestTeams);
        Assert.Equal((1, 1, 1), (coverage.Covered, coverage.CrossRegionOnly, coverage.BlindSpots));

        // The heat-map: upstream/卡点 covered; downstream/堵点 cross-region only; downstream/盲点 a blind spot; the rest empty.
        var up = coverage.Nodes.Single(n => n.NodeId == _upstream);
        var down = coverage.Nodes.Single(n => n.NodeId == _downstream);
        Assert.Equal([_upstream, _downstream], coverage.Nodes.Select(n => n.NodeId));
        Assert.Equal(CoverageLevel.Covered, up.Cells.Single(c => c.Bottleneck == BottleneckType.Chokepoint).Level);
        Assert.Null(up.Cells.Single(c => c.Bottleneck == BottleneckType.Blockage).Level);
        Assert.Equal((1, 0, 1, 0), Counts(down.Cells.Single(c => c.Bottleneck == BottleneckType.Blockage)));
        Assert.Equal((1, 0, 0, 1), Counts(down.Cells.Single(c => c.Bottleneck == BottleneckType.BlindSpot)));
    }

    private static (int, int, int, int) Counts(CoverageCell c) => (c.Items, c.Covered, c.CrossRegionOnly, c.BlindSpots);

    [Fact]
    public async Task The_threshold_and_the_province_decide_coverage()
    {
        var (id, molten, database, _, _, _) = await CoverageFixtureAsync();
        var strict = await _lists.CoverageAsync(_admin, id, threshold: 0.99);
        Assert.All(strict.Items, i => Assert.Equal(CoverageLevel.BlindSpot, i.Level));

        var clock = new FixedClock(Now);
        var shaanxi = new DemandListService(_f.Db, clock, _matching, new DemandListOptions { ProvinceCode = "610000" });
        var coverage = (await shaanxi.CoverageAsync(_admin, id)).Items.ToDictionary(i => i.ItemId);
        Assert.Equal(CoverageLevel.CrossRegionOnly, coverage[molten].Level);
        Assert.Equal(CoverageLevel.Covered, coverage[database].Level);

        await Assert.ThrowsAsync<DomainException>(() => _lists.CoverageAsync(_admin, id, threshold: 1.5));
    }

    [Fact]
    public async Task Private_teams_are_counted_but_named_to_admins_only()
    {
        var (id, molten, _, _, local, _) = await CoverageFixtureAsync();
        await using (var db = await _f.Db.CreateDbContextAsync())
        {
            var p = await db.Profiles.SingleAsync(x => x.Id == local);
            p.Edit(p.Content with { IsPublic = false }, Now, imported: true);
            await db.SaveChangesAsync();
        }
        await _lists.PublishAsync(_admin, id);
        var anonymous = (await _lists.CoverageAsync(Actor.Anonymous, id)).Items.Single(i => i.ItemId == molten);
        Assert.Equal((1, 1), (anonymous.InProvince, anonymous.Overall));
        Assert.Empty(anonymous.BestTeams);
        var admin = (await _lists.CoverageAsync(_admin, id)).Items.Single(i => i.ItemId == molten);
        Assert.False(Assert.Single(admin.BestTeams).IsPublic);
    }

    [Fact]
    public async Task Coverage_counts_every_team_above_the_threshold_not_only_the_200_candidates()
    {
        const int InGansu = 150, Elsewhere = 90;
        await using (var db = await _f.Db.CreateDbContextAsync())
        {
            for (var i = 0; i < InGansu + Elsewhere; i++)
            {
                var content = new ProfileContent
                {
                    Name = $"高温熔盐泵团队{i}", LeadName = "张教授", Summary = "研究高温熔盐泵的密封与叶轮设计。", Skills = ["熔盐泵"], FieldCodes = ["480"],
                };
                db.Profiles.Add(new CapabilityProfile(null, null, "某大学", OrganizationType.University, i < InGansu ? "620100" : "610100", content, Now, imported: true));
            }
            await db.SaveChangesAsync();
        }
        var id = await NewListAsync();
        var item = await _lists.AddItemAsync(_admin, id, new DemandItemContent
        {
            Title = "超高温熔盐泵国产化", Description = "光热电站高温熔盐泵密封寿命不足。", ChainNodeId = _upstream, Skills = ["熔盐泵"], FieldCodes = ["480"],
        });

        // The shared matcher sees only its candidate pool (what recommendations need) ...
        var recommended = await _matching.MatchDemandsAsync(Actor.System, [DemandListService.ToDemand(new DemandList(
            new DemandListContent { ChainId = _chain, Batch = "b", Title = "t" }, "admin", Now).AddItem(new DemandItemContent
            {
                Title = "超高温熔盐泵国产化", Description = "光热电站高温熔盐泵密封寿命不足。", ChainNodeId = _upstream, Skills = ["熔盐泵"], FieldCodes = ["480"],
            }, null, Now))], MatchingService.MaxTop);
        Assert.Equal(_matching.Weights.Candidates, recommended.Single().Matches.Count);
        Assert.True(_matching.Weights.Candidates < InGansu + Elsewhere);

        // ... coverage counts them all.
        var coverage = (await _lists.CoverageAsync(_admin, id)).Items.Single(i => i.ItemId == item);
        Assert.Equal((InGansu, InGansu + Elsewhere, false), (coverage.InProvince, coverage.Overall, coverage.AtLeast));
        Assert.Equal(3, coverage.BestTeams.Count);
    }

    [Fact]
    public async Task Editing_an_item_checks_it_like_a_new_one_and_refuses_a_stale_version()
    {
        var id = await NewListAsync();
        var item = await _lists.AddItemAsync(_admin, id, new DemandItemContent { Title = "熔盐泵密封", ChainNodeId = _upstream, Skills = ["熔盐泵"] });
        var loaded = await _lists.GetAsync(_admin, id);
        var content = loaded.Items.Single().Content;

        await _lists.EditItemAsync(_admin, id, item, content with { Title = "熔盐泵长寿命密封", ChainNodeId = _downstream, BudgetWan = 300 }, loaded.List.Version);
        var edited = await _lists.GetAsync(_admin, id);
        Assert.Equal(("熔盐泵长寿命密封", _downstream, 300m), (edited.Items.Single().Title, edited.Items.Single().ChainNodeId, edited.Items.Single().BudgetWan));
        Assert.True(edited.List.Version > loaded.List.Version);

        // Opened before the edit above: refused, not overwritten.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            _lists.EditItemAsync(_admin, id, item, content with { Title = "旧窗口的修改" }, loaded.List.Version));
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _lists.EditItemAsync(_admin, id, item, content with { Title = "", ChainNodeId = _otherChainNode }, edited.List.Version));
        Assert.Contains(nameof(DemandItemContent.Title), invalid.Errors.Keys);
        Assert.Contains(nameof(DemandItemContent.ChainNodeId), invalid.Errors.Keys);
        Assert.Equal("熔盐泵长寿命密封", (await _lists.GetAsync(_admin, id)).Items.Single().Title);

        await _lists.PublishAsync(_admin, id);
        await Assert.ThrowsAsync<DomainException>(() => _lists.EditItemAsync(_admin, id, item, content with { Title = "发布后" }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _lists.EditItemAsync(As(Roles.Researcher), id, item, content));
    }
}
