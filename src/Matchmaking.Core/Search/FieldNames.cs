namespace Matchmaking.Core.Search;

/// <summary>Lucene field names; facets, numbers and dates are prefixed so caller names cannot collide.</summary>
public static class FieldNames
{
    public const string Id = "id";
    public const string Title = "title";
    public const string Skills = "skills";
    public const string Body = "body";

    internal const string FacetPrefix = "f.";

    public static string Facet(string name) => FacetPrefix + name;
    public static string Number(string name) => "n." + name;
    public static string Date(string name) => "d." + name;
}
