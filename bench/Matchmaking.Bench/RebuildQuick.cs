using System.Diagnostics;
using Matchmaking.Core.Search;

namespace Matchmaking.Bench;

/// <summary>Repeated full rebuilds of one corpus: wall, CPU, allocations and GC counts per run (for A/B of rebuild changes).</summary>
internal static class RebuildQuick
{
    public static void Run(int n, string corpus, int repeats, int threads)
    {
        var docs = corpus == "csl" ? RealisticCorpus.Generate(n) : Corpus.Generate(n);
        var options = new SearchIndexOptions();
        if (threads > 0) options = options with { RebuildThreads = threads };
        if (Environment.GetEnvironmentVariable("MM_RAM") is { } ram) options = options with { RamBufferSizeMB = double.Parse(ram, System.Globalization.CultureInfo.InvariantCulture) };
        Console.WriteLine($"# rebuild-quick {corpus} {n} docs, threads {options.RebuildThreads}, RAM {options.RamBufferSizeMB} MB, server GC {System.Runtime.GCSettings.IsServerGC}, load {CpuClock.LoadAverage()}");
        void Once(string name, IReadOnlyList<IndexDocument> source)
        {
            var path = Path.Combine(Path.GetTempPath(), "mm-rq-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var index = SearchIndex.OpenFs(path, null, options);
                GC.Collect();
                var g0 = GC.CollectionCount(0); var g1 = GC.CollectionCount(1); var g2 = GC.CollectionCount(2);
                var alloc = GC.GetTotalAllocatedBytes(true);
                var pause = GC.GetTotalPauseDuration();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                index.Rebuild(source, 1, null, CancellationToken.None);
                double wall = clock.Elapsed.TotalSeconds;
                double cpuS = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var segs = index.WithSearcherForProfiling(s => s.IndexReader.Leaves.Count);
                Console.WriteLine($"{name,-8} {source.Count / wall,8:N0} docs/s wall {source.Count / cpuS,8:N0} docs/CPU-s  alloc {(GC.GetTotalAllocatedBytes(true) - alloc) / (double)source.Count / 1024:0.0} KB/doc  GCs {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2} pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:0} ms  segs {segs}  MB {Directory.EnumerateFiles(path).Sum(f => new FileInfo(f).Length) / 1e6:0.0}");
            }
            finally
            {
                Directory.Delete(path, true);
            }
        }
        using var sampler = Environment.GetEnvironmentVariable("MM_ALLOC") == "1" ? new AllocationSampler() : null;
        Once("warm-up", docs.Take(int.Parse(Environment.GetEnvironmentVariable("MM_WARM") ?? "5000", System.Globalization.CultureInfo.InvariantCulture)).ToList());
        for (int r = 0; r < repeats; r++)
        {
            if (sampler is not null) sampler.Enabled = true;
            Once($"run {r + 1}", docs);
            if (sampler is not null) { sampler.Enabled = false; sampler.Print(docs.Count); }
        }
        Console.WriteLine($"# load at end {CpuClock.LoadAverage()}");
    }
}
