using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Matchmaking.Bench;

/// <summary>Samples allocations by type from the runtime's GC AllocationTick events (one per ~100 KB allocated).</summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();
    public bool Enabled { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Enabled || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }
        int typeAt = e.PayloadNames!.IndexOf("TypeName");
        int amountAt = e.PayloadNames.IndexOf("AllocationAmount64");
        if (typeAt < 0) return;
        var type = e.Payload[typeAt] as string ?? "?";
        long amount = amountAt >= 0 ? Convert.ToInt64(e.Payload[amountAt]) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
    }

    public void Print(int docs)
    {
        foreach (var (type, bytes) in _bytes.OrderByDescending(kv => kv.Value).Take(15))
        {
            Console.WriteLine($"  {bytes / (double)docs / 1024,8:0.00} KB/doc  {type}");
        }
        _bytes.Clear();
    }
}
