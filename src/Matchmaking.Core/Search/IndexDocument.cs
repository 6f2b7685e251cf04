namespace Matchmaking.Core.Search;

/// <summary>One searchable record (a challenge or a capability profile), mapped by the caller.</summary>
public sealed record IndexDocument
{
    public required string Id { get; init; }
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>Facet name → values, e.g. "chain", "node", "bottleneck", "field", "region", "status", "budgetBand".</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Facets { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Numbers for sorting and range filters, e.g. "budget".</summary>
    public IReadOnlyDictionary<string, double> Numbers { get; init; } = new Dictionary<string, double>();

    /// <summary>Dates for sorting and range filters, e.g. "deadline", "published". Stored as UTC ticks.</summary>
    public IReadOnlyDictionary<string, DateTime> Dates { get; init; } = new Dictionary<string, DateTime>();
}
