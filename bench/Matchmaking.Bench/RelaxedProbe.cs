using Lucene.Net.Search;
using Matchmaking.Core.Search;

namespace Matchmaking.Bench;

/// <summary>
/// Where the "half of the words" retry of long queries spends its time (dense corpus): for each query that needs it,
/// the strict pass, the retry, and each word's matching alone (`relaxed-probe N`).
/// </summary>
internal static class RelaxedProbe
{
    public static void Run(int n)
    {
        var docs = Corpus.Generate(n);
        var queries = Corpus.Queries(docs, 1000);
        var path = Path.Combine(Path.GetTempPath(), "mm-rp-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        using var index = SearchIndex.OpenFs(path);
        index.Rebuild(docs, 1, null, CancellationToken.None);
        var relaxedQs = queries.Where(q => index.Parser.Parse(q).Relaxed is AtLeastQuery).ToList();
        relaxedQs = relaxedQs.Where(q => index.WithSearcherForProfiling(s => s.Search(index.Parser.Parse(q).Query, 1).TotalHits) == 0).ToList();
        Console.WriteLine($"{relaxedQs.Count} relaxed long queries");
        double Time(Action a) { for (int i = 0; i < 3; i++) a(); var t = CpuClock.ThreadMilliseconds(); for (int i = 0; i < 10; i++) a(); return (CpuClock.ThreadMilliseconds() - t) / 10; }
        var rows = new List<(double strict, double relaxed, double clausesScored, double clausesCount, long sumCost, int clauses, int hits)>();
        foreach (var q in relaxedQs)
        {
            var p = index.Parser.Parse(q);
            var at = (AtLeastQuery)p.Relaxed!;
            index.WithSearcherForProfiling(s =>
            {
                double strict = Time(() => s.Search(p.Query, 1));
                int hits = 0;
                double relaxed = Time(() => hits = s.Search(at, 1).TotalHits);
                long cost = 0;
                double scored = Time(() =>
                {
                    foreach (var c in at.Clauses)
                    {
                        var w = s.CreateNormalizedWeight(c);
                        foreach (var leaf in s.IndexReader.Leaves)
                        {
                            var sc = w.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
                            if (sc is null) continue;
                            float sum = 0;
                            while (sc.NextDoc() != DocIdSetIterator.NO_MORE_DOCS) sum += sc.GetScore();
                        }
                    }
                });
                double counted = Time(() =>
                {
                    cost = 0;
                    foreach (var c in at.Clauses)
                    {
                        var w = s.CreateNormalizedWeight(c);
                        foreach (var leaf in s.IndexReader.Leaves)
                        {
                            var sc = w.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
                            if (sc is null) continue;
                            while (sc.NextDoc() != DocIdSetIterator.NO_MORE_DOCS) cost++;
                        }
                    }
                });
                if (strict + relaxed > 5.5)
                {
                    Console.WriteLine($"query {q}  strict {strict:0.00} relaxed {relaxed:0.00}");
                    foreach (var c in at.Clauses)
                    {
                        long m = 0;
                        double t = Time(() =>
                        {
                            m = 0;
                            var w = s.CreateNormalizedWeight(c);
                            foreach (var leaf in s.IndexReader.Leaves)
                            {
                                var sc = w.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
                                if (sc is null) continue;
                                while (sc.NextDoc() != DocIdSetIterator.NO_MORE_DOCS) m++;
                            }
                        });
                        double tw = Time(() => s.CreateNormalizedWeight(c));
                        var terms = new HashSet<Lucene.Net.Index.Term>(); c.ExtractTerms(terms);
                        Console.WriteLine($"   {t,6:0.000} ms (weight {tw:0.000}) matches {m,7:N0}  {c}  dfs {string.Join(",", terms.Select(x => s.IndexReader.DocFreq(x)))}");
                    }
                }
                rows.Add((strict, relaxed, scored, counted, cost, at.Clauses.Count, hits));
                return 0;
            });
        }
        foreach (var r in rows.OrderByDescending(r => r.strict + r.relaxed).Take(30))
            Console.WriteLine($"strict {r.strict,6:0.00} relaxed {r.relaxed,6:0.00} clauses-scored {r.clausesScored,6:0.00} clauses-nextdoc {r.clausesCount,6:0.00} matches {r.sumCost,8:N0} clauses {r.clauses,2} hits {r.hits,6:N0}");
        Console.WriteLine($"mean: strict {rows.Average(r => r.strict):0.00} relaxed {rows.Average(r => r.relaxed):0.00} scored {rows.Average(r => r.clausesScored):0.00} nextdoc {rows.Average(r => r.clausesCount):0.00} matches {rows.Average(r => r.sumCost):N0}");
        index.Dispose();
        Directory.Delete(path, true);
    }
}
