using Matchmaking.Application.Challenges;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Taxonomy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Matchmaking.Web.Tests.Infrastructure;

/// <summary>A clock the tests move, so deadlines pass without waiting.</summary>
public sealed class MutableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
    public DateTime UtcNow => _now.UtcDateTime;
}

/// <summary>The real app on a real SQLite file in its own temporary data folder, migrations applied at start-up.</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string Password = "Test@12345";

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "mm-tests", Guid.NewGuid().ToString("N"));
    public MutableClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
    protected virtual bool Demo => false;
    /// <summary>More configuration for a derived factory (SMTP, limits).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraConfig => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Matchmaking:DataDir"] = DataDir,
            ["Matchmaking:Demo"] = Demo ? "true" : "false",
            ["Matchmaking:Admins:0:Email"] = AdminEmail,
            ["Matchmaking:Admins:0:Password"] = Password,
            ["Matchmaking:Admins:0:DisplayName"] = "测试管理员",
            ["Logging:LogLevel:Default"] = "Warning",
        }).AddInMemoryCollection(ExtraConfig));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<AppDbContext> DbAsync() => await Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    private int _codeSeq;

    /// <summary>A real Identity user with a role in a new organisation of the given type; returns it as an Actor.</summary>
    /// <param name="verified">New organisations are admin-verified unless told otherwise (submitting a bid requires it).</param>
    public async Task<Actor> CreateUserAsync(string role, OrganizationType orgType = OrganizationType.University, string? email = null, int? organizationId = null,
        bool verified = true)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var orgs = Get<OrganizationService>();
        if (organizationId is null && role != Roles.Admin)
        {
            var n = Interlocked.Increment(ref _codeSeq);
            var prefix = $"{(orgType == OrganizationType.Enterprise ? '9' : '1')}1620100MA{n:D7}";
            var code = prefix + CreditCode.CheckCharacter(prefix);
            organizationId = (await orgs.FindOrCreateAsync(new OrganizationInput($"测试机构{n}", orgType, code, "620100"))).Id;
            if (verified)
            {
                await using var db = await DbAsync();
                (await db.Organizations.SingleAsync(o => o.Id == organizationId)).Verify("test", Clock.GetUtcNow());
                await db.SaveChangesAsync();
            }
        }
        email ??= $"{role.ToLowerInvariant()}{Guid.NewGuid():N}@test.local";
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email, EmailConfirmed = true, OrganizationId = organizationId };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return new Actor(user.Id, organizationId, [role]);
    }

    public async Task<Actor> AdminAsync()
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync(AdminEmail) ?? throw new InvalidOperationException("admin not seeded");
        return new Actor(admin.Id, null, [Roles.Admin]);
    }

    /// <summary>A minimal taxonomy (one chain, one node, one field) for challenges to point at.</summary>
    public async Task<(int chainId, int nodeId)> EnsureTaxonomyAsync()
    {
        await using var db = await DbAsync();
        var chain = await db.Chains.Include(c => c.Nodes).FirstOrDefaultAsync(c => c.Name == "测试产业链");
        if (chain is null)
        {
            chain = new IndustryChain { Name = "测试产业链", Nodes = [new ChainNode { Name = "核心部件", Segment = ChainSegment.Midstream }] };
            db.Chains.Add(chain);
        }
        if (!await db.Fields.AnyAsync(f => f.Code == "480")) db.Fields.Add(new ResearchField { Code = "480", Name = "能源科学技术" });
        await db.SaveChangesAsync();
        return (chain.Id, chain.Nodes[0].Id);
    }

    public async Task<ChallengeContent> ContentAsync(int deadlineDays = 30)
    {
        var (chainId, nodeId) = await EnsureTaxonomyAsync();
        return new ChallengeContent
        {
            Title = "超高温熔盐泵国产化", Background = "光热电站储热系统需要高温熔盐泵。", PainPoint = "进口依赖。",
            Targets = ["耐温≥600℃"], ChainId = chainId, ChainNodeId = nodeId, Skills = ["熔盐泵"], FieldCodes = ["480"],
            BudgetWan = 800, BidDeadlineUtc = Clock.UtcNow.AddDays(deadlineDays), DeliveryMonths = 24,
            Eligible = EligibleBidders.University | EligibleBidders.ResearchInstitute,
        };
    }

    /// <summary>A challenge of this enterprise, taken through review to Published by the admin.</summary>
    public async Task<int> PublishedChallengeAsync(Actor poster, int deadlineDays = 30)
    {
        var challenges = Get<ChallengeService>();
        var id = await challenges.CreateAsync(poster, await ContentAsync(deadlineDays));
        await challenges.SubmitForReviewAsync(poster, id);
        await challenges.ApproveAsync(await AdminAsync(), id);
        return id;
    }

    public async Task<int> ProfileAsync(Actor researcher) =>
        await Get<ProfileService>().CreateAsync(researcher, new ProfileContent
        {
            Name = "高温材料团队", LeadName = "张教授", Summary = "研究高温熔盐泵与高温合金。", Skills = ["熔盐泵"], FieldCodes = ["480"],
        });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
