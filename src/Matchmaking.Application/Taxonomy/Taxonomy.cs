using Matchmaking.Application.Common;

namespace Matchmaking.Application.Taxonomy;

public enum ChainSegment { Upstream = 1, Midstream = 2, Downstream = 3 }

/// <summary>产业链: one of the province's priority industry chains.</summary>
public class IndustryChain
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? EnglishName { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
    public List<ChainNode> Nodes { get; set; } = [];

    public static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50)
            throw new DomainException("chain_name", L("产业链名称应为1–50个字符", "A chain name has 1–50 characters"));
    }
}

/// <summary>环节: an ordered node of a chain, in its upstream / midstream / downstream segment.</summary>
public class ChainNode
{
    public int Id { get; set; }
    public int ChainId { get; set; }
    public IndustryChain? Chain { get; set; }
    public string Name { get; set; } = "";
    public string? EnglishName { get; set; }
    public ChainSegment Segment { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>学科: a GB/T 13745 discipline, e.g. 480 能源科学技术; first level is the first three digits.</summary>
public class ResearchField
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? EnglishName { get; set; }

    public static string FirstLevel(string code) => code.Length >= 3 ? code[..3] : code;
}

/// <summary>技术标签: a canonical skill term with synonyms and an English alias.</summary>
public class Skill
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? EnglishName { get; set; }
    public List<string> Synonyms { get; set; } = [];
    public List<string> FieldCodes { get; set; } = [];

    /// <summary>Every surface form that names this skill (canonical, synonyms, English), for normalising free text.</summary>
    public IEnumerable<string> AllForms()
    {
        yield return Name;
        foreach (var s in Synonyms) yield return s;
        if (!string.IsNullOrWhiteSpace(EnglishName)) yield return EnglishName;
    }
}

/// <summary>Normalises free-text skills to canonical names: exact form match, case- and width-insensitive.</summary>
public sealed class SkillVocabulary
{
    private readonly Dictionary<string, string> _canonicalByForm = new(StringComparer.OrdinalIgnoreCase);

    public SkillVocabulary(IEnumerable<Skill> skills)
    {
        foreach (var skill in skills)
            foreach (var form in skill.AllForms())
                _canonicalByForm.TryAdd(Key(form), skill.Name);
    }

    public string Normalize(string raw)
    {
        var trimmed = raw.Trim();
        return _canonicalByForm.TryGetValue(Key(trimmed), out var canonical) ? canonical : trimmed;
    }

    public List<string> NormalizeAll(IEnumerable<string> raw) =>
        raw.Where(s => !string.IsNullOrWhiteSpace(s)).Select(Normalize).Distinct().ToList();

    private static string Key(string s) => s.Trim().Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant();
}
