using System.Diagnostics;
using Matchmaking.Core.Search;

namespace Matchmaking.Bench;

/// <summary>Where does a search spend its time? Runs the same queries with parts switched off.</summary>
internal static class Profile
{
    public static void Run(int n, int queryCount, string corpus)
    {
        var docs = corpus == "csl" ? RealisticCorpus.Generate(n) : Corpus.Generate(n);
        var queries = corpus == "csl" ? RealisticCorpus.Queries(docs, queryCount) : Corpus.Queries(docs, queryCount);
        var path = Path.Combine(Path.GetTempPath(), "mm-prof-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        using var luceneDir = Environment.GetEnvironmentVariable("MM_DIR") switch
        {
            "nio" => (Lucene.Net.Store.Directory)new Lucene.Net.Store.NIOFSDirectory(new DirectoryInfo(path)),
            "simple" => new Lucene.Net.Store.SimpleFSDirectory(new DirectoryInfo(path)),
            "mmap" => new Lucene.Net.Store.MMapDirectory(new DirectoryInfo(path)),
            _ => new UntrackedMMapDirectory(new DirectoryInfo(path)),
        };
        using var index = new SearchIndex(luceneDir);
        var clock = Stopwatch.StartNew();
        index.Rebuild(docs, 1, null, CancellationToken.None);
        Console.WriteLine($"rebuild {n}: {n / clock.Elapsed.TotalSeconds:N0} docs/s, segments {index.WithSearcherForProfiling(s => s.IndexReader.Leaves.Count)}");
        clock.Restart();
        int dense = index.WithSearcherForProfiling(s => DenseTermQuery.Warm(s.IndexReader, FieldNames.All));
        Console.WriteLine($"dense terms loaded: {dense} in {clock.Elapsed.TotalMilliseconds:N0} ms");
        foreach (var (maxDoc, count) in index.WithSearcherForProfiling(s => s.IndexReader.Leaves.Select(l =>
        {
            int c = 0;
            var e = l.AtomicReader.GetTerms(FieldNames.All)!.GetEnumerator();
            while (e.MoveNext()) if (DenseTermQuery.IsDense(e.DocFreq, l.AtomicReader.MaxDoc)) c++;
            return (l.AtomicReader.MaxDoc, c);
        }).ToList()))
        {
            Console.WriteLine($"  segment of {maxDoc:N0} documents: {count} dense terms");
        }
        void Measure(string name, Func<string, object?> run)
        {
            foreach (var q in queries.Take(200)) run(q);
            var all = new List<(double Ms, string Q)>();
            foreach (var q in queries)
            {
                var t = CpuClock.ThreadMilliseconds();
                run(q);
                all.Add((CpuClock.ThreadMilliseconds() - t, q));
            }
            string Stats(IEnumerable<(double Ms, string Q)> xs)
            {
                var sorted = xs.OrderBy(x => x.Ms).ToArray();
                return sorted.Length == 0 ? "-" : $"p50 {sorted[sorted.Length / 2].Ms,6:0.00} p95 {sorted[(int)(sorted.Length * 0.95)].Ms,6:0.00}";
            }
            if (Environment.GetEnvironmentVariable("MM_SLOWEST") == name)
            {
                foreach (var (ms, q) in all.OrderByDescending(x => x.Ms).Take(25)) Console.WriteLine($"  slow {ms,7:0.00} ms  {q}  | {index.Parser.Parse(q).Query}");
            }
            Console.WriteLine($"{name,-24} all {Stats(all)} | 1-3 terms {Stats(all.Where(x => x.Q.Split(' ').Length <= 3))} | 4+ terms {Stats(all.Where(x => x.Q.Split(' ').Length > 3))}");
        }
        foreach (var probe in new[] { "不存在的词", "zzzqqq", "熔盐泵", "高温", "smart", "high-temperature" })
        {
            var parsed = index.Parser.Parse(probe);
            int total = 0;
            var t0 = CpuClock.ThreadMilliseconds();
            for (int r = 0; r < 50; r++) total = index.WithSearcherForProfiling(s => s.Search(parsed.Query, 1).TotalHits);
            Console.WriteLine($"probe {probe,-18} hits {total,7} CPU {(CpuClock.ThreadMilliseconds() - t0) / 50:0.000} ms");
        }
        Measure("parse only (CPU ms)", q => index.Parser.Parse(q));
        Measure("strict weight only", q => index.WithSearcherForProfiling(s => s.CreateNormalizedWeight(index.Parser.Parse(q).Query)));
        Measure("scoring weight only", q => index.WithSearcherForProfiling(s => index.Parser.Parse(q).Scoring is { } sq ? s.CreateNormalizedWeight(sq) : null));
        static IEnumerable<Lucene.Net.Index.Term> Terms(Lucene.Net.Search.Query q)
        {
            var set = new HashSet<Lucene.Net.Index.Term>();
            try { q.ExtractTerms(set); } catch (NotSupportedException) { }
            return set;
        }
        Measure("TermContext.Build each", q => index.WithSearcherForProfiling(s =>
        {
            var p = index.Parser.Parse(q);
            foreach (var t in Terms(p.Query).Concat(p.Scoring is null ? [] : Terms(p.Scoring))) Lucene.Net.Index.TermContext.Build(s.TopReaderContext, t);
            return 0;
        }));
        Measure("one TermsEnum per field", q => index.WithSearcherForProfiling(s =>
        {
            var p = index.Parser.Parse(q);
            foreach (var byField in Terms(p.Query).Concat(p.Scoring is null ? [] : Terms(p.Scoring)).GroupBy(t => t.Field))
            {
                foreach (var leaf in s.IndexReader.Leaves)
                {
                    var terms = leaf.AtomicReader.GetTerms(byField.Key);
                    if (terms is null) continue;
                    var e = terms.GetEnumerator();
                    foreach (var t in byField.OrderBy(t => t.Bytes)) if (e.SeekExact(t.Bytes)) e.GetTermState();
                }
            }
            return 0;
        }));
        Measure("strict count only", q => index.WithSearcherForProfiling(s => s.Search(index.Parser.Parse(q).Query, 1).TotalHits));
        Measure("relaxed count only", q => index.WithSearcherForProfiling(s => s.Search(index.Parser.Parse(q).Relaxed ?? index.Parser.Parse(q).Query, 1).TotalHits));
        Measure("search take1 no facets", q => index.Search(new SearchRequest { Query = q, Take = 1 }));
        Measure("search take1 7 facets", q => index.Search(new SearchRequest { Query = q, Take = 1, FacetFields = Corpus.FacetNames }));
        Measure("search take20 7 facets", q => index.Search(new SearchRequest { Query = q, Take = 20, FacetFields = Corpus.FacetNames }));
        Measure("search take20 newest", q => index.Search(new SearchRequest { Query = q, Take = 20, FacetFields = Corpus.FacetNames, Sort = SearchSort.Newest }));
        var fields = new HashSet<string> { FieldNames.Id, FieldNames.Title, FieldNames.Body };
        Measure("load 20 stored docs", q => index.WithSearcherForProfiling(s =>
        {
            foreach (var sd in s.Search(index.Parser.Parse(q).Query, 20).ScoreDocs) s.Doc(sd.Doc, fields);
            return 0;
        }));
        Measure("(search 20 for the above)", q => index.WithSearcherForProfiling(s => s.Search(index.Parser.Parse(q).Query, 20).ScoreDocs.Length));
        var samples = index.WithSearcherForProfiling(s => Enumerable.Range(0, 20).Select(i => s.Doc(i * 97, fields)).Select(d => (d.Get(FieldNames.Title), d.Get(FieldNames.Body))).ToList());
        Measure("highlight 20 title+body", q =>
        {
            var terms = index.Parser.Parse(q).HighlightTerms;
            foreach (var (t, b) in samples) { index.Highlighter.Highlight(t, terms); index.Highlighter.Snippet(b, terms); }
            return 0;
        });
        var lengths = queries.Select(q => (q, r: index.Search(new SearchRequest { Query = q }))).ToList();
        Console.WriteLine($"relaxed: {lengths.Count(x => x.r.Message != null)} of {lengths.Count}; mean total {lengths.Average(x => x.r.Total):N0}");
        index.Dispose();
        Directory.Delete(path, true);
    }
}
