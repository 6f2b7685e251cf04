using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Web.Tests.Infrastructure;

namespace Matchmaking.Web.Tests.Api;

/// <summary>POST /api/match and GET /api/challenges/{id}/recommendations over real HTTP with real sign-in cookies,
/// and the recommendation sections of the pages that use the same service.</summary>
public class MatchApiTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private static readonly object[] Demands =
    [
        new { id = "d-7", title = "超高温熔盐泵国产化", description = "光热电站需要耐600℃的熔盐泵", skills = new[] { "熔盐泵" }, fields = new[] { "480" },
            eligible = new[] { "University", "ResearchInstitute" }, region = "620000", budgetWan = 800, deadline = "2027-06-30", unknown = 1 },
        new { id = "d-8", title = "超薄不锈钢带轧制", skills = new[] { "手撕钢" } },
    ];

    [Fact]
    public async Task Match_ReturnsOneLinePerDemand_InOrder()
    {
        var researcher = await app.CreateUserAsync(Roles.Researcher, OrganizationType.University);
        var profile = await app.ProfileAsync(researcher);

        var response = await app.CreateClient().PostAsJsonAsync("/api/match?top=3", Demands);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.Equal(["d-7", "d-8"], lines.Select(l => l.GetProperty("demandId").GetString()));
        var d7 = lines[0].GetProperty("matches").EnumerateArray().ToList();
        Assert.InRange(d7.Count, 1, 3);
        Assert.Contains(d7, m => m.GetProperty("capabilityId").GetString() == profile.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(d7, m => Assert.NotEmpty(m.GetProperty("reasons").EnumerateArray()));
    }

    [Theory]
    [InlineData("[{\"title\":\"没有编号\"}]", "")]
    [InlineData("[{\"id\":\"a\",\"title\":\"甲\",\"region\":\"x\"}]", "")]
    [InlineData("[]", "")]
    [InlineData("[{\"id\":\"a\",\"title\":\"甲\"}]", "?top=0")]
    [InlineData("[{\"id\":\"a\",\"title\":\"甲\"}]", "?top=1001")]
    public async Task Match_RefusesBadInput_With400(string body, string query)
    {
        var response = await app.CreateClient().PostAsync("/api/match" + query, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Recommendations_AreForThePosterAndAdmins_Only()
    {
        var posterEmail = $"poster{Guid.NewGuid():N}@test.local";
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise, posterEmail);
        var challenge = await app.PublishedChallengeAsync(poster);
        var otherEmail = $"other{Guid.NewGuid():N}@test.local";
        await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise, otherEmail);
        var researcherEmail = $"researcher{Guid.NewGuid():N}@test.local";
        var researcher = await app.CreateUserAsync(Roles.Researcher, OrganizationType.University, researcherEmail);
        var profile = await app.ProfileAsync(researcher);
        var url = $"/api/challenges/{challenge}/recommendations?top=5";

        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInClientAsync(otherEmail)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInClientAsync(researcherEmail)).GetAsync(url)).StatusCode);

        var posterClient = await app.SignedInClientAsync(posterEmail);
        var response = await posterClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var teams = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        var team = Assert.Single(teams, t => t.GetProperty("profileId").GetInt32() == profile);
        Assert.Contains(team.GetProperty("reasons").EnumerateArray(), r => r.GetString() == "技能: 熔盐泵");
        Assert.Equal(HttpStatusCode.NotFound, (await posterClient.GetAsync("/api/challenges/999999/recommendations")).StatusCode);

        // The detail page shows the same teams to the poster, and no such section to others.
        var page = WebUtility.HtmlDecode(await posterClient.GetStringAsync($"/challenges/{challenge}"));
        Assert.Contains($"id=\"rec-team-{profile}\"", page);
        Assert.Contains("推荐团队", page);
        var asResearcher = await (await app.SignedInClientAsync(researcherEmail)).GetStringAsync($"/challenges/{challenge}");
        Assert.DoesNotContain("recommended-teams", asResearcher);
    }

    [Fact]
    public async Task ResearcherHome_ListsRecommendedChallenges()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var challenge = await app.PublishedChallengeAsync(poster);
        var email = $"home{Guid.NewGuid():N}@test.local";
        var researcher = await app.CreateUserAsync(Roles.Researcher, OrganizationType.University, email);
        await app.ProfileAsync(researcher);

        var home = WebUtility.HtmlDecode(await (await app.SignedInClientAsync(email)).GetStringAsync("/"));
        Assert.Contains("为您推荐的榜单", home);
        Assert.Contains($"id=\"rec-challenge-{challenge}\"", home);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheMatchEndpoints()
    {
        var doc = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/match", doc);
        Assert.Contains("/api/challenges/{id}/recommendations", doc);
    }
}
