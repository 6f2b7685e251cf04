using Matchmaking.Core.Search;
using static Matchmaking.Core.Tests.TestData;

namespace Matchmaking.Core.Tests;

public class IndexLifecycleTests
{
    [Fact]
    public void Upsert_SameId_Replaces()
    {
        using var index = InMemory();
        index.Upsert(Doc("1", "old title about pumps"));
        index.Upsert(Doc("1", "new title about valves"));
        Assert.Equal(1, index.Count);
        Assert.Empty(index.Search(new SearchRequest { Query = "pumps" }).Hits);
        Assert.Equal(["1"], Ids(index.Search(new SearchRequest { Query = "valves" })));
    }

    [Fact]
    public void Delete_RemovesFromSearchAndIds()
    {
        using var index = InMemory();
        index.Upsert([Doc("1", "pump"), Doc("2", "pump")]);
        index.Delete("1");
        Assert.Equal(["2"], Ids(index.Search(new SearchRequest { Query = "pump" })));
        Assert.Equal(["2"], index.AllIds());
        index.Delete("missing");
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Rebuild_ReplacesEverything_AndStoresWatermark()
    {
        using var index = InMemory();
        index.Upsert([Doc("a", "old"), Doc("b", "old")]);
        var reported = new List<int>();
        index.Rebuild(Enumerable.Range(0, 2500).Select(i => Doc($"n{i}", $"新文档 {i}")), watermark: 42, new SyncProgress(reported.Add), CancellationToken.None);
        Assert.Equal(2500, index.Count);
        Assert.Equal(42, index.Watermark);
        Assert.DoesNotContain("a", index.AllIds());
        Assert.Equal([1000, 2000, 2500], reported);
    }

    [Fact]
    public void Rebuild_IsInvisibleToReadersUntilCommit()
    {
        using var index = InMemory();
        index.Upsert([Doc("a", "old"), Doc("b", "old")]);
        int seenDuring = -1;
        IEnumerable<IndexDocument> Docs()
        {
            for (int i = 0; i < 50; i++)
            {
                yield return Doc($"n{i}", "new");
            }
            index.MaybeRefresh(); // someone refreshing mid-rebuild must not expose the half-built index
            seenDuring = index.Count;
        }
        index.Rebuild(Docs(), 7, null, CancellationToken.None);
        Assert.Equal(2, seenDuring);
        Assert.Equal(50, index.Count);
    }

    [Fact]
    public void Rebuild_Cancelled_KeepsTheOldCommittedIndex()
    {
        using var index = InMemory();
        index.Upsert([Doc("a", "old"), Doc("b", "old")]);
        index.Commit(5);
        using var cts = new CancellationTokenSource();
        IEnumerable<IndexDocument> Docs()
        {
            yield return Doc("n1", "new");
            cts.Cancel();
            yield return Doc("n2", "new");
        }
        Assert.ThrowsAny<OperationCanceledException>(() => index.Rebuild(Docs(), 9, null, cts.Token));
        Assert.Equal(5, index.Watermark);
        Assert.Equal(["a", "b"], index.AllIds().Order());
        index.Upsert(Doc("c", "still writable"));
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void Watermark_SurvivesReopen_OfAnFsDirectory()
    {
        using var folder = new TempFolder();
        using (var index = SearchIndex.OpenFs(folder.Path))
        {
            Assert.Equal(0, index.Watermark);
            index.Upsert([Doc("1", "熔盐泵"), Doc("2", "pump")]);
            index.Commit(123);
        }
        using (var reopened = SearchIndex.OpenFs(folder.Path))
        {
            Assert.Equal(123, reopened.Watermark);
            Assert.Equal(2, reopened.Count);
            Assert.Equal(["1"], Ids(reopened.Search(new SearchRequest { Query = "熔盐泵" })));
        }
    }

    [Fact]
    public void DisposeWithoutCommit_DiscardsUncommittedChanges()
    {
        using var folder = new TempFolder();
        using (var index = SearchIndex.OpenFs(folder.Path))
        {
            index.Upsert(Doc("committed", "one"));
            index.Commit(10);
            index.Upsert(Doc("uncommitted", "two"));
            index.Delete("committed");
            Assert.Equal(["uncommitted"], index.AllIds()); // visible near-real-time before commit
        }
        using var reopened = SearchIndex.OpenFs(folder.Path);
        Assert.Equal(10, reopened.Watermark);
        Assert.Equal(["committed"], reopened.AllIds());
    }

    [Fact]
    public void Crash_FlushedButUncommittedSegments_AreIgnoredOnReopen()
    {
        using var live = new TempFolder();
        using var crashed = new TempFolder();
        using var index = SearchIndex.OpenFs(live.Path);
        index.Upsert(Enumerable.Range(0, 100).Select(i => Doc($"c{i}", "committed")));
        index.Commit(77);
        index.Upsert(Enumerable.Range(0, 100).Select(i => Doc($"u{i}", "uncommitted")));
        index.MaybeRefresh(); // NRT refresh flushes a new segment to disk without committing it

        // "Crash": copy the files as they are now, as if the process had died here.
        Directory.CreateDirectory(crashed.Path);
        foreach (var file in Directory.GetFiles(live.Path).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(crashed.Path, Path.GetFileName(file)));
        }
        Assert.True(Directory.GetFiles(crashed.Path).Length > 0);

        using var recovered = SearchIndex.OpenFs(crashed.Path);
        Assert.Equal(77, recovered.Watermark);
        Assert.Equal(100, recovered.Count);
        Assert.All(recovered.AllIds(), id => Assert.StartsWith("c", id));
    }

    [Fact]
    public void Sorts_ByDeadlineBudgetAndNewest_MissingValuesLast()
    {
        using var index = InMemory();
        var day = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        index.Upsert([
            Doc("a", "pump", budget: 100, deadline: day.AddDays(30), published: day.AddDays(-1)),
            Doc("b", "pump", budget: 500, deadline: day.AddDays(10), published: day.AddDays(-30)),
            Doc("c", "pump", budget: 50, deadline: day.AddDays(20), published: day.AddDays(-5)),
            Doc("none", "pump"),
        ]);
        Assert.Equal(["b", "c", "a", "none"], Ids(index.Search(new SearchRequest { Query = "pump", Sort = SearchSort.DeadlineAsc })));
        Assert.Equal(["b", "a", "c", "none"], Ids(index.Search(new SearchRequest { Query = "pump", Sort = SearchSort.BudgetDesc })));
        Assert.Equal(["a", "c", "b", "none"], Ids(index.Search(new SearchRequest { Query = "pump", Sort = SearchSort.Newest })));
        // Empty query + relevance falls back to newest.
        Assert.Equal(["a", "c", "b", "none"], Ids(index.Search(new SearchRequest { Query = "  " })));
    }

    [Fact]
    public void Ranges_OnNumbersAndDates_ExcludeDocumentsWithoutTheValue()
    {
        using var index = InMemory();
        var day = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        index.Upsert([
            Doc("cheap", "x", budget: 0, deadline: day),
            Doc("mid", "x", budget: 100, deadline: day.AddDays(10)),
            Doc("rich", "x", budget: 1000, deadline: day.AddDays(20)),
            Doc("none", "x"),
        ]);
        var budget = index.Search(new SearchRequest
        {
            NumberRanges = new Dictionary<string, (double?, double?)> { ["budget"] = (null, 100) },
        });
        Assert.Equal(["cheap", "mid"], Ids(budget).Order());
        var dates = index.Search(new SearchRequest
        {
            DateRanges = new Dictionary<string, (DateTime?, DateTime?)> { ["deadline"] = (day.AddDays(5), null) },
        });
        Assert.Equal(["mid", "rich"], Ids(dates).Order());
    }

    [Fact]
    public void Paging_ClampsTake_AndSkips()
    {
        using var index = InMemory();
        index.Upsert(Enumerable.Range(0, 250).Select(i => Doc($"d{i}", "pump", published: new DateTime(2026, 1, 1).AddMinutes(i))));
        var all = index.Search(new SearchRequest { Take = 1000 });
        Assert.Equal(250, all.Total);
        Assert.Equal(SearchRequest.MaxTake, all.Hits.Count);
        Assert.Single(index.Search(new SearchRequest { Take = 0 }).Hits);
        var page = index.Search(new SearchRequest { Skip = 240, Take = 20 });
        Assert.Equal(10, page.Hits.Count);
        Assert.Equal("d9", page.Hits[0].Id);
        var far = index.Search(new SearchRequest { Skip = int.MaxValue });
        Assert.Empty(far.Hits);
        Assert.NotNull(far.Message);
    }

    [Fact]
    public async Task ConcurrentSearches_WhileWriting_DoNotFail()
    {
        using var index = InMemory();
        index.Upsert(Enumerable.Range(0, 200).Select(i => Doc($"d{i}", $"熔盐泵 {i}")));
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            int n = 0;
            do
            {
                var r = index.Search(new SearchRequest { Query = "熔盐泵", FacetFields = ["status"] });
                Assert.True(r.Total >= 200);
                n++;
            }
            while (!stop.IsCancellationRequested);
            return n;
        })).ToArray();
        for (int i = 0; i < 200; i++)
        {
            index.Upsert(Doc($"w{i}", "熔盐泵 写入"));
            if (i % 50 == 0) index.Commit(i);
        }
        stop.Cancel();
        var counts = await Task.WhenAll(readers);
        Assert.All(counts, c => Assert.True(c > 0));
        Assert.Equal(400, index.Count);
    }

    [Fact]
    public async Task ConcurrentSearches_OverALargeSegmentOnDisk_WhileWritingAndRebuilding_DoNotFail()
    {
        // A segment large enough for common terms in memory (DenseTermQuery, warmed in the background after the
        // rebuilds), memory-mapped files, searches of both kinds (strict and "half of the words") all the while.
        string[] words = ["高温熔盐泵", "智能控制系统", "低成本复合材料", "长寿命轴承", "molten salt pump", "laser welding"];
        var random = new Random(17);
        var docs = Enumerable.Range(0, 5000)
            .Select(i => Doc($"d{i}", words[random.Next(words.Length)], string.Join(" ", Enumerable.Range(0, 4).Select(_ => words[random.Next(words.Length)]))))
            .ToList();
        using var folder = new TempFolder();
        var index = SearchIndex.OpenFs(folder.Path, options: new SearchIndexOptions { RebuildThreads = 1 });
        index.Rebuild(docs, 1);
        string[] queries = ["熔盐泵", "高温 控制系统", "智能控制系统 低成本复合材料 长寿命轴承 laser welding 不存在的词 另一个不存在的词"];
        int readersLeft = 2;
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            try
            {
                for (int n = 0; n < 300; n++)
                {
                    var result = index.Search(new SearchRequest { Query = queries[n % queries.Length], FacetFields = ["status"] });
                    Assert.True(result.Total > 0, queries[n % queries.Length]);
                }
            }
            finally
            {
                Interlocked.Decrement(ref readersLeft);
            }
        })).ToArray();
        for (int round = 0; Volatile.Read(ref readersLeft) > 0 && round < 20; round++)
        {
            index.Upsert(Enumerable.Range(0, 50).Select(i => Doc($"w{round}-{i}", "高温熔盐泵 写入")));
            index.Commit(2 + round);
            if (round == 3)
            {
                index.Rebuild(docs, 100);
            }
        }
        await Task.WhenAll(readers);
        index.Rebuild(docs, 200);
        index.Dispose(); // while the new segment's common terms may still be loading
        using var reopened = SearchIndex.OpenFs(folder.Path);
        Assert.Equal(5000, reopened.Count);
        Assert.Equal(200, reopened.Watermark);
    }

    /// <summary>Progress&lt;T&gt; posts asynchronously; tests need the calls in order, now.</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
