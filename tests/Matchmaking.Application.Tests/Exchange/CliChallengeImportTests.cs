using System.Text.Json;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Data;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Tests.Domain;
using Matchmaking.Application.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Matchmaking.Application.Tests.Exchange;

/// <summary>`import challenges FILE` end to end on a real data folder: JSON Lines and .xlsx, broken files, re-import.</summary>
public sealed class CliChallengeImportTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private static readonly string PosterCode = TestData.Code("91620100MA71HX0PT");

    private const string Good = """
        {"id":"d-7","title":"超高温熔盐泵国产化","description":"光热电站储热系统需要长期运行在565℃以上的熔盐泵。","chain":"新能源及装备","node":"光热发电储热系统","bottleneck":"卡点","skills":["高温熔盐泵"],"fields":["480"],"budgetWan":800,"deadline":"2027-06-30","eligible":["University","ResearchInstitute"],"region":"620000","organization":"河西新能源装备集团","targets":["耐温≥600℃","连续运行≥8000小时"],"unknownField":1}
        {"id":"d-8","title":"风机叶片回收再利用","description":"退役风电叶片的热固性复合材料难以回收。","chain":"New Energy and Equipment","node":"风机叶片材料","bottleneck":"堵点","skills":["风机叶片"],"fields":["430"],"budgetWan":300,"deadline":"2027-03-31","creditCode":"POSTER","status":"Draft"}
        """;

    private string GoodLines => Good.Replace("POSTER", PosterCode);

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => _cli.RunAsync(args);

    private AppDbContext Db()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataSetup.Configure(options, _cli.Dir);
        return new AppDbContext(options.Options);
    }

    /// <summary>Migrates the folder (any verb does) and registers the poster organisation the files name.</summary>
    private async Task PosterAsync()
    {
        Assert.Equal(0, (await RunAsync("index", "status")).Exit);
        await using var db = Db();
        db.Organizations.Add(new Organization("河西新能源装备集团", OrganizationType.Enterprise, PosterCode, "620700", "甘肃省张掖市"));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Import_CreatesChallenges_IndexedAudited_AndReimportUpdates()
    {
        await PosterAsync();
        var (exit, output, err) = await RunAsync("import", "challenges", _cli.File("c.jsonl", GoodLines));
        Assert.True(exit == 0, err);
        Assert.Contains("2 created, 0 updated", output);

        await using (var db = Db())
        {
            var pump = await db.Challenges.Include(c => c.PosterOrganization).SingleAsync(c => c.ExternalId == "d-7");
            Assert.Equal(ChallengeStatus.Published, pump.Status); // the default state
            Assert.NotNull(pump.PublishedAtUtc);
            Assert.Equal("河西新能源装备集团", pump.PosterOrganization!.Name);
            Assert.Equal(["熔盐泵"], pump.Skills); // a synonym normalised to the canonical skill
            Assert.Equal(["耐温≥600℃", "连续运行≥8000小时"], pump.Targets);
            Assert.Equal(BottleneckType.Chokepoint, pump.Bottleneck);
            Assert.Equal(new DateTime(2027, 6, 30, 15, 59, 59, DateTimeKind.Utc), pump.BidDeadlineUtc); // end of the day in Beijing
            Assert.Equal(EligibleBidders.University | EligibleBidders.ResearchInstitute, pump.Eligible);
            var node = await db.ChainNodes.SingleAsync(n => n.Id == pump.ChainNodeId);
            Assert.Equal("光热发电储热系统", node.Name);

            var blade = await db.Challenges.SingleAsync(c => c.ExternalId == "d-8"); // chain by English name, poster by credit code
            Assert.Equal(ChallengeStatus.Draft, blade.Status);
            Assert.Equal(BottleneckType.Blockage, blade.Bottleneck);
            Assert.Equal([Application.Exchange.ImportService.DefaultTarget], blade.Targets);

            var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Challenge)).ToListAsync();
            Assert.Equal(2, audit.Count(a => a.Action == "import"));
        }

        var search = await RunAsync("search", "熔盐泵", "--kind", "challenges");
        var hit = JsonDocument.Parse(search.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single()).RootElement;
        Assert.Equal("超高温熔盐泵国产化", hit.GetProperty("title").GetString());

        var again = await RunAsync("import", "challenges", _cli.File("c2.jsonl", GoodLines.Replace("超高温熔盐泵国产化", "长轴熔盐泵寿命提升").Replace("\"Draft\"", "\"Published\"")));
        Assert.True(again.Exit == 0, again.Err);
        Assert.Contains("0 created, 2 updated", again.Out);
        await using (var db = Db())
        {
            Assert.Equal(2, await db.Challenges.CountAsync());
            Assert.Equal("长轴熔盐泵寿命提升", (await db.Challenges.SingleAsync(c => c.ExternalId == "d-7")).Title);
            Assert.Equal(ChallengeStatus.Published, (await db.Challenges.SingleAsync(c => c.ExternalId == "d-8")).Status);
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Challenge) && a.Action == "reimport"));
        }
        var renamed = await RunAsync("search", "寿命提升", "--kind", "challenges");
        Assert.Contains("长轴熔盐泵寿命提升", renamed.Out);
        Assert.DoesNotContain("超高温熔盐泵国产化", renamed.Out);
    }

    [Theory]
    [InlineData("{not json}", "JSON")]
    [InlineData("""{"title":"无编号","description":"d","chain":"新能源及装备","node":"多晶硅","skills":["熔盐泵"],"fields":["480"],"budgetWan":1,"deadline":"2027-01-01","organization":"河西新能源装备集团"}""", "missing id")]
    [InlineData("""{"id":"d-7","title":"重复","description":"d","chain":"新能源及装备","node":"多晶硅","skills":["熔盐泵"],"fields":["480"],"budgetWan":1,"deadline":"2027-01-01","organization":"河西新能源装备集团"}""", "duplicate id, first on line 1")]
    [InlineData("""{"id":"x","title":"类型错","description":"d","chain":"新能源及装备","node":"多晶硅","skills":"熔盐泵","fields":["480"],"budgetWan":1,"deadline":"2027-01-01","organization":"河西新能源装备集团"}""", "JSON")]
    [InlineData("""{"id":"x","title":"预算错","description":"d","chain":"新能源及装备","node":"多晶硅","skills":["熔盐泵"],"fields":["480"],"budgetWan":"八百","deadline":"2027-01-01","organization":"河西新能源装备集团"}""", "JSON")]
    [InlineData("""{"id":"x","title":"链错","description":"d","chain":"不存在的链","node":"多晶硅","skills":["熔盐泵"],"fields":["480"],"budgetWan":1,"deadline":"2027-01-01","organization":"河西新能源装备集团"}""", "unknown chain")]
    [InlineData("""{"id":"x","title":"环节错","description":"d","chain":"新能源及装备","node":"原油加工","skills":["熔盐泵"],"fields":["480"],"budgetWan":1,"deadline":"2027-01-01","organization":"河西新能源装备集团"}""", "unknown node")]
    [InlineData("""{"id":"x","title":"学科错","description":"d","chain":"新能源及装备","node":"多晶硅","skills":["熔盐泵"],"fields":["999"],"budgetWan":1,"deadline":"2027-01-01","organization":"河西新能源装备集团"}""", "unknown discipline")]
    [InlineData("""{"id":"x","title":"单位错","description":"d","chain":"新能源及装备","node":"多晶硅","skills":["熔盐泵"],"fields":["480"],"budgetWan":1,"deadline":"2027-01-01","organization":"无名公司"}""", "unknown organization")]
    [InlineData("""{"id":"x","title":"日期错","description":"d","chain":"新能源及装备","node":"多晶硅","skills":["熔盐泵"],"fields":["480"],"budgetWan":1,"deadline":"明年","organization":"河西新能源装备集团"}""", "not a date")]
    [InlineData("""{"id":"x","title":"状态错","description":"d","chain":"新能源及装备","node":"多晶硅","skills":["熔盐泵"],"fields":["480"],"budgetWan":1,"deadline":"2027-01-01","organization":"河西新能源装备集团","status":"Awarded"}""", "status")]
    [InlineData("""{"id":"x","title":"无技能","description":"d","chain":"新能源及装备","node":"多晶硅","fields":["480"],"budgetWan":1,"deadline":"2027-01-01","organization":"河西新能源装备集团"}""", "(skills)")]
    public async Task BrokenLine_ReportsItsNumber_AndImportsNothing(string bad, string says)
    {
        await PosterAsync();
        var (exit, output, err) = await RunAsync("import", "challenges", _cli.File("bad.jsonl", GoodLines + "\n" + bad + "\n"));
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("line 3", err);
        Assert.Contains(says, err);
        await using var db = Db();
        Assert.Equal(0, await db.Challenges.CountAsync()); // all or nothing: the two good lines were not imported either
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    /// <summary>A budget the demand rules refuse is reported once, in their words; one they accept but a challenge does
    /// not (none, or 0) is reported by the challenge's rule.</summary>
    [Theory]
    [InlineData("-5", "榜额不能为负", "榜额应大于0万元")]
    [InlineData("200000", "榜额不超过100000万元", "榜额应大于0万元")]
    [InlineData("0", "榜额应大于0万元", "榜额不能为负")]
    public async Task BadBudget_IsReportedOnce(string budget, string says, string doesNotSay)
    {
        await PosterAsync();
        var line = $$"""{"id":"x","title":"预算","description":"d","chain":"新能源及装备","node":"多晶硅","skills":["熔盐泵"],"fields":["480"],"budgetWan":{{budget}},"deadline":"2027-01-01","organization":"河西新能源装备集团"}""";
        var (exit, _, err) = await RunAsync("import", "challenges", _cli.File("budget.jsonl", line + "\n"));
        Assert.Equal(1, exit);
        Assert.Equal(1, err.Split(says).Length - 1);
        Assert.DoesNotContain(doesNotSay, err);
    }

    [Fact]
    public async Task ATenMegabyteLine_IsRefusedWithItsLineNumber()
    {
        await PosterAsync();
        var huge = "{\"id\":\"big\",\"title\":\"甲\",\"description\":\"" + new string('x', 10 << 20) + "\"}";
        var (exit, _, err) = await RunAsync("import", "challenges", _cli.File("huge.jsonl", GoodLines + "\n" + huge + "\n"));
        Assert.Equal(1, exit);
        Assert.Contains("line 3", err);
        Assert.Contains("too long", err);
        await using var db = Db();
        Assert.Equal(0, await db.Challenges.CountAsync());
    }

    [Fact]
    public async Task Reimport_OfAChallengeWithBids_IsRefused()
    {
        await PosterAsync();
        Assert.Equal(0, (await RunAsync("import", "challenges", _cli.File("c.jsonl", GoodLines))).Exit);
        await using (var db = Db())
        {
            var challenge = await db.Challenges.SingleAsync(c => c.ExternalId == "d-7");
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF"); // a bid without its team and author: only its existence matters here
            db.Bids.Add(new Bid(challenge.Id, 1, challenge.PosterOrganizationId, "u", TestData.Bid(), challenge.BudgetWan,
                challenge.BidDeadlineUtc.AddDays(-1), challenge.BidDeadlineUtc));
            await db.SaveChangesAsync();
        }
        var (exit, _, err) = await RunAsync("import", "challenges", _cli.File("c2.jsonl", GoodLines.Replace("超高温熔盐泵国产化", "改名")));
        Assert.Equal(1, exit);
        Assert.Contains("line 1", err);
        Assert.Contains("has bids", err);
    }

    [Fact]
    public async Task Xlsx_ImportsWithChineseHeaders_AndReportsRowNumbers()
    {
        await PosterAsync();
        var rows = new List<Dictionary<string, object>>
        {
            new()
            {
                ["编号"] = "x-1", ["名称"] = "熔盐储热罐防腐", ["描述"] = "储热罐在高温熔盐中腐蚀。", ["产业链"] = "新能源及装备", ["环节"] = "储热熔盐",
                ["卡点类型"] = "堵点", ["技术标签"] = "熔盐储热 molten salt pump", ["学科"] = "480", ["榜额（万元）"] = 500, ["揭榜截止"] = "2027-05-01",
                ["发榜单位"] = "河西新能源装备集团", ["考核指标"] = "腐蚀速率≤0.05mm/a；寿命≥25年", ["攻关期限（月）"] = 18,
            },
        };
        var good = Path.Combine(_cli.Dir, "good.xlsx");
        MiniExcel.SaveAs(good, rows);
        var (exit, output, err) = await RunAsync("import", "challenges", good);
        Assert.True(exit == 0, err);
        Assert.Contains("1 created", output);
        await using (var db = Db())
        {
            var c = await db.Challenges.SingleAsync(c => c.ExternalId == "x-1");
            Assert.Equal(["熔盐储热", "熔盐泵"], c.Skills);
            Assert.Equal(["腐蚀速率≤0.05mm/a", "寿命≥25年"], c.Targets);
            Assert.Equal(18, c.DeliveryMonths);
            Assert.Equal(500m, c.BudgetWan);
        }

        rows[0]["编号"] = "x-2";
        rows.Add(new Dictionary<string, object>(rows[0]) { ["编号"] = "x-3", ["环节"] = "炼油" });
        var bad = Path.Combine(_cli.Dir, "bad.xlsx");
        MiniExcel.SaveAs(bad, rows);
        var failed = await RunAsync("import", "challenges", bad);
        Assert.Equal(1, failed.Exit);
        Assert.Contains("line 3", failed.Err); // sheet row 3: the header is row 1
        Assert.Contains("炼油", failed.Err);
        await using (var db = Db())
            Assert.Equal(1, await db.Challenges.CountAsync());
    }

    public void Dispose() => _cli.Dispose();
}
