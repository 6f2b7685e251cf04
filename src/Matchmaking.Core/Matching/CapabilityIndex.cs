using Matchmaking.Core.Search;

namespace Matchmaking.Core.Matching;

/// <summary>
/// The capability profiles a demand is matched against, all in memory: an inverted index (CJK bigrams
/// and words) that finds candidates, and the features (analysed fields, normalised skills, discipline
/// codes, skill and term document frequencies, achievement texts, a discipline model) that
/// <see cref="MatchScorer"/> scores them with. Nothing is persisted: the caller loads every profile
/// with <see cref="Upsert"/>, as at start-up from the database.
/// Searches may run concurrently; writes take an exclusive lock.
/// </summary>
public sealed class CapabilityIndex : IDisposable
{
    internal ItemStore Store { get; }

    public CapabilityIndex(SynonymSet? synonyms = null)
    {
        Store = new ItemStore(synonyms ?? SynonymSet.Empty);
    }

    public SynonymSet Synonyms => Store.Synonyms;

    public int Count => Store.Count;

    public void Add(IEnumerable<CapabilityDoc> profiles) => Upsert(profiles);

    /// <summary>Adds the profiles, replacing any with the same id.</summary>
    public void Upsert(IEnumerable<CapabilityDoc> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        Store.Upsert(profiles.Select(ToItem).ToList());
    }

    public bool Delete(string id) => Store.Delete(id);

    public CapabilityDoc? Get(string id) => Store.TryGet(id, out var item) ? (CapabilityDoc)item.Source : null;

    private MatchItem ToItem(CapabilityDoc p) => ItemStore.FromCapability(Store, p);

    public void Dispose() => Store.Dispose();
}

/// <summary>The demands (challenges, demand-list items) a capability profile is matched against; see <see cref="CapabilityIndex"/>.</summary>
public sealed class DemandIndex : IDisposable
{
    internal ItemStore Store { get; }

    public DemandIndex(SynonymSet? synonyms = null)
    {
        Store = new ItemStore(synonyms ?? SynonymSet.Empty);
    }

    public SynonymSet Synonyms => Store.Synonyms;

    public int Count => Store.Count;

    public void Add(IEnumerable<DemandDoc> demands) => Upsert(demands);

    public void Upsert(IEnumerable<DemandDoc> demands)
    {
        ArgumentNullException.ThrowIfNull(demands);
        Store.Upsert(demands.Select(ToItem).ToList());
    }

    public bool Delete(string id) => Store.Delete(id);

    public DemandDoc? Get(string id) => Store.TryGet(id, out var item) ? (DemandDoc)item.Source : null;

    private MatchItem ToItem(DemandDoc d) => ItemStore.FromDemand(Store, d);

    public void Dispose() => Store.Dispose();
}
