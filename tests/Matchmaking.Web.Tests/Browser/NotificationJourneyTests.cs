using Matchmaking.Application.Bids;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Seeding;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Matchmaking.Web.Tests.Browser;

/// <summary>Issue 5 in a real browser: a researcher attaches a PDF to a draft bid, a partner organisation confirms the
/// consortium from its invitation, the bid is submitted and a receipt shown, anyone verifies the receipt, the poster's
/// bell counts the bid (count only) and the dashboards render. Screenshots go to docs/screenshots/notify-*.png.</summary>
[Collection(BrowserCollection.Name)]
public class NotificationJourneyTests(BrowserPortal app) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task Attach_InvitePartner_Confirm_Submit_Receipt_Verify_Bell_Dashboards()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise, "poster@notify.test");
        var lead = await app.CreateUserAsync(Roles.Researcher, OrganizationType.University, "lead@notify.test");
        var partner = await app.CreateUserAsync(Roles.Researcher, OrganizationType.ResearchInstitute, "partner@notify.test");
        var challengeId = await app.PublishedChallengeAsync(poster);
        var bids = app.Get<BidService>();
        var bidId = await bids.CreateAsync(lead, challengeId, await app.ProfileAsync(lead), new BidContent
        {
            TechnicalApproach = "采用双级离心泵结构与高温合金叶轮，配合熔盐冷却轴承。", MilestonePlan = "第1年完成样机；第2年完成600℃台架试验。",
            BudgetAskedWan = 600, TeamDescription = "高温材料与流体机械交叉团队，12人。",
        });

        // 1. The lead attaches a PDF to the draft and invites a partner organisation.
        var leadPage = await app.NewPageAsync();
        await leadPage.SignInAsync("lead@notify.test", PortalFactory.Password);
        await leadPage.GotoInteractiveAsync($"/bids/{bidId}");
        await leadPage.SetInputFilesAsync("#bid-attachments input[type=file]",
            new FilePayload { Name = "技术方案.pdf", MimeType = "application/pdf", Buffer = DemoFiles.Pdf("Technical proposal") });
        try { await leadPage.WaitForSelectorAsync("#bid-attachments tr[id^='attachment-']"); }
        catch (TimeoutException) { await leadPage.ScreenshotAsync("debug-upload"); File.WriteAllText("/tmp/na/page.html", await leadPage.InnerHTMLAsync("#bid-attachments")); throw; }
        await leadPage.SetInputFilesAsync("#bid-attachments input[type=file]",
            new FilePayload { Name = "伪装.pdf", MimeType = "application/pdf", Buffer = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0] });
        await leadPage.WaitForSelectorAsync(".mud-snackbar:has-text('不支持的文件类型')");
        await bids.InvitePartnerAsync(lead, bidId, partner.OrganizationId!.Value);
        await leadPage.GotoInteractiveAsync($"/bids/{bidId}");
        await leadPage.WaitForSelectorAsync($"#partner-{partner.OrganizationId} [data-state='Invited']");
        await leadPage.ScreenshotAsync("notify-01-bid-attachments-partners");

        // 2. The partner sees the invitation in the bell and confirms it.
        var partnerPage = await app.NewPageAsync();
        await partnerPage.SignInAsync("partner@notify.test", PortalFactory.Password);
        await partnerPage.WaitForSelectorAsync("#notification-count[data-count='1']", new() { State = WaitForSelectorState.Attached });
        await partnerPage.GotoInteractiveAsync("/notifications");
        await partnerPage.WaitForSelectorAsync("#notification-list");
        await partnerPage.ScreenshotAsync("notify-02-partner-notifications");
        await partnerPage.GotoInteractiveAsync($"/consortium/{bidId}");
        await partnerPage.ClickAsync($"#btn-confirm-{bidId}");
        await partnerPage.WaitForSelectorAsync($"#invitation-{bidId} [data-state='Confirmed']");
        await partnerPage.ScreenshotAsync("notify-03-consortium-confirmed");

        // 3. The lead submits; the receipt appears.
        await leadPage.GotoInteractiveAsync($"/bids/{bidId}");
        await leadPage.ClickAsync("#btn-bid-submit");
        await leadPage.WaitForSelectorAsync("#receipt-digest");
        var digest = (await leadPage.InnerTextAsync("#receipt-digest")).Trim();
        await leadPage.ScreenshotAsync("notify-04-receipt");
        string json;
        await using (var db = await app.DbAsync())
            json = (await db.Bids.SingleAsync(b => b.Id == bidId)).ReceiptJson!;
        Assert.Equal(BidReceipt.Digest(json), digest);

        // 4. Anyone verifies the receipt.
        var anon = await app.NewPageAsync();
        await anon.GotoInteractiveAsync("/receipts/verify");
        await anon.FillAsync("#verify-json", json);
        await anon.FillAsync("#verify-digest", digest);
        await anon.ClickAsync("#btn-verify");
        await anon.WaitForSelectorAsync("#verify-result[data-matches='true']");
        await anon.ScreenshotAsync("notify-05-verify-receipt");

        // 5. The poster's bell counts the bid; the notification carries the count only.
        var posterPage = await app.NewPageAsync();
        await posterPage.SignInAsync("poster@notify.test", PortalFactory.Password);
        await posterPage.WaitForSelectorAsync("#notification-count[data-count='1']", new() { State = WaitForSelectorState.Attached });
        await posterPage.GotoInteractiveAsync("/notifications");
        var text = await posterPage.InnerTextAsync("#notification-list");
        Assert.Contains("共有 1 份", text);
        Assert.DoesNotContain("双级离心泵", text);
        await posterPage.ScreenshotAsync("notify-06-poster-bell");
        await posterPage.ClickAsync("#btn-mark-all");
        await posterPage.WaitForSelectorAsync("#notification-count[data-count='0']", new() { State = WaitForSelectorState.Attached });
        await posterPage.GotoInteractiveAsync("/notifications/settings");
        await posterPage.ScreenshotAsync("notify-07-settings");
        await posterPage.GotoInteractiveAsync("/my/dashboard");
        await posterPage.WaitForSelectorAsync("#poster-table");
        await posterPage.WaitForSelectorAsync("#poster-chart svg rect, #poster-chart svg path", new() { State = WaitForSelectorState.Attached });
        await posterPage.WaitForTimeoutAsync(500); // the chart sizes itself to its container after the first render
        await posterPage.ScreenshotAsync("notify-08-poster-dashboard");

        // 6. The admin dashboard.
        var admin = await app.NewPageAsync();
        await admin.SignInAsync(PortalFactory.AdminEmail, PortalFactory.Password);
        await admin.GotoInteractiveAsync("/admin/dashboard");
        await admin.WaitForSelectorAsync("#dashboard-table");
        await admin.WaitForTimeoutAsync(500);
        Assert.Equal("1", (await admin.InnerTextAsync("#total-Bids .mud-typography-h4")).Trim());
        await admin.ScreenshotAsync("notify-09-admin-dashboard");
    }
}
