using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Matchmaking.Core.Matching;

namespace Matchmaking.Bench;

/// <summary>
/// Issue 4's match benchmark: long real demands (CSL title + abstract) against N profiles recombined
/// from CSL papers (<see cref="MatchCorpus"/>), top 10 with reasons through <see cref="MatchScorer"/>,
/// against plain Lucene.NET (CJKAnalyzer, one OR query of all the demand's terms over title, body and
/// skills, ids only) on the same data in the same run; then a 200-item demand list end to end.
/// </summary>
/// <remarks>
/// dotnet run -c Release --project bench/Matchmaking.Bench -- match [--profiles 100000] [--demands 500]
///     [--warmup 50] [--list 200] [--csl tests/data/csl-dev/profiles.jsonl] [--weights k=v,...]
/// </remarks>
internal static class MatchBench
{
    public static int Run(string[] args)
    {
        string Option(string name, string fallback)
        {
            int at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }
        int n = int.Parse(Option("--profiles", "100000"), CultureInfo.InvariantCulture);
        int demandCount = int.Parse(Option("--demands", "500"), CultureInfo.InvariantCulture);
        int warmup = int.Parse(Option("--warmup", "50"), CultureInfo.InvariantCulture);
        int listSize = int.Parse(Option("--list", "200"), CultureInfo.InvariantCulture);
        var csl = Option("--csl", FindUp("tests/data/csl-dev/profiles.jsonl"));
        var weights = new MatchWeights();
        foreach (var pair in Option("--weights", "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (pair.Split('=')[0], double.Parse(pair.Split('=')[1], CultureInfo.InvariantCulture));
            var property = typeof(MatchWeights).GetProperty(name) ?? throw new ArgumentException("unknown weight " + name);
            property.SetValue(weights, property.PropertyType == typeof(int) ? (object)(int)value : value);
        }

        Console.WriteLine($"# Matchmaking match benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"# load average at start: {CpuClock.LoadAverage()}");
        var profiles = MatchCorpus.Profiles(csl, n);
        var demands = MatchCorpus.Demands(csl, warmup + demandCount + listSize);
        Console.WriteLine($"# {profiles.Count:N0} profiles (mean {profiles.Average(p => p.Name.Length + p.Summary.Length):0} chars), " +
            $"{demands.Count} demands (mean {demands.Average(d => d.Title.Length + d.Description.Length):0} chars: title + abstract)");

        // Ours: the scorer over a CapabilityIndex, as MatchingService holds it (RAMDirectory + in-memory features).
        var clock = Stopwatch.StartNew();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        using var index = new CapabilityIndex();
        foreach (var chunk in profiles.Chunk(5000))
        {
            index.Upsert(chunk);
        }
        var load = $"{clock.Elapsed.TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:0.0} s CPU";
        Console.WriteLine($"# ours: loaded {index.Count:N0} profiles in {load}; load average {CpuClock.LoadAverage()}; {SteadyState()}");
        var scorer = new MatchScorer(weights);
        int reasons = 0;
        var gc0 = (G0: GC.CollectionCount(0), G1: GC.CollectionCount(1), G2: GC.CollectionCount(2), Pause: GC.GetTotalPauseDuration(),
            Bytes: GC.GetAllocatedBytesForCurrentThread());
        var ours = Measure(demands.Take(warmup + demandCount).ToList(), warmup, d =>
        {
            var matches = scorer.MatchCapabilities(d, index, new MatchOptions { Take = 10 });
            reasons += matches.Sum(m => m.Reasons.Count);
            return matches.Count;
        });
        Console.WriteLine(ours.Row("# ours (MatchScorer, reasons)"));
        Console.WriteLine($"# ours measured; load average {CpuClock.LoadAverage()}; mean reasons per match {reasons / (double)Math.Max(1, ours.Results):0.0}; " +
            $"GCs gen0/1/2 {GC.CollectionCount(0) - gc0.G0}/{GC.CollectionCount(1) - gc0.G1}/{GC.CollectionCount(2) - gc0.G2}, pauses {(GC.GetTotalPauseDuration() - gc0.Pause).TotalMilliseconds:0} ms; " +
            $"managed heap {GC.GetTotalMemory(false) / 1048576.0:N0} MB; " +
            $"allocated {(GC.GetAllocatedBytesForCurrentThread() - gc0.Bytes) / 1024.0 / (warmup + demandCount):N0} KB per demand");

        // The 200-item list, end to end (sequential, as MatchingService.MatchDemandsAsync runs it).
        var list = demands.Skip(warmup + demandCount).Take(listSize).ToList();
        var listCpu = CpuClock.ThreadMilliseconds();
        var listClock = Stopwatch.StartNew();
        int listMatches = list.Sum(d => scorer.MatchCapabilities(d, index, new MatchOptions { Take = 10 }).Count);
        double listWall = listClock.Elapsed.TotalMilliseconds, listCpuMs = CpuClock.ThreadMilliseconds() - listCpu;
        Console.WriteLine($"# list of {list.Count}: {listWall:0} ms wall, {listCpuMs:0} ms CPU, {listMatches} matches; load average {CpuClock.LoadAverage()}");

        // --repeat K: score the measured demands K more times (to attach a profiler); --no-plain: stop before plain Lucene.
        for (int r = int.Parse(Option("--repeat", "0"), CultureInfo.InvariantCulture); r > 0; r--)
        {
            foreach (var d in demands.Skip(warmup).Take(demandCount))
            {
                scorer.MatchCapabilities(d, index, new MatchOptions { Take = 10 });
            }
        }
        if (args.Contains("--no-plain"))
        {
            return 0;
        }

        // Plain Lucene on the same profiles and demands.
        var plain = RunPlain(profiles, demands.Take(warmup + demandCount).ToList(), warmup);
        Console.WriteLine($"# plain measured; load average {CpuClock.LoadAverage()}");

        Console.WriteLine();
        Console.WriteLine($"| engine, {n:N0} profiles, top 10 | demands | mean ms | p50 ms | p95 ms | CPU mean ms | CPU p50 ms | CPU p95 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(ours.Row("ours (MatchScorer, reasons)"));
        Console.WriteLine(plain.Row("plain Lucene (CJKAnalyzer, one OR query, ids)"));
        Console.WriteLine();
        Console.WriteLine($"ratio plain / ours (higher = ours faster): wall mean {plain.Wall.Mean / ours.Wall.Mean:0.00}x, p95 {plain.Wall.P95 / ours.Wall.P95:0.00}x; " +
            $"CPU mean {plain.Cpu.Mean / ours.Cpu.Mean:0.00}x, p95 {plain.Cpu.P95 / ours.Cpu.P95:0.00}x");
        Console.WriteLine($"list of {list.Count} demands: {listWall / 1000:0.00} s wall, {listCpuMs / 1000:0.00} s CPU");
        Console.WriteLine($"targets: mean < 5 ms {(ours.Wall.Mean < 5 ? "met" : "MISSED")} (CPU {(ours.Cpu.Mean < 5 ? "met" : "MISSED")}), " +
            $"p95 < 15 ms {(ours.Wall.P95 < 15 ? "met" : "MISSED")} (CPU {(ours.Cpu.P95 < 15 ? "met" : "MISSED")}), " +
            $">= 2x plain {(plain.Cpu.Mean / ours.Cpu.Mean >= 2 ? "met" : "MISSED")} (CPU mean)");
        Console.WriteLine($"# load average at end: {CpuClock.LoadAverage()}");
        return 0;
    }

    /// <summary>
    /// A full compacting collection before measuring, as a long-running portal's index would have been: otherwise the
    /// first collections of the measured window promote what loading left behind (about 100 ms each at 100k profiles).
    /// </summary>
    internal static string SteadyState()
    {
        var clock = Stopwatch.StartNew();
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return $"full collection before measuring {clock.ElapsedMilliseconds} ms";
    }

    private sealed record Timings(Stats Wall, Stats Cpu, long Results)
    {
        public string Row(string engine) =>
            $"| {engine} | {Wall.Count} | {Wall.Mean:0.00} | {Wall.P50:0.00} | {Wall.P95:0.00} | {Cpu.Mean:0.00} | {Cpu.P50:0.00} | {Cpu.P95:0.00} |";
    }

    private sealed class Stats(List<double> values)
    {
        private readonly double[] _sorted = values.Order().ToArray();
        public int Count => _sorted.Length;
        public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();
        private double At(double p) => _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p * _sorted.Length) - 1, 0, _sorted.Length - 1)];
        public double P50 => At(0.50);
        public double P95 => At(0.95);
    }

    private static Timings Measure<T>(List<T> items, int warmup, Func<T, int> run)
    {
        var wall = new List<double>(items.Count);
        var cpu = new List<double>(items.Count);
        long results = 0;
        for (int i = 0; i < items.Count; i++)
        {
            var c0 = CpuClock.ThreadMilliseconds();
            var started = Stopwatch.GetTimestamp();
            int found = run(items[i]);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var c1 = CpuClock.ThreadMilliseconds();
            if (i < warmup)
            {
                continue;
            }
            wall.Add(ms);
            cpu.Add(c1 - c0);
            results += found;
        }
        return new Timings(new Stats(wall), new Stats(cpu), results);
    }

    private static Timings RunPlain(List<CapabilityDoc> profiles, List<DemandDoc> demands, int warmup)
    {
        var path = Path.Combine(Path.GetTempPath(), "mm-matchbench-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        try
        {
            using var directory = FSDirectory.Open(path);
            using var analyzer = new CJKAnalyzer(LuceneVersion.LUCENE_48);
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)))
            {
                foreach (var p in profiles)
                {
                    var doc = new Document
                    {
                        new StringField("id", p.Id, Field.Store.YES),
                        new TextField("title", p.Name, Field.Store.NO),
                        new TextField("body", p.Summary, Field.Store.NO),
                    };
                    foreach (var s in p.Skills)
                    {
                        doc.Add(new TextField("skills", s, Field.Store.NO));
                    }
                    writer.AddDocument(doc);
                }
                writer.Commit();
            }
            using var reader = DirectoryReader.Open(directory);
            var searcher = new IndexSearcher(reader);
            Console.WriteLine($"# plain: {SteadyState()}");
            BooleanQuery.MaxClauseCount = Math.Max(BooleanQuery.MaxClauseCount, 8192);
            var parser = new MultiFieldQueryParser(LuceneVersion.LUCENE_48, ["title", "body", "skills"], analyzer); // default operator OR
            var idOnly = new HashSet<string> { "id" };
            return Measure(demands, warmup, d =>
            {
                var query = parser.Parse(QueryParserBase.Escape(d.Title + " " + d.Description));
                var top = searcher.Search(query, 10);
                foreach (var hit in top.ScoreDocs)
                {
                    searcher.Doc(hit.Doc, idOnly);
                }
                return top.ScoreDocs.Length;
            });
        }
        finally
        {
            try { System.IO.Directory.Delete(path, true); } catch (IOException) { }
        }
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return relative;
    }
}
