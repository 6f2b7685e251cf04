using Matchmaking.Application.Taxonomy;

namespace Matchmaking.Web.Components.Pages.Admin;

/// <summary>What the taxonomy dialogs edit; the page turns them into TaxonomyService calls.</summary>
public sealed class ChainEdit
{
    public string Name { get; set; } = "";
    public string? EnglishName { get; set; }
    public string? Description { get; set; }
}

public sealed class NodeEdit
{
    public string Name { get; set; } = "";
    public string? EnglishName { get; set; }
    public ChainSegment Segment { get; set; } = ChainSegment.Midstream;
}

public sealed class FieldEdit
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? EnglishName { get; set; }
}

public sealed class SkillEdit
{
    public string Name { get; set; } = "";
    public string? EnglishName { get; set; }
    public List<string> Synonyms { get; set; } = [];
    public IReadOnlyCollection<string> FieldCodes { get; set; } = [];
}
