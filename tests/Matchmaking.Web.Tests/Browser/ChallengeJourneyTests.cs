using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Matchmaking.Web.Tests.Infrastructure;

namespace Matchmaking.Web.Tests.Browser;

/// <summary>The core loop in a real browser: an enterprise registers and posts a challenge, the admin approves
/// it, a researcher finds it and bids, the deadline passes, the enterprise reads the bid and appoints it.
/// Screenshots of each step go to docs/screenshots/.</summary>
[Collection(BrowserCollection.Name)]
public class ChallengeJourneyTests(BrowserPortal app) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task Enterprise_Posts_AdminApproves_ResearcherBids_DeadlinePasses_PosterSelects()
    {
        var title = $"超高温熔盐泵国产化攻关{Random.Shared.Next(1000, 9999)}";

        // 1. An enterprise registers, creating its organisation.
        var enterprise = await app.NewPageAsync();
        await enterprise.GotoAsync("/Account/Register");
        await enterprise.CheckAsync("#role-enterprise");
        await enterprise.FillAsync("#Input\\.DisplayName", "马工");
        await enterprise.FillAsync("#Input\\.Email", "poster@journey.test");
        await enterprise.FillAsync("#Input\\.Password", "Journey@2026");
        await enterprise.FillAsync("#Input\\.ConfirmPassword", "Journey@2026");
        await enterprise.FillAsync("#Input\\.OrgName", "陇原光热装备有限公司");
        await enterprise.SelectOptionAsync("#Input\\.OrgType", "Enterprise");
        var prefix = "91620100MA71JRN0X";
        await enterprise.FillAsync("#Input\\.CreditCode", prefix + CreditCode.CheckCharacter(prefix));
        await enterprise.SelectOptionAsync("#Input\\.RegionCode", "620100");
        await enterprise.ScreenshotAsync("journey-01-register");
        await enterprise.ClickAsync("#register-submit");
        await enterprise.WaitForSelectorAsync("#app-root[data-interactive='true']");

        // 2. It posts a challenge and submits it for review.
        await enterprise.GotoInteractiveAsync("/challenges/new");
        await enterprise.FillAsync("#cf-title", title);
        await enterprise.FillAsync("#cf-background", "槽式与塔式光热电站的储热系统需要在565℃以上长期运行的熔盐泵。");
        await enterprise.FillAsync("#cf-painpoint", "进口泵交期18个月以上、价格高，国产泵轴封寿命不足2000小时。");
        await enterprise.FillAsync("#cf-target-0", "介质温度≥600℃，连续运行≥8000小时");
        await PickAsync(enterprise, "#cf-chain", "新能源");
        await PickAsync(enterprise, "#cf-node", null);
        await PickAsync(enterprise, "#cf-fields", "480", multiple: true);
        await enterprise.FillAsync("#cf-skills", "熔盐泵");
        await enterprise.ClickAsync("#cf-add-skill");
        await enterprise.FillAsync("#cf-budget", "800");
        await enterprise.FillAsync("#cf-deadline", Format.ToBeijing(app.Clock.UtcNow.AddDays(30)).ToString("yyyy-MM-dd"));
        await enterprise.Keyboard.PressAsync("Tab");
        await enterprise.FillAsync("#cf-months", "24");
        await enterprise.ScreenshotAsync("journey-02-post-challenge");
        await enterprise.ClickAsync("#cf-submit-review");
        await enterprise.WaitForSelectorAsync("#challenge-status [data-status='PendingReview']");
        var challengeId = int.Parse(enterprise.Url.Split('/').Last().Split('?')[0]);

        // 3. The administrator approves it from the moderation queue.
        var admin = await app.NewPageAsync();
        await admin.SignInAsync(PortalFactory.AdminEmail, PortalFactory.Password);
        await admin.GotoInteractiveAsync("/admin/moderation");
        await admin.ClickAsync($"#mod-approve-{challengeId}");
        await ConfirmAsync(admin);
        await admin.WaitForSelectorAsync($"#mod-approve-{challengeId}", new() { State = WaitForSelectorState.Detached });
        await admin.ScreenshotAsync("journey-03-admin-approved");
        Assert.Equal(ChallengeStatus.Published, await StatusAsync(challengeId));

        // 4. A researcher finds it by searching and bids.
        var researcherActor = await app.CreateUserAsync(Roles.Researcher, OrganizationType.University, "bidder@journey.test");
        await app.ProfileAsync(researcherActor);
        var researcher = await app.NewPageAsync();
        await researcher.SignInAsync("bidder@journey.test", PortalFactory.Password);
        await researcher.GotoInteractiveAsync($"/challenges?q={Uri.EscapeDataString("熔盐泵国产化")}");
        await researcher.WaitForSelectorAsync($"#challenge-item-{challengeId}");
        await researcher.ScreenshotAsync("journey-04-researcher-finds");
        await researcher.GotoInteractiveAsync($"/challenges/{challengeId}");
        await researcher.ClickAsync("#btn-bid");
        await researcher.WaitForSelectorAsync("#bf-approach");
        await researcher.FillAsync("#bf-approach", "镍基高温合金叶轮与长轴液下泵结构，干气密封加冷却夹套。");
        await researcher.FillAsync("#bf-milestones", "第6个月完成样机，第15个月完成600℃热态试验，第24个月完成8000小时考核。");
        await researcher.FillAsync("#bf-budget", "650");
        await researcher.FillAsync("#bf-team", "高温材料团队12人，教授3人。");
        await researcher.ScreenshotAsync("journey-05-bid-form");
        await researcher.ClickAsync("#bf-submit");
        await researcher.WaitForSelectorAsync("#bid-status [data-status='Submitted']");
        var bidId = int.Parse(researcher.Url.Split('/').Last().Split('?')[0]);

        // Before the deadline the poster sees only that a bid arrived.
        await enterprise.GotoInteractiveAsync($"/challenges/{challengeId}/bids");
        await enterprise.WaitForSelectorAsync("#bids-sealed");

        // 5. The deadline passes (the clock moves; the sweep closes bidding).
        app.Clock.Advance(TimeSpan.FromDays(31));
        await app.Get<ChallengeService>().CloseDueAsync();
        Assert.Equal(ChallengeStatus.Closed, await StatusAsync(challengeId));

        // 6. The enterprise (signing in again: a month later its cookie has expired) reads the bid and appoints it (挂帅).
        await enterprise.SignInAsync("poster@journey.test", "Journey@2026");
        await enterprise.GotoInteractiveAsync($"/challenges/{challengeId}/bids");
        await enterprise.WaitForSelectorAsync($"#bid-row-{bidId}");
        await enterprise.ClickAsync($"#btn-expand-{bidId}");
        await enterprise.ScreenshotAsync("journey-06-poster-reads-bids");
        // Appointing happens on the review page, through the award dialog (see AwardJourneyTests for the whole 赛马 story).
        await enterprise.GotoInteractiveAsync($"/challenges/{challengeId}/review");
        await enterprise.ClickAsync("#btn-decide-award");
        await enterprise.ClickAsync($"#award-row-{bidId} input[type='checkbox']");
        await enterprise.ClickAsync("#award-confirm");
        await enterprise.WaitForSelectorAsync(".mud-dialog", new() { State = WaitForSelectorState.Detached });
        await enterprise.WaitForSelectorAsync("#btn-to-publicity");
        await enterprise.GotoInteractiveAsync($"/challenges/{challengeId}");
        await enterprise.WaitForSelectorAsync("#challenge-status [data-status='Awarded']");
        await enterprise.ScreenshotAsync("journey-07-awarded");

        await using var db = await app.DbAsync();
        Assert.Equal(BidStatus.Selected, (await db.Bids.SingleAsync(b => b.Id == bidId)).Status);
    }

    /// <summary>Opens a MudSelect and clicks the first item containing the text (or the first item).</summary>
    private static async Task PickAsync(IPage page, string selectId, string? text, bool multiple = false)
    {
        var open = page.Locator(".mud-popover-open .mud-list-item");
        await open.First.WaitForAsync(new() { State = WaitForSelectorState.Hidden }); // the previous list has closed
        await page.ClickAsync($"{selectId} .mud-input-control");
        var item = text is null ? open.First : open.Filter(new() { HasText = text }).First;
        await item.ClickAsync();
        if (multiple)
        {
            // A multi-select stays open: close it as a person would, by clicking outside it.
            await page.Keyboard.PressAsync("Escape");
            if (await open.CountAsync() > 0) await page.Mouse.ClickAsync(5, 300);
        }
        await open.First.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }

    private static async Task ConfirmAsync(IPage page)
    {
        var button = page.Locator(".mud-dialog .mud-dialog-actions button").Last;
        await button.ClickAsync();
        await page.WaitForSelectorAsync(".mud-dialog", new() { State = WaitForSelectorState.Detached });
    }

    private async Task<ChallengeStatus> StatusAsync(int id)
    {
        await using var db = await app.DbAsync();
        return (await db.Challenges.AsNoTracking().SingleAsync(c => c.Id == id)).Status;
    }
}
