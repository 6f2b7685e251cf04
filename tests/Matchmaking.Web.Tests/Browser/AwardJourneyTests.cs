using Matchmaking.Application.Awards;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Delivery;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Seeding;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Matchmaking.Web.Tests.Browser;

/// <summary>A 赛马 challenge after its deadline, in a real browser, every role at its own page: the admin builds the
/// panel, a reviewer declares and scores, the poster appoints two teams, a user objects during the 公示 and the admin
/// answers, the poster stops one team at a milestone gate and accepts the other's milestones (one returned first and
/// handed in again with an evidence file),
/// and the challenge is completed. Screenshots go to docs/screenshots/award-*.png.</summary>
[Collection(BrowserCollection.Name)]
public class AwardJourneyTests(BrowserPortal app) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task Parallel_TwoWinners_ObjectionAnswered_OneTeamStopped_OtherAccepted_Completed()
    {
        // Set-up through the services: a published 赛马 challenge with two bids, then the deadline passes.
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise, "poster@award.test");
        var admin = await app.AdminAsync();
        var bidder1 = await app.CreateUserAsync(Roles.Researcher, OrganizationType.University, "team1@award.test");
        var bidder2 = await app.CreateUserAsync(Roles.Researcher, OrganizationType.ResearchInstitute, "team2@award.test");
        await app.CreateUserAsync(Roles.Reviewer, OrganizationType.ResearchInstitute, "expert@award.test");
        await app.CreateUserAsync(Roles.Researcher, OrganizationType.University, "citizen@award.test");
        var challenges = app.Get<ChallengeService>();
        var content = (await app.ContentAsync(deadlineDays: 10)) with { Title = "光热电站熔盐泵赛马攻关", AwardMode = AwardMode.Parallel };
        var challengeId = await challenges.CreateAsync(poster, content);
        await challenges.SubmitForReviewAsync(poster, challengeId);
        await challenges.ApproveAsync(admin, challengeId);
        var bids = app.Get<BidService>();
        var plan = "M1（第1–6个月）：完成样机研制与600℃热态试验\nM2（第7–12个月）：完成8000小时寿命考核";
        var bid1 = await bids.CreateAsync(bidder1, challengeId, await ProfileAsync(bidder1, "高温熔盐泵攻关团队"), new BidContent
            { TechnicalApproach = "镍基合金叶轮+干气密封，长轴液下泵结构。", MilestonePlan = plan, BudgetAskedWan = 600, TeamDescription = "高温材料团队12人" });
        await bids.SubmitAsync(bidder1, bid1);
        var bid2 = await bids.CreateAsync(bidder2, challengeId, await ProfileAsync(bidder2, "磁力传动泵研究组"), new BidContent
            { TechnicalApproach = "陶瓷轴承+磁力传动，无轴封设计。", MilestonePlan = plan, BudgetAskedWan = 550, TeamDescription = "流体机械团队9人" });
        await bids.SubmitAsync(bidder2, bid2);
        app.Clock.Advance(TimeSpan.FromDays(11));
        await challenges.CloseDueAsync();

        // 1. The admin puts the expert on the panel.
        var adminPage = await app.NewPageAsync();
        await adminPage.SignInAsync(PortalFactory.AdminEmail, PortalFactory.Password);
        await adminPage.GotoInteractiveAsync($"/challenges/{challengeId}/review");
        await PickAsync(adminPage, "#reviewer-pick", "expert@award.test");
        await adminPage.ClickAsync("#btn-assign-reviewer");
        await adminPage.WaitForSelectorAsync("#panel-members [id^='member-']");
        // Removing a member asks first; cancelling keeps the expert on the panel.
        await adminPage.ClickAsync("#panel-members [id^='btn-remove-member-']");
        await adminPage.WaitForSelectorAsync(".mud-dialog:has-text('移出评审组')");
        await adminPage.Locator(".mud-dialog .mud-dialog-actions button").First.ClickAsync();
        await adminPage.WaitForSelectorAsync(".mud-dialog", new() { State = WaitForSelectorState.Detached });
        Assert.Equal(1, await adminPage.Locator("#panel-members [id^='member-']").CountAsync());

        // 2. The expert declares no conflict and scores both bids; the comment stays on the panel.
        var expert = await app.NewPageAsync();
        await expert.SignInAsync("expert@award.test", PortalFactory.Password);
        await expert.GotoInteractiveAsync("/my/reviews");
        await ShotAsync(expert, "award-01-my-reviews");
        await expert.ClickAsync($"#my-review-{challengeId}");
        await expert.WaitForSelectorAsync("#btn-no-conflict");
        await expert.ClickAsync("#btn-no-conflict");
        await expert.WaitForSelectorAsync($"#btn-score-{bid1}");
        await ScoreAsync(expert, bid1, [9, 8, 9, 7], "技术路线成熟，样机基础好。");
        await ScoreAsync(expert, bid2, [7, 8, 6, 8], "无轴封方案新颖，寿命风险较高。");
        await expert.WaitForSelectorAsync($"#rank-{bid1}");
        await ShotAsync(expert, "award-02-reviewer-scored");

        // 3. The poster reads the ranking and appoints both teams (赛马).
        var enterprise = await app.NewPageAsync();
        await enterprise.SignInAsync("poster@award.test", PortalFactory.Password);
        await enterprise.GotoInteractiveAsync($"/challenges/{challengeId}/review");
        await enterprise.WaitForSelectorAsync("#progress-reviewers");
        Assert.Contains("1/1", await enterprise.InnerTextAsync("#progress-reviewers"));
        await enterprise.ClickAsync("#btn-decide-award");
        await enterprise.ClickAsync($"#award-row-{bid1} input[type='checkbox']");
        await enterprise.ClickAsync($"#award-row-{bid2} input[type='checkbox']");
        await ShotAsync(enterprise, "award-03-award-dialog");
        await enterprise.ClickAsync("#award-confirm");
        await enterprise.WaitForSelectorAsync("#btn-to-publicity");
        Assert.Equal(ChallengeStatus.Awarded, await StatusAsync(challengeId));
        var awardId = await AwardIdAsync(challengeId);

        // 4. A registered user objects during the 公示.
        var citizen = await app.NewPageAsync();
        await citizen.SignInAsync("citizen@award.test", PortalFactory.Password);
        await citizen.GotoInteractiveAsync("/publicity");
        await citizen.ClickAsync($"#notice-{awardId}");
        await citizen.WaitForSelectorAsync("#objection-text");
        await citizen.FillAsync("#objection-text", "第二名团队的无轴封方案尚无工程应用案例，建议说明入选依据。");
        await ShotAsync(citizen, "award-04-publicity-objection");
        await citizen.ClickAsync("#btn-lodge");
        await ConfirmAsync(citizen);
        await citizen.WaitForSelectorAsync("[data-status='Open']");

        // 5. The admin answers it (not upheld).
        await adminPage.GotoInteractiveAsync($"/publicity/{awardId}");
        var objectionId = await ObjectionIdAsync(awardId);
        await adminPage.FillAsync($"#answer-text-{objectionId}", "赛马制旨在并行验证两条技术路线，第二名团队已提交中试平台证明，异议不成立。");
        await adminPage.Keyboard.PressAsync("Tab");
        await adminPage.ClickAsync($"#btn-dismiss-{objectionId}");
        await ConfirmAsync(adminPage);
        await adminPage.WaitForSelectorAsync($"#objection-{objectionId} [data-status='Dismissed']");
        await ShotAsync(adminPage, "award-05-objection-answered");

        // 6. The 公示 ends; the sweep makes the award final.
        app.Clock.Advance(TimeSpan.FromDays(app.Get<AwardService>().Options.PublicityDays + 1));
        await app.Get<AwardService>().FinalizeDueAsync();
        await citizen.GotoInteractiveAsync($"/publicity/{awardId}");
        await citizen.WaitForSelectorAsync("#award-status [data-status='Final']");

        // 7. The poster plans milestones from each bid's plan.
        await enterprise.SignInAsync("poster@award.test", PortalFactory.Password);
        await enterprise.GotoInteractiveAsync($"/challenges/{challengeId}/delivery");
        foreach (var bid in new[] { bid1, bid2 })
        {
            await enterprise.ClickAsync($"#btn-plan-{bid}");
            await enterprise.WaitForSelectorAsync($"#plan-title-{bid}-1");
            await enterprise.ClickAsync($"#btn-save-plan-{bid}");
            await enterprise.WaitForSelectorAsync($"#team-{bid} [id^='milestone-']");
        }
        var (t1m1, t1m2) = await MilestonesAsync(bid1);
        var (t2m1, _) = await MilestonesAsync(bid2);

        // 8. Team 2 hands in M1; it falls short and the poster stops team 2 at this gate.
        var team2 = await app.NewPageAsync();
        await team2.SignInAsync("team2@award.test", PortalFactory.Password);
        await SubmitMilestoneAsync(team2, challengeId, t2m1, "样机热态试验：效率81%，密封温升超标。");
        await enterprise.GotoInteractiveAsync($"/challenges/{challengeId}/delivery");
        await enterprise.ClickAsync($"#btn-stop-{t2m1}");
        await enterprise.FillAsync("#reason-input", "样机效率与寿命指标差距较大，赛马终止。");
        await enterprise.ClickAsync("#reason-confirm");
        await enterprise.WaitForSelectorAsync($"#team-stopped-{bid2}");

        // 9. Team 1: M1 returned once, resubmitted and accepted; M2 accepted → Completed.
        var team1 = await app.NewPageAsync();
        await team1.SignInAsync("team1@award.test", PortalFactory.Password);
        await SubmitMilestoneAsync(team1, challengeId, t1m1, "样机600℃热态试验报告（效率87%）。");
        await enterprise.GotoInteractiveAsync($"/challenges/{challengeId}/delivery");
        await enterprise.FillAsync($"#comment-{t1m1}", "效率未达90%的考核指标，请改进后重新提交。");
        await enterprise.Keyboard.PressAsync("Tab");
        await enterprise.ClickAsync($"#btn-return-{t1m1}");
        await enterprise.WaitForSelectorAsync($"#milestone-{t1m1}[data-status='Returned']");
        await ShotAsync(enterprise, "award-06-milestone-returned-team-stopped");
        // The team attaches the missing test report as an evidence file before handing in again.
        await team1.GotoInteractiveAsync($"/challenges/{challengeId}/delivery");
        await team1.SetInputFilesAsync($"#evidence-upload-{t1m1} input[type=file]",
            new FilePayload { Name = "第三方检测报告.pdf", MimeType = "application/pdf", Buffer = DemoFiles.Pdf("Third-party test report: efficiency 92%") });
        await team1.WaitForSelectorAsync($"#evidence-files-{t1m1} [id^='evidence-file-']");
        await SubmitMilestoneAsync(team1, challengeId, t1m1, "改进叶轮型线后效率92%，附第三方检测报告。");
        await enterprise.GotoInteractiveAsync($"/challenges/{challengeId}/delivery");
        await enterprise.WaitForSelectorAsync($"#evidence-files-{t1m1} a:has-text('第三方检测报告.pdf')");
        await AcceptAsync(enterprise, challengeId, t1m1);
        await SubmitMilestoneAsync(team1, challengeId, t1m2, "8000小时寿命考核报告。");
        await ShotAsync(team1, "award-07-team-view");
        await AcceptAsync(enterprise, challengeId, t1m2);
        await enterprise.WaitForSelectorAsync("#delivery-complete");
        await ShotAsync(enterprise, "award-08-completed");
        Assert.Equal(ChallengeStatus.Completed, await StatusAsync(challengeId));

        await enterprise.GotoInteractiveAsync($"/challenges/{challengeId}");
        await enterprise.WaitForSelectorAsync("#challenge-status [data-status='Completed']");
        await ShotAsync(enterprise, "award-09-challenge-completed");
    }

    private Task<int> ProfileAsync(Actor researcher, string name) =>
        app.Get<Application.Profiles.ProfileService>().CreateAsync(researcher, new Application.Profiles.ProfileContent
        {
            Name = name, LeadName = "张教授", Summary = "研究高温熔盐泵与高温合金。", Skills = ["熔盐泵"], FieldCodes = ["480"],
        });

    /// <summary>A full-page screenshot from the top (a scrolled page would put the app bar mid-picture).</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(name);
    }

    private static async Task ScoreAsync(IPage page, int bidId, int[] scores, string comment)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            await page.FillAsync($"#score-{bidId}-{i}", scores[i].ToString());
            await page.Keyboard.PressAsync("Tab");
        }
        await page.FillAsync($"#comment-{bidId}", comment);
        await page.Keyboard.PressAsync("Tab");
        await page.ClickAsync($"#btn-score-{bidId}");
        await page.WaitForSelectorAsync($"#review-bid-{bidId} [id^='panel-review-']");
    }

    private static async Task SubmitMilestoneAsync(IPage page, int challengeId, int milestoneId, string evidence)
    {
        await page.GotoInteractiveAsync($"/challenges/{challengeId}/delivery");
        await page.FillAsync($"#evidence-{milestoneId}", evidence);
        await page.Keyboard.PressAsync("Tab");
        await page.ClickAsync($"#btn-submit-{milestoneId}");
        await page.WaitForSelectorAsync($"#milestone-{milestoneId}[data-status='Submitted']");
    }

    private static async Task AcceptAsync(IPage page, int challengeId, int milestoneId)
    {
        await page.GotoInteractiveAsync($"/challenges/{challengeId}/delivery");
        await page.ClickAsync($"#btn-accept-{milestoneId}");
        await ConfirmAsync(page);
        await page.WaitForSelectorAsync($"#milestone-{milestoneId}[data-status='Accepted']");
    }

    private static async Task PickAsync(IPage page, string selectId, string text)
    {
        await page.ClickAsync($"{selectId} .mud-input-control");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = text }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }

    private static async Task ConfirmAsync(IPage page)
    {
        await page.Locator(".mud-dialog .mud-dialog-actions button").Last.ClickAsync();
        await page.WaitForSelectorAsync(".mud-dialog", new() { State = WaitForSelectorState.Detached });
    }

    private async Task<ChallengeStatus> StatusAsync(int id)
    {
        await using var db = await app.DbAsync();
        return (await db.Challenges.AsNoTracking().SingleAsync(c => c.Id == id)).Status;
    }

    private async Task<int> AwardIdAsync(int challengeId)
    {
        await using var db = await app.DbAsync();
        return await db.Awards.Where(a => a.ChallengeId == challengeId).Select(a => a.Id).SingleAsync();
    }

    private async Task<int> ObjectionIdAsync(int awardId)
    {
        await using var db = await app.DbAsync();
        return await db.Objections.Where(o => o.AwardId == awardId).Select(o => o.Id).SingleAsync();
    }

    private async Task<(int, int)> MilestonesAsync(int bidId)
    {
        await using var db = await app.DbAsync();
        var ids = await db.Milestones.Where(m => m.BidId == bidId).OrderBy(m => m.Sequence).Select(m => m.Id).ToListAsync();
        return (ids[0], ids[1]);
    }
}
