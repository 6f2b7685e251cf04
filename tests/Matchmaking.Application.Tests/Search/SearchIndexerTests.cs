using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Search;
using Matchmaking.Core.Search;
using Matchmaking.Application.Challenges;
using Microsoft.EntityFrameworkCore;
using static Matchmaking.Application.Search.SearchDocuments;

namespace Matchmaking.Application.Tests.Search;

public class SearchIndexerTests
{
    private static readonly Actor Admin = new("admin", null, [Roles.Admin]);

    [Fact]
    public async Task CommittedChanges_ReachTheIndex_OnlyThroughTheOutbox()
    {
        await using var f = await SearchFixture.CreateAsync();
        using var indexer = f.Indexer();
        await indexer.OpenAsync();
        await using (var db = await f.Db.CreateDbContextAsync())
        {
            db.Challenges.Add(new Challenge(f.OrgIds[0], "u", f.Content(new Random(1), "超高温熔盐泵国产化"), SearchFixture.Now));
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.IndexOutbox.CountAsync()); // written by the same SaveChanges
        }
        Assert.Equal(0, indexer.Challenges.Count); // nothing indexed before the outbox is processed
        Assert.Equal(1, await indexer.ProcessOutboxAsync());
        Assert.Equal(1, indexer.Challenges.Count);
        await using (var db = await f.Db.CreateDbContextAsync())
            Assert.Equal(0, await db.IndexOutbox.CountAsync());
    }

    [Fact]
    public async Task RolledBackChanges_NeverReachTheIndex()
    {
        await using var f = await SearchFixture.CreateAsync();
        using var indexer = f.Indexer();
        await indexer.OpenAsync();
        await using (var db = await f.Db.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Challenges.Add(new Challenge(f.OrgIds[0], "u", f.Content(new Random(1), "回滚的榜单"), SearchFixture.Now));
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        Assert.Equal(0, await indexer.ProcessOutboxAsync());
        Assert.Equal(0, indexer.Challenges.Count);
    }

    [Fact]
    public async Task CrashBetweenCommitAndIndexing_IsRepairedAtStartup()
    {
        await using var f = await SearchFixture.CreateAsync();
        using (var first = f.Indexer())
        {
            await first.OpenAsync();
            await using var db = await f.Db.CreateDbContextAsync();
            for (var i = 0; i < 5; i++)
                db.Challenges.Add(new Challenge(f.OrgIds[0], "u", f.Content(new Random(i), $"储热材料攻关{i}"), SearchFixture.Now));
            await db.SaveChangesAsync();
            // The process "dies" here: committed to the database, never indexed.
        }
        using var second = f.Indexer();
        await second.OpenAsync();
        Assert.Equal(5, second.Challenges.Count);
        Assert.Equal(0, (await second.StatusAsync(IndexKind.Challenges)).PendingChanges);
    }

    [Fact]
    public async Task CrashInTheMiddleOfAnIndexWrite_LosesNothing()
    {
        await using var f = await SearchFixture.CreateAsync();
        await using (var db = await f.Db.CreateDbContextAsync())
        {
            for (var i = 0; i < 3; i++)
                db.Challenges.Add(new Challenge(f.OrgIds[0], "u", f.Content(new Random(i), $"熔盐泵{i}"), SearchFixture.Now));
            await db.SaveChangesAsync();
        }
        // An index write that never committed (the writer dies): documents added, no commit, outbox untouched.
        using (var half = SearchIndex.OpenFs(Path.Combine(f.IndexRoot, "challenges")))
            half.Upsert(new IndexDocument { Id = "999", Title = "半截写入" });
        using var indexer = f.Indexer();
        await indexer.OpenAsync();
        Assert.Equal(3, indexer.Challenges.Count);
        Assert.DoesNotContain("999", indexer.Challenges.AllIds());
    }

    [Fact]
    public async Task AnIndexThatDrifted_IsRebuiltAtStartup()
    {
        await using var f = await SearchFixture.CreateAsync();
        await using (var db = await f.Db.CreateDbContextAsync())
        {
            for (var i = 0; i < 4; i++)
                db.Challenges.Add(new Challenge(f.OrgIds[0], "u", f.Content(new Random(i), $"冶炼渣{i}"), SearchFixture.Now));
            await db.SaveChangesAsync();
        }
        using (var indexer = f.Indexer()) await indexer.OpenAsync();
        // Someone deletes a document behind our back (or an index folder is restored from an old copy).
        using (var tamper = SearchIndex.OpenFs(Path.Combine(f.IndexRoot, "challenges")))
        {
            tamper.Delete(tamper.AllIds().First());
            tamper.Commit(tamper.Watermark);
        }
        using var reopened = f.Indexer();
        var rebuilt = await reopened.OpenAsync();
        Assert.Contains(IndexKind.Challenges, rebuilt);
        Assert.Equal(4, reopened.Challenges.Count);
    }

    [Fact]
    public async Task RandomisedLifecycle_LeavesIndexAndDatabaseIdentical()
    {
        await using var f = await SearchFixture.CreateAsync();
        using var indexer = f.Indexer();
        await indexer.OpenAsync();
        var rng = new Random(20261123);
        var now = SearchFixture.Now;
        for (var step = 0; step < 120; step++)
        {
            await using var db = await f.Db.CreateDbContextAsync();
            var existing = await db.Challenges.ToListAsync();
            var op = existing.Count == 0 ? 0 : rng.Next(6);
            switch (op)
            {
                case 0: db.Challenges.Add(new Challenge(f.OrgIds[rng.Next(2)], "u", f.Content(rng, $"随机榜单{step}"), now)); break;
                case 1: { var c = existing[rng.Next(existing.Count)]; if (c.IsEditable) c.Edit(f.Content(rng, $"修改后榜单{step}"), now); break; }
                case 2: { var c = existing[rng.Next(existing.Count)]; if (c.IsEditable) c.SubmitForReview(now); break; }
                case 3: { var c = existing[rng.Next(existing.Count)]; if (c.Status == ChallengeStatus.PendingReview) c.Approve(now); break; }
                case 4: { var c = existing[rng.Next(existing.Count)]; if (c.Status is not (ChallengeStatus.Awarded or ChallengeStatus.Completed or ChallengeStatus.Cancelled)) c.Cancel("撤榜", now); break; }
                default: db.Profiles.Add(new CapabilityProfile(null, null, "外部", OrganizationType.University, "620100", f.Profile($"团队{step}", rng.Next(2) == 0), now)); break;
            }
            await db.SaveChangesAsync();
            if (rng.Next(4) == 0) await indexer.ProcessOutboxAsync(); // the worker runs at random moments
        }
        await indexer.ProcessOutboxAsync();

        await using var check = await f.Db.CreateDbContextAsync();
        var rows = await check.Challenges.AsNoTracking().ToListAsync();
        Assert.Equal(rows.Select(r => r.Id.ToString()).Order(), indexer.Challenges.AllIds().Order());
        // Each document's title and status facet equal the row's.
        foreach (var status in Enum.GetValues<ChallengeStatus>())
        {
            var found = indexer.Challenges.Search(new SearchRequest { Filters = new Dictionary<string, IReadOnlyCollection<string>> { [Facet.Status] = [status.ToString()] }, Take = 100 });
            Assert.Equal(rows.Where(r => r.Status == status).Select(r => r.Id.ToString()).Order(), found.Hits.Select(h => h.Id).Order());
        }
        foreach (var r in rows)
        {
            var hit = indexer.Challenges.Search(new SearchRequest { Query = $"\"{r.Title}\"", Take = 100 });
            Assert.Contains(hit.Hits, h => h.Id == r.Id.ToString());
        }
        Assert.Equal(await check.Profiles.CountAsync(), indexer.Profiles.Count);
    }

    [Fact]
    public async Task FacetCounts_EqualDatabaseCounts_AndVisibilityIsAHardFilter()
    {
        await using var f = await SearchFixture.CreateAsync();
        var rng = new Random(7);
        await using (var db = await f.Db.CreateDbContextAsync())
        {
            for (var i = 0; i < 60; i++)
            {
                var c = new Challenge(f.OrgIds[rng.Next(3)], "u", f.Content(rng, $"熔盐泵攻关{i}"), SearchFixture.Now);
                if (rng.Next(3) > 0) { c.SubmitForReview(SearchFixture.Now); c.Approve(SearchFixture.Now); }
                db.Challenges.Add(c);
            }
            await db.SaveChangesAsync();
        }
        using var indexer = f.Indexer();
        await indexer.OpenAsync();
        var search = new SearchService(indexer, f.Db);
        var anonymous = await search.SearchChallengesAsync(Actor.Anonymous, new ChallengeSearchQuery { PageSize = 100 });

        await using var check = await f.Db.CreateDbContextAsync();
        var visible = await check.Challenges.Include(c => c.PosterOrganization).Where(c => c.Status == ChallengeStatus.Published).ToListAsync();
        Assert.Equal(visible.Count, anonymous.Total);
        Assert.All(anonymous.Hits, h => Assert.Equal(ChallengeStatus.Published, h.Challenge.Status));
        AssertCounts(visible.GroupBy(c => c.ChainId.ToString()), anonymous.Facets[Facet.Chain]);
        AssertCounts(visible.GroupBy(c => c.Bottleneck.ToString()), anonymous.Facets[Facet.Bottleneck]);
        AssertCounts(visible.GroupBy(c => BandOf(c.BudgetWan)), anonymous.Facets[Facet.BudgetBand]);
        AssertCounts(visible.GroupBy(c => Regions.ProvinceOf(c.PosterOrganization!.RegionCode)), anonymous.Facets[Facet.Region]);
        AssertCounts(visible.SelectMany(c => c.FieldCodes).GroupBy(x => x), anonymous.Facets[Facet.Field]);
        // Status counts never reveal drafts to the public, even though a facet's own filter is dropped when counting it.
        Assert.Equal([nameof(ChallengeStatus.Published)], anonymous.Facets[Facet.Status].Select(x => x.Value));

        // With a filter on one facet, the others count within it.
        var chain = f.ChainIds[0].ToString();
        var filtered = await search.SearchChallengesAsync(Actor.Anonymous, new ChallengeSearchQuery { Chains = [chain], PageSize = 100 });
        AssertCounts(visible.Where(c => c.ChainId.ToString() == chain).GroupBy(c => c.Bottleneck.ToString()), filtered.Facets[Facet.Bottleneck]);

        var admin = await search.SearchChallengesAsync(Admin, new ChallengeSearchQuery { PageSize = 100 });
        Assert.Equal(await check.Challenges.CountAsync(), admin.Total);
    }

    [Fact]
    public async Task PrivateProfiles_AreFoundOnlyByAdmins()
    {
        await using var f = await SearchFixture.CreateAsync();
        await using (var db = await f.Db.CreateDbContextAsync())
        {
            db.Profiles.Add(new CapabilityProfile(null, null, "陇原大学", OrganizationType.University, "620100", f.Profile("公开熔盐团队"), SearchFixture.Now));
            db.Profiles.Add(new CapabilityProfile(null, null, "陇原大学", OrganizationType.University, "620100", f.Profile("内部熔盐团队", isPublic: false), SearchFixture.Now));
            await db.SaveChangesAsync();
        }
        using var indexer = f.Indexer();
        await indexer.OpenAsync();
        var search = new SearchService(indexer, f.Db);
        var pub = await search.SearchProfilesAsync(Actor.Anonymous, new ProfileSearchQuery { Text = "熔盐" });
        Assert.Equal(["公开熔盐团队"], pub.Hits.Select(h => h.Profile.Name));
        Assert.Equal(2, (await search.SearchProfilesAsync(Admin, new ProfileSearchQuery { Text = "熔盐" })).Total);
    }

    [Fact]
    public async Task SkillSynonyms_FindTheCanonicalTerm_AndHostileQueriesGiveResultsOrAMessage()
    {
        await using var f = await SearchFixture.CreateAsync();
        await using (var db = await f.Db.CreateDbContextAsync())
        {
            var c = new Challenge(f.OrgIds[0], "u", f.Content(new Random(3), "熔盐泵密封寿命提升"), SearchFixture.Now);
            c.SubmitForReview(SearchFixture.Now);
            c.Approve(SearchFixture.Now);
            db.Challenges.Add(c);
            await db.SaveChangesAsync();
        }
        using var indexer = f.Indexer();
        await indexer.OpenAsync();
        var search = new SearchService(indexer, f.Db);
        Assert.Equal(1, (await search.SearchChallengesAsync(Actor.Anonymous, new ChallengeSearchQuery { Text = "molten salt pump" })).Total);
        foreach (var hostile in new[] { "\"熔盐泵", "title:(熔盐泵 OR", "*?~^", "-", "AND OR NOT", new string('泵', 100_000), "\u0000\u0001熔盐" })
        {
            var page = await search.SearchChallengesAsync(Actor.Anonymous, new ChallengeSearchQuery { Text = hostile });
            Assert.True(page.Total >= 0);
        }
    }

    private static void AssertCounts(IEnumerable<IGrouping<string, object>> expected, IReadOnlyList<FacetCount> actual) =>
        Assert.Equal(expected.ToDictionary(g => g.Key, g => g.Count()).OrderBy(x => x.Key),
            actual.ToDictionary(x => x.Value, x => x.Count).OrderBy(x => x.Key));
}

public class SearchIndexLayoutTests
{
    [Fact]
    public async Task AnIndexWrittenWithAnotherLayout_IsRebuilt_EvenWhenCountsAgree()
    {
        await using var f = await SearchFixture.CreateAsync();
        await using (var db = await f.Db.CreateDbContextAsync())
        {
            db.Challenges.Add(new Challenge(f.OrgIds[0], "u", f.Content(new Random(1), "熔盐泵"), SearchFixture.Now));
            await db.SaveChangesAsync();
        }
        using (var first = f.Indexer()) Assert.Empty(await first.OpenAsync()); // outbox replay, no rebuild needed
        await File.WriteAllTextAsync(Path.Combine(f.IndexRoot, "layout-version.txt"), "1");
        using (var second = f.Indexer()) Assert.Equal([IndexKind.Challenges], await second.OpenAsync());
        using var third = f.Indexer();
        Assert.Empty(await third.OpenAsync()); // the layout is recorded now
    }
}
