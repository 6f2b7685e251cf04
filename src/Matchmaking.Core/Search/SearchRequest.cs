namespace Matchmaking.Core.Search;

public enum SearchSort
{
    /// <summary>Best match first; an empty query falls back to <see cref="Newest"/>.</summary>
    Relevance,
    /// <summary>Earliest "deadline" first; documents without one last.</summary>
    DeadlineAsc,
    /// <summary>Largest "budget" first; documents without one last.</summary>
    BudgetDesc,
    /// <summary>Latest "published" first; documents without one last.</summary>
    Newest,
}

public sealed record SearchRequest
{
    public const int MaxTake = 100;
    /// <summary>Deepest result a page may reach (Skip + Take).</summary>
    public const int MaxWindow = 10_000;

    /// <summary>What a person typed; null or blank matches everything (filtered).</summary>
    public string? Query { get; init; }

    /// <summary>Facet → allowed values: AND across facets, OR within one.</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Filters { get; init; } =
        new Dictionary<string, IReadOnlyCollection<string>>();

    /// <summary>Number name → inclusive bounds; a document without the number never matches a range.</summary>
    public IReadOnlyDictionary<string, (double? Min, double? Max)> NumberRanges { get; init; } =
        new Dictionary<string, (double? Min, double? Max)>();

    /// <summary>Date name → inclusive bounds; a document without the date never matches a range.</summary>
    public IReadOnlyDictionary<string, (DateTime? From, DateTime? To)> DateRanges { get; init; } =
        new Dictionary<string, (DateTime? From, DateTime? To)>();

    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int Skip { get; init; }
    /// <summary>Page size, clamped to 1..100.</summary>
    public int Take { get; init; } = 20;

    /// <summary>Facets to count over all matching documents.</summary>
    public IReadOnlyCollection<string> FacetFields { get; init; } = [];
}

public sealed record SearchHit(string Id, float Score, string TitleHighlighted, string Snippet);

public sealed record FacetCount(string Value, int Count);

public sealed record SearchResults
{
    public int Total { get; init; }
    public IReadOnlyList<SearchHit> Hits { get; init; } = [];

    /// <summary>
    /// Facet → (value, count), count descending then value. A facet that is itself filtered is
    /// counted with its own filter removed (the other filters and the query still apply), so the
    /// alternatives stay visible.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets { get; init; } =
        new Dictionary<string, IReadOnlyList<FacetCount>>();

    /// <summary>Why the query was not used exactly as typed, if it was not.</summary>
    public IReadOnlyList<SearchNotice> Notices { get; init; } = [];

    /// <summary>The notices in Chinese; null when there are none.</summary>
    public string? Message => SearchNotice.ChineseText(Notices);

    /// <summary>The Lucene query actually run, for debugging.</summary>
    public string ParsedQuery { get; init; } = "";
}
