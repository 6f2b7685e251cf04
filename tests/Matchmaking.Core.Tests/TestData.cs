using Matchmaking.Core.Search;

namespace Matchmaking.Core.Tests;

internal static class TestData
{
    public static IndexDocument Doc(
        string id,
        string title,
        string body = "",
        string[]? skills = null,
        Dictionary<string, IReadOnlyList<string>>? facets = null,
        double? budget = null,
        DateTime? deadline = null,
        DateTime? published = null)
    {
        var numbers = new Dictionary<string, double>();
        if (budget is { } b) numbers["budget"] = b;
        var dates = new Dictionary<string, DateTime>();
        if (deadline is { } d) dates["deadline"] = d;
        if (published is { } p) dates["published"] = p;
        return new IndexDocument
        {
            Id = id,
            Title = title,
            Body = body,
            Skills = skills ?? [],
            Facets = facets ?? new Dictionary<string, IReadOnlyList<string>>(),
            Numbers = numbers,
            Dates = dates,
        };
    }

    public static SearchIndex InMemory(SynonymSet? synonyms = null, SearchIndexOptions? options = null)
        => new(new Lucene.Net.Store.RAMDirectory(), synonyms, options);

    public static string[] Ids(SearchResults results) => results.Hits.Select(h => h.Id).ToArray();
}

/// <summary>A temporary folder removed after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mm-core-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
