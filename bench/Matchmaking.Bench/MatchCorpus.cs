using System.Text.Json;
using Matchmaking.Core.Matching;

namespace Matchmaking.Bench;

/// <summary>
/// Real-text material for the match benchmark, from the CSL papers in tests/data/csl-dev (Apache-2.0):
/// profiles are recombined papers, demands are whole papers (title + abstract).
/// </summary>
internal static class MatchCorpus
{
    private sealed record Paper(string Id, string Name, string Summary, string[] Skills);

    private static readonly string[] OrgTypes = ["University", "ResearchInstitute", "Enterprise"];
    private static readonly string[] Regions = ["620100", "620200", "620300", "620400", "620500", "620600", "620700", "620800", "620900", "621000", "110000", "310000", "440300"];

    private static List<Paper> ReadPapers(string path)
    {
        var json = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return File.ReadLines(path).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<Paper>(l, json)!)
            .ToList();
    }

    /// <summary>
    /// <paramref name="count"/> profiles, each built around one CSL paper (cycled, so every paper is the
    /// base of count/1000 profiles): its title, plus one keyword of another paper in one profile of two;
    /// a summary of 3–6 sentences drawn from the base abstract and two random other abstracts; the base
    /// keywords plus 0–2 random ones; a discipline code fixed by the base paper (60 codes, 12 first
    /// levels); random organisation type and region; 0–3 achievements titled after other papers.
    /// Fixed seed: the same corpus every run.
    /// </summary>
    public static List<CapabilityDoc> Profiles(string cslProfiles, int count, int seed = 42)
    {
        var papers = ReadPapers(cslProfiles);
        var sentences = papers.Select(p => Sentences(p.Summary)).ToArray();
        var random = new Random(seed);
        var profiles = new List<CapabilityDoc>(count);
        for (int i = 0; i < count; i++)
        {
            int b = i % papers.Count;
            var basePaper = papers[b];
            var other = papers[random.Next(papers.Count)];
            var title = basePaper.Name;
            if (random.Next(2) == 0 && other.Skills.Length > 0)
            {
                title += "与" + other.Skills[random.Next(other.Skills.Length)];
            }
            var pool = sentences[b].Concat(sentences[random.Next(papers.Count)]).Concat(sentences[random.Next(papers.Count)]).ToArray();
            random.Shuffle(pool);
            var summary = string.Concat(pool.Take(random.Next(3, 7)));
            var skills = basePaper.Skills.Concat(Enumerable.Range(0, random.Next(3)).Select(_ =>
            {
                var p = papers[random.Next(papers.Count)];
                return p.Skills.Length == 0 ? "" : p.Skills[random.Next(p.Skills.Length)];
            })).Where(s => s.Length > 0).Distinct().ToArray();
            int code = b % 60;
            profiles.Add(new CapabilityDoc
            {
                Id = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Name = title,
                Summary = summary,
                Skills = skills,
                FieldCodes = [$"{410 + code / 5}{10 + code % 5 * 10}"],
                OrgType = OrgTypes[random.Next(OrgTypes.Length)],
                RegionCode = Regions[random.Next(Regions.Length)],
                Achievements = Enumerable.Range(0, random.Next(4)).Select(_ =>
                    new Achievement(random.Next(2) == 0 ? "paper" : "patent", papers[random.Next(papers.Count)].Name, 2015 + random.Next(11))).ToArray(),
            });
        }
        return profiles;
    }

    /// <summary>Long demands: a CSL paper's title and its abstract (a few hundred characters), no skills or codes, open to all.</summary>
    public static List<DemandDoc> Demands(string cslProfiles, int count, int seed = 7)
    {
        var papers = ReadPapers(cslProfiles);
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var p = papers[random.Next(papers.Count)];
            return new DemandDoc { Id = "d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Title = p.Name, Description = p.Summary };
        }).ToList();
    }

    private static string[] Sentences(string text)
    {
        var list = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '。' or '；' or '.' && (i + 1 == text.Length || !char.IsDigit(text[i + 1])))
            {
                if (i + 1 - start > 4)
                {
                    list.Add(text[start..(i + 1)]);
                }
                start = i + 1;
            }
        }
        if (text.Length - start > 4)
        {
            list.Add(text[start..]);
        }
        return list.ToArray();
    }
}
