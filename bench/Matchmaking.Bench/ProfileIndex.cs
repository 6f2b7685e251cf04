using System.Diagnostics;
using Matchmaking.Core.Search;

namespace Matchmaking.Bench;

/// <summary>Rebuild throughput with parts of the document switched off.</summary>
internal static class ProfileIndex
{
    public static void Run(int n)
    {
        var docs = Corpus.Generate(n);
        void Measure(string name, IEnumerable<IndexDocument> source, SearchIndexOptions options)
        {
            var list = source.ToList();
            var path = Path.Combine(Path.GetTempPath(), "mm-prof-" + Guid.NewGuid().ToString("N"));
            using (var index = SearchIndex.OpenFs(path, null, options))
            {
                GC.Collect();
                var clock = Stopwatch.StartNew();
                index.Rebuild(list, 1, null, CancellationToken.None);
                Console.WriteLine($"{name,-30} {n / clock.Elapsed.TotalSeconds,8:N0} docs/s  gen0 {GC.CollectionCount(0)}");
            }
            Directory.Delete(path, true);
        }
        var on = new SearchIndexOptions { IndexUnigrams = true };
        var off = new SearchIndexOptions { IndexUnigrams = false };
        Measure("warm-up", docs.Take(3000), on);
        Measure("full, unigrams on", docs, on);
        Measure("full, unigrams off", docs, off);
        Measure("no facets/numbers, off", docs.Select(d => d with { Facets = new Dictionary<string, IReadOnlyList<string>>(), Numbers = new Dictionary<string, double>(), Dates = new Dictionary<string, DateTime>() }), off);
        Measure("text only title, off", docs.Select(d => d with { Body = "", Skills = [], Facets = new Dictionary<string, IReadOnlyList<string>>() }), off);
    }
}
