using System.Net;
using System.Text.Json;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Search;
using Matchmaking.Web.Tests.Infrastructure;

namespace Matchmaking.Web.Tests.Api;

public class SearchApiTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ChallengeSearch_ShowsThePublicOnlyPublishedChallenges()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var published = await app.PublishedChallengeAsync(poster);
        var draft = await app.Get<ChallengeService>().CreateAsync(poster, await app.ContentAsync());
        await app.Get<SearchIndexer>().ProcessOutboxAsync();

        var client = app.CreateClient();
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/challenges/search?q=" + Uri.EscapeDataString("熔盐泵") + "&pageSize=100")).RootElement;
        var ids = json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(published, ids);
        Assert.DoesNotContain(draft, ids);
        var titleHtml = json.GetProperty("hits").EnumerateArray().First(h => h.GetProperty("id").GetInt32() == published).GetProperty("titleHtml").GetString();
        Assert.Contains("<mark>", titleHtml); // matched terms marked, the rest HTML-encoded by the core
        Assert.True(json.GetProperty("facets").TryGetProperty("chain", out _));
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("title:(a OR")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("*:*")]
    public async Task HostileQueries_Return200(string q)
    {
        var response = await app.CreateClient().GetAsync("/api/challenges/search?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(json.GetProperty("total").GetInt32() >= 0);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheSearchEndpoints()
    {
        var doc = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/challenges/search", doc);
        Assert.Contains("/api/profiles/search", doc);
    }
}
