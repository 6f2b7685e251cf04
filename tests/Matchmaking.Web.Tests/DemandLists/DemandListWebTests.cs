using System.Net;
using Matchmaking.Application.DemandLists;
using Matchmaking.Application.Identity;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using MiniExcelLibs;

namespace Matchmaking.Web.Tests.DemandLists;

/// <summary>Demand lists over real HTTP: the admin pages are the server's to refuse; the export endpoint and the coverage
/// page serve published lists to everyone and drafts to admins only.</summary>
public class DemandListWebTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private static async Task<string> PageAsync(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));

    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<(int Draft, int Published, int NodeId)> ListsAsync()
    {
        var lists = app.Get<DemandListService>();
        var admin = await app.AdminAsync();
        var (chainId, nodeId) = await app.EnsureTaxonomyAsync();
        async Task<int> Make(string title)
        {
            var id = await lists.CreateAsync(admin, new DemandListContent { ChainId = chainId, Batch = "2026年第一批", Title = title });
            await lists.AddItemAsync(admin, id, new DemandItemContent
            {
                Title = "超高温熔盐泵国产化", ChainNodeId = nodeId, Bottleneck = Application.Challenges.BottleneckType.Chokepoint, Skills = ["熔盐泵"], ExternalId = "d-1",
            });
            return id;
        }
        var draft = await Make("草稿清单");
        var published = await Make("已发布清单");
        await lists.PublishAsync(admin, published);
        return (draft, published, nodeId);
    }

    [Theory]
    [InlineData("/admin/demand-lists")]
    [InlineData("/admin/demand-lists/new")]
    public async Task Admin_pages_send_anonymous_to_login(string path)
    {
        var response = await Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData(Roles.Researcher, false)]
    [InlineData(Roles.Enterprise, false)]
    [InlineData(Roles.Admin, true)]
    public async Task Admin_pages_are_for_admins_only(string role, bool allowed)
    {
        var email = role == Roles.Admin ? PortalFactory.AdminEmail : (await CreateUserEmailAsync(role));
        var client = await app.SignedInClientAsync(email);
        var response = await client.GetAsync("/admin/demand-lists");
        if (allowed) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        }
    }

    private async Task<string> CreateUserEmailAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}{Guid.NewGuid():N}@test.local";
        await app.CreateUserAsync(role, role == Roles.Enterprise ? Application.Organizations.OrganizationType.Enterprise : Application.Organizations.OrganizationType.University, email);
        return email;
    }

    [Fact]
    public async Task The_editor_renders_for_an_admin_with_import_export_and_publish()
    {
        var (draft, published, _) = await ListsAsync();
        var admin = await app.SignedInClientAsync(PortalFactory.AdminEmail);
        var page = await PageAsync(admin, $"/admin/demand-lists/{draft}");
        foreach (var id in new[] { "id=\"dl-import-file\"", "dl-import-submit", "dl-export", "dl-publish", "超高温熔盐泵国产化" }) Assert.Contains(id, page);
        var readOnly = await PageAsync(admin, $"/admin/demand-lists/{published}");
        Assert.Contains("dl-unpublish", readOnly);
        Assert.DoesNotContain("dl-import-submit", readOnly);
        Assert.Contains("dl-new", await PageAsync(admin, "/admin/demand-lists"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/demand-lists/new")).StatusCode);
    }

    [Fact]
    public async Task Export_serves_published_lists_to_everyone_and_drafts_to_admins()
    {
        var (draft, published, _) = await ListsAsync();
        var anonymous = Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/demand-lists/{draft}/export.xlsx")).StatusCode);
        var ok = await anonymous.GetAsync($"/api/demand-lists/{published}/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ok.Content.Headers.ContentType!.MediaType);
        var rows = (await ok.Content.ReadAsStreamAsync()).Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("超高温熔盐泵国产化", Assert.Single(rows)["名称"]);

        var admin = await app.SignedInClientAsync(PortalFactory.AdminEmail);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/demand-lists/{draft}/export.xlsx")).StatusCode);
        var researcher = await app.SignedInClientAsync(await CreateUserEmailAsync(Roles.Researcher));
        Assert.Equal(HttpStatusCode.NotFound, (await researcher.GetAsync($"/api/demand-lists/{draft}/export.xlsx")).StatusCode);
    }

    [Fact]
    public async Task Coverage_page_shows_a_published_list_to_anonymous_but_not_a_draft()
    {
        var (draft, published, nodeId) = await ListsAsync();
        var page = await PageAsync(Anonymous(), $"/demand-lists/{published}/coverage");
        Assert.Contains($"heatmap-cell-{nodeId}-Chokepoint", page);
        Assert.Contains("coverage-item-", page);
        Assert.Contains("blind-spot-", page); // no team in this database: the item is a blind spot
        Assert.Contains("已发布清单", page);

        var hidden = await PageAsync(Anonymous(), $"/demand-lists/{draft}/coverage");
        Assert.DoesNotContain("heatmap-cell-", hidden);
        Assert.DoesNotContain("草稿清单", hidden);

        var admin = await app.SignedInClientAsync(PortalFactory.AdminEmail);
        var asAdmin = await PageAsync(admin, $"/demand-lists/{draft}/coverage");
        Assert.Contains($"heatmap-cell-{nodeId}-Chokepoint", asAdmin);
        Assert.Contains("草稿清单", asAdmin);

        var list = await PageAsync(Anonymous(), "/demand-lists");
        Assert.Contains("已发布清单", list);
        Assert.DoesNotContain("草稿清单", list);
    }
}
