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

    /// <summary>The search library says why a query was not run as typed; the pages word it in the reader's language
    /// and the API keeps its Chinese message.</summary>
    [Theory]
    [InlineData("/challenges", "\"熔盐泵 泵", "引号不成对", "quote was not closed")]
    [InlineData("/profiles", "！！！", "没有可搜索的文字", "Nothing searchable was typed")]
    public async Task SearchPages_ExplainAlteredQueries_InTheReadersLanguage(string page, string q, string chinese, string english)
    {
        var client = app.CreateClient();
        var url = page + "?q=" + Uri.EscapeDataString(q);

        var zh = SearchMessage(await client.GetStringAsync(url));
        var en = SearchMessage(await client.GetStringAsync(url + "&culture=en"));

        Assert.Contains(chinese, zh);
        Assert.Contains(english, en);
        Assert.DoesNotMatch(@"[\u4e00-\u9fff]", en);
        var api = JsonDocument.Parse(await client.GetStringAsync("/api" + page + "/search?q=" + Uri.EscapeDataString(q))).RootElement;
        Assert.Contains(chinese, api.GetProperty("message").GetString());
    }

    /// <summary>The text of the search page's notice (prerendered), or a failure when the page shows none.</summary>
    private static string SearchMessage(string html)
    {
        html = WebUtility.HtmlDecode(html);
        var at = html.IndexOf("id=\"search-message\"", StringComparison.Ordinal);
        Assert.True(at >= 0, "no search notice on the page");
        var start = html.IndexOf('>', html.IndexOf("mud-alert-message", at, StringComparison.Ordinal)) + 1;
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)].Trim();
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheSearchEndpoints()
    {
        var doc = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/challenges/search", doc);
        Assert.Contains("/api/profiles/search", doc);
    }
}
