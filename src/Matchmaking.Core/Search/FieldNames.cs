namespace Matchmaking.Core.Search;

/// <summary>Lucene field names; facets, numbers and dates are prefixed so caller names cannot collide.</summary>
public static class FieldNames
{
    public const string Id = "id";
    public const string Title = "title";
    public const string Skills = "skills";
    public const string Body = "body";

    /// <summary>
    /// Catch-all text field (title, skills and body, indexed once more with position gaps between
    /// them) used to match queries. Body text is stored but matched only through this field.
    /// </summary>
    public const string All = "all";

    /// <summary>
    /// Id, title and body for showing a hit, as binary doc values: reading them costs a seek instead
    /// of decompressing a stored-fields chunk per hit. A body too long for a doc value (over 32,766 UTF-8
    /// bytes) is stored instead, and its doc value left empty.
    /// </summary>
    internal const string HitId = "h.id", HitTitle = "h.title", HitBody = "h.body";

    internal const string FacetPrefix = "f.";

    public static string Facet(string name) => FacetPrefix + name;
    public static string Number(string name) => "n." + name;
    public static string Date(string name) => "d." + name;
}
