namespace Matchmaking.Core.Search;

/// <summary>Lucene field names; facets, numbers and dates are prefixed so caller names cannot collide.</summary>
public static class FieldNames
{
    public const string Id = "id";

    /// <summary>
    /// Title and skills are not indexed fields of their own: the parser's weighting query names them,
    /// and <see cref="TitleSkillsScorer"/> evaluates it against each top hit's title and skills.
    /// </summary>
    public const string Title = "title";
    public const string Skills = "skills";

    /// <summary>Stored only when the body does not fit in the hit record (<see cref="Hit"/>).</summary>
    public const string Body = "body";

    /// <summary>
    /// The one indexed text field: title, skills and body, with position gaps between them (and pairs
    /// of adjacent Latin words, see <see cref="LatinWordPairFilter"/>). Every query matches here.
    /// </summary>
    public const string All = "all";

    /// <summary>
    /// Id, title and body for showing a hit, in one binary doc value (see <see cref="HitRecord"/>):
    /// reading them costs a seek instead of decompressing a stored-fields chunk per hit, and one doc
    /// value instead of three costs less to write. A body too long for a doc value (the record may
    /// not exceed 32,766 bytes) is stored instead, and a marker takes its place in the record.
    /// </summary>
    internal const string Hit = "h";

    internal const string FacetPrefix = "f.";

    public static string Facet(string name) => FacetPrefix + name;
    public static string Number(string name) => "n." + name;
    public static string Date(string name) => "d." + name;
}
