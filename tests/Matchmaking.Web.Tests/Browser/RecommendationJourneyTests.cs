using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Web.Tests.Browser;

/// <summary>The browser portal on the demo data (the seeded teams, challenges and accounts of `dotnet run`).</summary>
public sealed class DemoBrowserPortal : BrowserPortal
{
    protected override bool Demo => true;
}

/// <summary>
/// Matches with their reasons in both directions, on the demo data: an admin opens a challenge and sees the
/// recommended teams, a researcher sees the recommended challenges on the home page. Screenshots go to
/// docs/screenshots/ (recommended-teams, recommended-challenges).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecommendationJourneyTests(DemoBrowserPortal app) : IClassFixture<DemoBrowserPortal>
{
    private const string Password = "Demo@12345";

    [Fact]
    public async Task Recommended_teams_and_challenges_show_their_reasons()
    {
        int challengeId;
        await using (var db = await app.DbAsync())
        {
            challengeId = (await db.Challenges.SingleAsync(c => c.Title.StartsWith("70MPa IV型车载储氢瓶"))).Id;
        }

        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin@demo.local", Password);
        await admin.GotoInteractiveAsync($"/challenges/{challengeId}");
        await admin.WaitForSelectorAsync("#recommended-teams .rec-team");
        var teams = admin.Locator("#recommended-teams .rec-team");
        Assert.InRange(await teams.CountAsync(), 3, 10);
        // The best team shares the challenge's skill and its words; the text reason reads whole words.
        var best = await teams.First.InnerTextAsync();
        Assert.Contains("碳纤维复合材料", best);
        Assert.Contains("文本", best);
        await admin.ScreenshotAsync("recommended-teams");

        var researcher = await app.NewPageAsync();
        await researcher.SignInAsync("researcher@demo.local", Password);
        await researcher.GotoInteractiveAsync("/");
        await researcher.WaitForSelectorAsync("#recommended-challenges .rec-challenge");
        var challenges = researcher.Locator("#recommended-challenges .rec-challenge");
        Assert.InRange(await challenges.CountAsync(), 1, 8);
        Assert.Matches("文本|技能|学科", await challenges.First.InnerTextAsync());
        await researcher.ScreenshotAsync("recommended-challenges");
    }
}
