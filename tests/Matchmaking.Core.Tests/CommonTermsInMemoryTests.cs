using Lucene.Net.Index;
using Matchmaking.Core.Search;
using static Matchmaking.Core.Tests.TestData;

namespace Matchmaking.Core.Tests;

/// <summary>
/// The whole search — totals, hits in order with their scores, facet counts, the "half of the words" retry — is the
/// same whether common terms are matched from memory (<see cref="DenseTermQuery"/>) or from the index.
/// </summary>
public sealed class CommonTermsInMemoryTests : IDisposable
{
    private static readonly string[] Modifiers = ["高温", "智能", "低成本", "长寿命", "模块化", "国产化"];
    private static readonly string[] Nouns = ["熔盐泵", "控制系统", "电池管理系统", "机械密封", "复合材料", "激光焊接", "轴承"];
    private static readonly string[] English = ["molten salt pump", "seal", "battery", "control system", "laser welding", "bearing"];

    private readonly SearchIndex _fromMemory;
    private readonly SearchIndex _fromIndex;

    public CommonTermsInMemoryTests()
    {
        var random = new Random(3);
        string Phrase() => random.Next(3) == 0
            ? English[random.Next(English.Length)]
            : Modifiers[random.Next(Modifiers.Length)] + Nouns[random.Next(Nouns.Length)];
        var docs = Enumerable.Range(0, 6000).Select(i => Doc(
            $"d{i}",
            string.Join(" ", Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Phrase())),
            string.Join("，", Enumerable.Range(0, 2 + random.Next(6)).Select(_ => Phrase())),
            skills: [Phrase()],
            facets: new Dictionary<string, IReadOnlyList<string>> { ["chain"] = [$"chain{random.Next(4)}"] },
            published: new DateTime(2026, 1, 1).AddHours(i))).ToList();
        // One segment (large enough for DenseTermQuery), then some documents replaced: deletions in it.
        _fromMemory = InMemory(options: new SearchIndexOptions { RebuildThreads = 1 });
        _fromIndex = InMemory(options: new SearchIndexOptions { RebuildThreads = 1, CommonTermsInMemory = false });
        foreach (var index in new[] { _fromMemory, _fromIndex })
        {
            index.Rebuild(docs, 1);
            index.Upsert(docs.Where((_, i) => i % 13 == 0).Select(d => d with { Title = d.Title + " 更新" }));
        }
    }

    public void Dispose()
    {
        _fromMemory.Dispose();
        _fromIndex.Dispose();
    }

    [Theory]
    [InlineData("熔盐泵")]
    [InlineData("高温 控制系统")]
    [InlineData("智能电池管理系统")]
    [InlineData("seal battery")]
    [InlineData("\"molten salt pump\" 高温")]
    [InlineData("控制系统 -低成本")]
    [InlineData("轴承 OR 复合材料")]
    [InlineData("高温熔盐泵 智能控制系统 低成本复合材料 长寿命轴承 laser welding 模块化机械密封")] // the "half of the words" retry
    [InlineData("国产化激光焊接 长寿命电池管理系统 高温轴承 智能复合材料 -seal")]
    public void Search_IsTheSame_FromMemoryAndFromTheIndex(string query)
    {
        var segment = _fromMemory.WithSearcherForProfiling(s => s.IndexReader.Leaves.Max(l => l.AtomicReader.MaxDoc));
        Assert.True(segment >= DenseTermQuery.MinSegmentDocs);
        Assert.True(_fromMemory.WithSearcherForProfiling(s => DenseTermQuery.IsDense(s.IndexReader.DocFreq(new Term(FieldNames.All, "系统")), s.IndexReader.MaxDoc)));

        foreach (var sort in new[] { SearchSort.Relevance, SearchSort.Newest })
        {
            foreach (var filter in new[] { new Dictionary<string, IReadOnlyCollection<string>>(), new() { ["chain"] = ["chain1"] } })
            {
                var request = new SearchRequest { Query = query, Take = 50, Sort = sort, FacetFields = ["chain"], Filters = filter };
                var expected = _fromIndex.Search(request);
                var actual = _fromMemory.Search(request);
                Assert.True(expected.Total > 0, query);
                Assert.Equal(expected.Total, actual.Total);
                Assert.Equal(expected.Message, actual.Message);
                Assert.Equal(Ids(expected), Ids(actual));
                Assert.Equal(expected.Hits.Select(h => h.Score), actual.Hits.Select(h => h.Score), (a, b) => Math.Abs(a - b) <= 1e-4f * Math.Max(1f, a));
                Assert.Equal(expected.Facets["chain"], actual.Facets["chain"]);
            }
        }
    }
}
