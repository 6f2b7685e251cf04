namespace Matchmaking.Web.Components.Pages.Search;

/// <summary>One facet shown in the <see cref="FacetPanel"/>: <paramref name="Key"/> is the URL/selection key,
/// <paramref name="FacetName"/> the index facet whose counts it shows (defaults to the key); <paramref name="Order"/>
/// fixes the value order (e.g. budget bands ascending) instead of count-descending.</summary>
public sealed record FacetGroup(string Key, string Title, string? FacetName = null, IReadOnlyList<string>? Order = null)
{
    public string CountsKey => FacetName ?? Key;
}

/// <summary>An active filter that is not a facet value (query text, a date bound): shown as a removable chip, before the
/// facet chips or, with <paramref name="AfterFacets"/>, after them.</summary>
public sealed record FilterChip(string Key, string Text, bool AfterFacets = false);

/// <summary>Selected values per facet key.</summary>
public static class FacetSelection
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Empty = new Dictionary<string, IReadOnlyList<string>>();

    public static IReadOnlyList<string> Of(IReadOnlyDictionary<string, IReadOnlyList<string>> selected, string key) =>
        selected.TryGetValue(key, out var v) ? v : [];

    /// <summary>A copy with <paramref name="value"/> added to or removed from <paramref name="key"/>'s values.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> With(
        IReadOnlyDictionary<string, IReadOnlyList<string>> selected, string key, string value, bool on)
    {
        var copy = selected.ToDictionary(kv => kv.Key, kv => kv.Value);
        var values = Of(selected, key).Where(v => v != value).ToList();
        if (on) values.Add(value);
        if (values.Count == 0) copy.Remove(key);
        else copy[key] = values;
        return copy;
    }

    /// <summary>Cleans raw URL values: trims, drops blanks and duplicates, caps the count (a URL is user input).</summary>
    public static string[] Clean(string[]? values, int max = 50) =>
        values is null ? [] : values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Where(v => v.Length <= 100)
            .Distinct().Take(max).ToArray();
}
