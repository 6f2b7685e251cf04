using Matchmaking.Application.Taxonomy;

namespace Matchmaking.Web.Components.Pages.Challenges;

/// <summary>The vocabularies the challenge form offers, loaded once per page.</summary>
internal sealed record ChallengeFormOptions(IReadOnlyList<IndustryChain> Chains, IReadOnlyList<ResearchField> Fields, IReadOnlyList<string> Skills)
{
    public static async Task<ChallengeFormOptions> LoadAsync(TaxonomyService taxonomy)
    {
        var chains = await taxonomy.ChainsAsync();
        var fields = await taxonomy.FieldsAsync();
        var skills = await taxonomy.SkillsAsync();
        var names = skills.Select(s => s.Name).Concat(skills.SelectMany(s => s.Synonyms)).Where(n => !string.IsNullOrWhiteSpace(n))
            .Distinct().ToList();
        return new ChallengeFormOptions(chains, fields, names);
    }
}
