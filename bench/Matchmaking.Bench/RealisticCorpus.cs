using System.Text.Json;
using System.Text.RegularExpressions;
using Matchmaking.Core.Search;

namespace Matchmaking.Bench;

/// <summary>
/// Synthetic documents whose words and sentences come from real Chinese technical text: the 1,000 paper
/// records in tests/data/csl-dev/profiles.jsonl (CSL dev split, Apache-2.0). Keywords are drawn from the
/// pool of every (paper, keyword) occurrence, so a keyword is as frequent across the synthetic documents as
/// it is across the real papers: the heavy-tailed distribution of real text (4,731 distinct keywords, the most
/// frequent in 2.1% of papers, most in one) instead of <see cref="Corpus"/>'s 3,200 terms where a
/// modifier such as 高温 is in 62% of documents. Body clauses are real abstract clauses (10.6k of them),
/// so common words keep their real density (研究 is in 46% of the real records). The fixed vocabulary
/// still makes this denser than a real 100k collection, which would keep finding new keywords.
/// </summary>
internal static partial class RealisticCorpus
{
    private const string DataFile = "tests/data/csl-dev/profiles.jsonl";

    private static readonly string[] TitleTemplates =
    [
        "基于{0}的{1}研究", "{0}对{1}的影响", "{0}在{1}中的应用", "{0}{1}技术攻关", "{0}与{1}", "{0}研究", "{0}的{1}优化", "面向{1}的{0}",
    ];

    private static readonly Lazy<(string[] Keywords, string[] Clauses)> Pools = new(Load);

    public static string Describe()
    {
        var (keywords, clauses) = Pools.Value;
        return $"csl: {keywords.Length:N0} keyword occurrences ({keywords.Distinct().Count():N0} distinct), {clauses.Length:N0} clauses from {DataFile}";
    }

    public static List<IndexDocument> Generate(int count, int seed = 42)
    {
        var (keywords, clauses) = Pools.Value;
        var random = new Random(seed);
        var docs = new List<IndexDocument>(count);
        var epoch = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < count; i++)
        {
            // Real papers carry 5.2 keywords on average.
            var skills = Enumerable.Range(0, random.Next(3, 8)).Select(_ => keywords[random.Next(keywords.Length)]).Distinct().ToList();
            var template = TitleTemplates[random.Next(TitleTemplates.Length)];
            var title = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, skills[0], skills.Count > 1 ? skills[1] : skills[0]);
            var body = new System.Text.StringBuilder();
            int sentences = random.Next(7, 14); // real abstracts: 209 characters, ~18 per clause
            for (int s = 0; s < sentences; s++)
            {
                // Abstracts name their own keywords now and then.
                body.Append(random.Next(4) == 0 ? "采用" + skills[random.Next(skills.Count)] : clauses[random.Next(clauses.Length)]);
                body.Append(s == sentences - 1 ? "。" : random.Next(4) == 0 ? "。" : "，");
            }
            docs.Add(new IndexDocument
            {
                Id = "r" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Title = title,
                Body = body.ToString(),
                Skills = skills,
                Facets = Corpus.Facets(random),
                Numbers = new Dictionary<string, double> { ["budget"] = Math.Round(random.NextDouble() * 5_000_000) },
                Dates = new Dictionary<string, DateTime>
                {
                    ["published"] = epoch.AddMinutes(random.Next(0, 60 * 24 * 700)),
                    ["deadline"] = epoch.AddDays(random.Next(30, 900)),
                },
            });
        }
        return docs;
    }

    /// <summary>The same query shape as <see cref="Corpus.Queries"/>: 1–10 of a document's keywords, 1 in 6 replaced by a random one.</summary>
    public static List<string> Queries(IReadOnlyList<IndexDocument> docs, int count, int seed = 7)
    {
        var keywords = Pools.Value.Keywords;
        var random = new Random(seed);
        var queries = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            var pool = docs[random.Next(docs.Count)].Skills;
            int terms = random.Next(5) == 0 ? random.Next(4, 11) : random.Next(1, 4);
            var words = new List<string>();
            for (int t = 0; t < terms; t++)
            {
                words.Add(random.Next(6) == 0 ? keywords[random.Next(keywords.Length)] : pool[random.Next(pool.Count)]);
            }
            queries.Add(string.Join(' ', words));
        }
        return queries;
    }

    private static (string[] Keywords, string[] Clauses) Load()
    {
        var path = Find(DataFile) ?? throw new FileNotFoundException($"{DataFile} not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
        var keywords = new List<string>();
        var clauses = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            // A keyword with spaces would be several query words; the benchmark's queries are space-separated.
            keywords.AddRange(root.GetProperty("skills").EnumerateArray()
                .Select(s => s.GetString()?.Trim().Replace(' ', '-') ?? "").Where(s => s.Length > 0).Distinct());
            clauses.AddRange(ClauseBreak().Split(root.GetProperty("summary").GetString() ?? "").Select(c => c.Trim()).Where(c => c.Length >= 4));
        }
        return (keywords.ToArray(), clauses.ToArray());
    }

    private static string? Find(string relative)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    [GeneratedRegex("[，。；,;.：:！？!?]")]
    private static partial Regex ClauseBreak();
}
