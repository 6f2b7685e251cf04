using System.Text.RegularExpressions;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Web.Tests.Infrastructure;

namespace Matchmaking.Web.Tests.Browser;

/// <summary>A reader who chose English gets the services' answers in English too: the language chosen in the
/// browser (a cookie) travels through the Blazor circuit into the form checks and the refusals.</summary>
[Collection(BrowserCollection.Name)]
public partial class EnglishReaderTests(BrowserPortal app) : IClassFixture<BrowserPortal>
{
    [GeneratedRegex(@"[\u4e00-\u9fff]")] private static partial Regex Han();

    [Fact]
    public async Task Form_problems_and_refusals_come_in_English()
    {
        // An enterprise fills in only a title: the problems under the fields are English.
        await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise, "poster@english.test");
        var poster = await app.NewPageAsync();
        await poster.SignInAsync("poster@english.test", PortalFactory.Password);
        await poster.GotoAsync("/culture?c=en&redirect=/challenges/new");
        await poster.WaitForSelectorAsync("#app-root[data-interactive='true']");
        await poster.FillAsync("#cf-title", "Molten salt pump localisation");
        await poster.ClickAsync("#cf-save-draft");
        await poster.WaitForSelectorAsync("[data-error-for='Targets']:not(:empty)");
        var problems = (await poster.Locator("[data-error-for]").AllInnerTextsAsync()).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
        Assert.True(problems.Count >= 3, string.Join(" | ", problems));
        Assert.All(problems, p => Assert.DoesNotMatch(Han(), p));
        await poster.EvaluateAsync("window.scrollTo(0, 0)"); // the click scrolled to the first problem
        await poster.ScreenshotAsync("english-01-form-problems");

        // A researcher whose organisation is not verified yet is refused at submission, in English, with the
        // organisation's own (Chinese) name in the sentence.
        var posterActor = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var challengeId = await app.PublishedChallengeAsync(posterActor);
        var researcherActor = await app.CreateUserAsync(Roles.Researcher, OrganizationType.University, "bidder@english.test", verified: false);
        await app.ProfileAsync(researcherActor);
        string orgName;
        await using (var db = await app.DbAsync())
            orgName = (await db.Organizations.FindAsync(researcherActor.OrganizationId))!.Name;
        var researcher = await app.NewPageAsync();
        await researcher.SignInAsync("bidder@english.test", PortalFactory.Password);
        await researcher.GotoAsync($"/culture?c=en&redirect=/challenges/{challengeId}");
        await researcher.WaitForSelectorAsync("#app-root[data-interactive='true']");
        await researcher.ClickAsync("#btn-bid");
        await researcher.WaitForSelectorAsync("#bf-approach");
        await researcher.FillAsync("#bf-approach", "Nickel alloy impeller, long-shaft submerged pump, dry gas seal.");
        await researcher.FillAsync("#bf-milestones", "Prototype in month 6, 600℃ hot test in month 15.");
        await researcher.FillAsync("#bf-budget", "650");
        await researcher.FillAsync("#bf-team", "12 people in the high-temperature materials group.");
        await researcher.ClickAsync("#bf-submit");
        var refusal = researcher.Locator($".mud-snackbar:has-text('{orgName}')");
        await refusal.WaitForAsync();
        var text = (await refusal.InnerTextAsync()).Replace(orgName, "");
        Assert.DoesNotMatch(Han(), text);
        await researcher.ScreenshotAsync("english-02-refusal");
    }
}
