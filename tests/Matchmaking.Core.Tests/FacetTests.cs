using Matchmaking.Core.Search;
using static Matchmaking.Core.Tests.TestData;

namespace Matchmaking.Core.Tests;

public class FacetTests : IDisposable
{
    private static readonly string[] FacetNames = ["chain", "node", "bottleneck", "field", "region", "status", "budgetBand"];
    private static readonly string[] Words = ["熔盐泵", "电池", "pump", "cathode", "焊接", "密封"];
    private readonly List<IndexDocument> _docs = [];
    private readonly SearchIndex _index = InMemory();

    public FacetTests()
    {
        var random = new Random(1234);
        for (int i = 0; i < 600; i++)
        {
            var facets = new Dictionary<string, IReadOnlyList<string>>();
            foreach (var facet in FacetNames)
            {
                // 0..2 values each; some documents lack a facet entirely.
                int n = random.Next(0, 3);
                facets[facet] = Enumerable.Range(0, n).Select(_ => $"{facet}-{random.Next(0, 5)}").Distinct().ToList();
            }
            var text = string.Join(" ", Enumerable.Range(0, 3).Select(_ => Words[random.Next(Words.Length)]));
            _docs.Add(Doc($"d{i}", text, "正文 " + text, facets: facets, budget: random.Next(0, 1000)));
        }
        // Upsert in several batches with commits so the index has several segments.
        foreach (var chunk in _docs.Chunk(150))
        {
            _index.Upsert(chunk);
            _index.Commit(1);
        }
        // Replace some documents so deleted docs sit in older segments.
        for (int i = 0; i < 600; i += 7)
        {
            _index.Upsert(_docs[i]);
        }
    }

    public void Dispose() => _index.Dispose();

    private static bool Has(IndexDocument d, string facet, string value) =>
        d.Facets.TryGetValue(facet, out var vs) && vs.Contains(value);

    private static bool PassesFilters(IndexDocument d, Dictionary<string, IReadOnlyCollection<string>> filters, string? except = null) =>
        filters.Where(f => f.Key != except).All(f => f.Value.Any(v => Has(d, f.Key, v)));

    [Theory]
    [InlineData(null, 0)]
    [InlineData("pump", 0)]
    [InlineData("熔盐泵", 1)]
    [InlineData("", 2)]
    [InlineData("电池 OR 焊接", 3)]
    public void Counts_EqualBruteForce_WithOwnFilterRemovedForFilteredFacets(string? query, int filterSet)
    {
        var filters = filterSet switch
        {
            0 => new Dictionary<string, IReadOnlyCollection<string>>(),
            1 => new() { ["chain"] = ["chain-1", "chain-3"] },
            2 => new() { ["chain"] = ["chain-1"], ["region"] = ["region-0", "region-2"], ["status"] = ["status-4"] },
            _ => new() { ["node"] = ["node-2"], ["budgetBand"] = ["budgetBand-1", "budgetBand-0"] },
        };
        var results = _index.Search(new SearchRequest { Query = query, Filters = filters, FacetFields = FacetNames, Take = 100 });

        // What a database would give: documents whose text matches (all words), and that pass the filters.
        var words = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool TextMatches(IndexDocument d) => words.Length == 0 || (words.Contains("OR")
            ? words.Where(w => w != "OR").Any(w => d.Title.Contains(w, StringComparison.Ordinal))
            : words.All(w => d.Title.Contains(w, StringComparison.Ordinal)));
        var matching = _docs.Where(TextMatches).ToList();

        Assert.Equal(matching.Count(d => PassesFilters(d, filters)), results.Total);
        foreach (var facet in FacetNames)
        {
            var pool = matching.Where(d => PassesFilters(d, filters, except: facet));
            var expected = pool.SelectMany(d => d.Facets.GetValueOrDefault(facet) ?? [])
                .GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            var actual = results.Facets[facet].ToDictionary(c => c.Value, c => c.Count);
            Assert.Equal(expected.OrderBy(k => k.Key), actual.OrderBy(k => k.Key));
            Assert.Equal(actual.Values.OrderByDescending(c => c), results.Facets[facet].Select(c => c.Count));
        }
    }

    [Fact]
    public void Filters_AreAndAcrossFacets_OrWithin()
    {
        var filters = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["chain"] = ["chain-1", "chain-2"],
            ["field"] = ["field-0"],
        };
        var results = _index.Search(new SearchRequest { Filters = filters, Take = 100 });
        var expected = _docs.Where(d => PassesFilters(d, filters)).Select(d => d.Id).Order().ToList();
        Assert.Equal(expected.Count, results.Total);
        Assert.True(expected.Count > 0);
        Assert.Equal(expected.Take(100).ToHashSet().Count, results.Hits.Count);
        Assert.All(results.Hits, h => Assert.Contains(h.Id, expected));
    }

    [Fact]
    public void FilteredFacet_NotCounted_IsStillApplied()
    {
        var filters = new Dictionary<string, IReadOnlyCollection<string>> { ["status"] = ["status-0"] };
        var results = _index.Search(new SearchRequest { Filters = filters, FacetFields = ["chain"] });
        Assert.Equal(_docs.Count(d => PassesFilters(d, filters)), results.Total);
        var expected = _docs.Where(d => PassesFilters(d, filters))
            .SelectMany(d => d.Facets["chain"]).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(k => k.Key), results.Facets["chain"].ToDictionary(c => c.Value, c => c.Count).OrderBy(k => k.Key));
    }

    [Fact]
    public void UnknownFacetOrValue_CountsNothing_AndFiltersEverythingOut()
    {
        var results = _index.Search(new SearchRequest
        {
            Filters = new Dictionary<string, IReadOnlyCollection<string>> { ["nope"] = ["x"] },
            FacetFields = ["nope", "chain"],
        });
        Assert.Equal(0, results.Total);
        Assert.Empty(results.Facets["chain"]);
        Assert.Empty(results.Facets["nope"]);
    }
}
