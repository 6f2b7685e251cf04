using Matchmaking.Application.Challenges;
using Matchmaking.Application.Data;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Search;
using Matchmaking.Application.Taxonomy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Tests.Search;

/// <summary>A real SQLite file and real on-disk indexes in a temporary folder.</summary>
public sealed class SearchFixture : IAsyncDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "mm-search-tests", Guid.NewGuid().ToString("N"));
    public string IndexRoot => Path.Combine(Dir, "index");
    public IDbContextFactory<AppDbContext> Db { get; }
    public static readonly DateTime Now = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
    public int[] OrgIds = [], ChainIds = [], NodeIds = [];

    private SearchFixture()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataSetup.Configure(options, Dir);
        Db = new Factory(options.Options);
    }

    public static async Task<SearchFixture> CreateAsync()
    {
        var f = new SearchFixture();
        await using var db = await f.Db.CreateDbContextAsync();
        await db.Database.EnsureCreatedAsync();
        db.Fields.AddRange(new ResearchField { Code = "480", Name = "能源科学技术" }, new ResearchField { Code = "430", Name = "材料科学" },
            new ResearchField { Code = "520", Name = "计算机科学技术" });
        db.Skills.Add(new Skill { Name = "熔盐泵", Synonyms = ["高温熔盐泵"], EnglishName = "molten salt pump" });
        var chains = new[] { "新能源及装备", "有色冶金", "数字信息" }.Select((n, i) => new IndustryChain
        {
            Name = n, Nodes = [new ChainNode { Name = n + "上游", Segment = ChainSegment.Upstream }, new ChainNode { Name = n + "下游", Segment = ChainSegment.Downstream }],
        }).ToList();
        db.Chains.AddRange(chains);
        var orgs = new[] { ("620100", OrganizationType.Enterprise), ("620300", OrganizationType.Enterprise), ("610000", OrganizationType.University) }
            .Select((o, i) =>
            {
                var prefix = $"91{o.Item1}MA00000{i}X";
                return new Organization($"测试机构{i}", o.Item2, prefix + CreditCode.CheckCharacter(prefix), o.Item1, "");
            }).ToList();
        db.Organizations.AddRange(orgs);
        await db.SaveChangesAsync();
        f.OrgIds = orgs.Select(o => o.Id).ToArray();
        f.ChainIds = chains.Select(c => c.Id).ToArray();
        f.NodeIds = chains.SelectMany(c => c.Nodes).Select(n => n.Id).ToArray();
        return f;
    }

    public SearchIndexer Indexer() => new(Db, IndexRoot);

    public ChallengeContent Content(Random rng, string title)
    {
        var chain = rng.Next(ChainIds.Length);
        return new ChallengeContent
        {
            Title = title, Background = "光热电站储热系统需要高温熔盐泵，国产化迫在眉睫。", PainPoint = "进口依赖，寿命不足。",
            Targets = ["耐温≥600℃"], ChainId = ChainIds[chain], ChainNodeId = NodeIds[chain * 2 + rng.Next(2)],
            Bottleneck = (BottleneckType)rng.Next(1, 4), Skills = ["熔盐泵"], FieldCodes = [new[] { "480", "430", "520" }[rng.Next(3)]],
            BudgetWan = new[] { 50m, 300m, 800m, 2000m, 5000m }[rng.Next(5)], BidDeadlineUtc = Now.AddDays(rng.Next(10, 90)), DeliveryMonths = 12,
        };
    }

    public ProfileContent Profile(string name, bool isPublic = true) => new()
    {
        Name = name, LeadName = "张教授", Summary = "研究高温熔盐泵与储热材料。", Skills = ["熔盐泵"], FieldCodes = ["480"], IsPublic = isPublic,
    };

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Dir, true); } catch (IOException) { }
        await Task.CompletedTask;
    }

    private sealed class Factory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
