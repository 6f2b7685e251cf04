using System.Diagnostics;
using Lucene.Net.Analysis.TokenAttributes;
using Matchmaking.Core.Search;

namespace Matchmaking.Bench;

/// <summary>Where does a rebuild spend its CPU? Docs per CPU-second of the whole process, for parts switched off.</summary>
internal static class RebuildProfile
{
    public static void Run(int n, string corpus, int repeats)
    {
        var docs = corpus == "csl" ? RealisticCorpus.Generate(n) : Corpus.Generate(n);
        Console.WriteLine($"# {corpus} {n} docs, load {CpuClock.LoadAverage()}");
        static (double Wall, double Cpu) Time(Action action)
        {
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            return (clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        }
        void Rebuild(string name, IReadOnlyList<IndexDocument> source, SearchIndexOptions options)
        {
            var results = new List<(double Wall, double Cpu)>();
            string segments = "";
            for (int r = 0; r < repeats; r++)
            {
                var path = Path.Combine(Path.GetTempPath(), "mm-rprof-" + Guid.NewGuid().ToString("N"));
                using (var index = SearchIndex.OpenFs(path, null, options))
                {
                    results.Add(Time(() => index.Rebuild(source, 1, null, CancellationToken.None)));
                    segments = index.WithSearcherForProfiling(s => string.Join("+", s.IndexReader.Leaves.Select(l => l.AtomicReader.MaxDoc)));
                }
                System.IO.Directory.Delete(path, true);
            }
            var best = results.OrderBy(x => x.Cpu).First();
            Console.WriteLine($"{name,-34} {source.Count / best.Cpu,8:N0} docs/CPU-s {source.Count / best.Wall,8:N0} docs/s wall (best of {repeats}; CPU-s {string.Join(" ", results.Select(x => x.Cpu.ToString("0.00")))}; segments {segments})");
        }
        void Analyze(string name, Func<IndexDocument, IEnumerable<(string Field, string Text)>> fields)
        {
            using var analyzer = new MatchmakingAnalyzer();
            long tokens = 0;
            var t = Time(() =>
            {
                foreach (var d in docs)
                {
                    foreach (var (field, text) in fields(d))
                    {
                        using var stream = analyzer.GetTokenStream(field, text);
                        var term = stream.AddAttribute<ICharTermAttribute>();
                        stream.Reset();
                        while (stream.IncrementToken()) tokens++;
                        stream.End();
                    }
                }
            });
            Console.WriteLine($"{name,-34} {docs.Count / t.Cpu,8:N0} docs/CPU-s ({tokens / (double)docs.Count:0.0} tokens/doc, {tokens / t.Cpu / 1e6:0.00} M tokens/CPU-s)");
        }
        var defaults = new SearchIndexOptions();
        Rebuild("warm-up", docs.Take(5000).ToList(), defaults);
        if (Environment.GetEnvironmentVariable("MM_QUICK") == "1")
        {
            for (int round = 0; round < 2; round++)
            {
                Rebuild("full, RAM 256", docs, defaults with { RamBufferSizeMB = 256 });
                Rebuild("full (default RAM)", docs, defaults);
            }
            return;
        }
        Analyze("analyze title+skills+body", d => d.Skills.Select(s => ("skills", s)).Prepend(("title", d.Title)).Append(("all", d.Body)));
        Analyze("analyze body only", d => [("all", d.Body)]);
        Rebuild("full (default threads)", docs, defaults);
        Rebuild("full, 1 thread", docs, defaults with { RebuildThreads = 1 });
        Rebuild("full, 2 threads", docs, defaults with { RebuildThreads = 2 });
        Rebuild("full, RAM 256", docs, defaults with { RamBufferSizeMB = 256 });
        Rebuild("full, RAM 48", docs, defaults with { RamBufferSizeMB = 48 });
        Rebuild("no facets/numbers/dates", docs.Select(d => d with { Facets = new Dictionary<string, IReadOnlyList<string>>(), Numbers = new Dictionary<string, double>(), Dates = new Dictionary<string, DateTime>() }).ToList(), defaults);
        Rebuild("no body", docs.Select(d => d with { Body = "" }).ToList(), defaults);
        Rebuild("id only", docs.Select(d => new IndexDocument { Id = d.Id }).ToList(), defaults);
    }
}
