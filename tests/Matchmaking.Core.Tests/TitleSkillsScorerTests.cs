using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Matchmaking.Core.Search;

namespace Matchmaking.Core.Tests;

/// <summary>
/// The in-memory title/skills score must be what Lucene's BM25 gives for the same query over real
/// title and skills fields: same idf (a shared table), the scorer's fixed average lengths, and field
/// lengths stored without Lucene's lossy one-byte encoding.
/// </summary>
public class TitleSkillsScorerTests
{
    private static readonly (string Title, string[] Skills)[] Docs =
    [
        ("熔盐泵", ["长轴泵"]),
        ("熔盐泵密封与轴承寿命提升及高温材料", ["熔盐泵", "机械密封"]),
        ("高温熔盐泵与熔盐泵体", []),
        ("Molten salt pump for CSP plants", ["pump seal", "molten salt"]),
        ("盐泵与熔盐", ["泵"]),
        ("高镍三元正极材料量产", ["NCM811 coating", "正极材料"]),
        ("无关标题", ["无关技能"]),
    ];

    private static readonly SynonymSet Synonyms = new([["熔盐泵", "高温熔盐泵", "molten salt pump"]]);

    [Theory]
    [InlineData("熔盐泵")]
    [InlineData("高温熔盐泵")]
    [InlineData("molten salt pump")]
    [InlineData("\"pump seal\"")]
    [InlineData("熔盐泵 密封 -材料")]
    [InlineData("泵")]
    [InlineData("pump OR 正极材料")]
    [InlineData("熔盐泵密封与轴承寿命提升及高温材料")]
    public void Score_EqualsLuceneBm25_OverRealFields(string typed)
    {
        var analyzer = new MatchmakingAnalyzer { LatinWordPairs = true };
        var parser = new SafeQueryParser(new MatchmakingAnalyzer(), Synonyms, expandSingleCjkCharacters: true, matchField: FieldNames.All, latinWordPairs: true);
        var scoring = parser.Parse(typed).Scoring;
        Assert.NotNull(scoring);

        // Any idf will do, as long as both sides use the same one.
        static float Idf(string term) => 1f + (term.GetHashCode(StringComparison.Ordinal) & 0xFF) / 64f;

        using var dir = new RAMDirectory();
        var similarity = new ExactLengthBm25(Idf);
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(MatchmakingAnalyzer.Version, analyzer) { Similarity = similarity }))
        {
            foreach (var (title, skills) in Docs)
            {
                var doc = new Document { new TextField(FieldNames.Title, title, Field.Store.NO) };
                foreach (var skill in skills)
                {
                    doc.Add(new TextField(FieldNames.Skills, skill, Field.Store.NO));
                }
                writer.AddDocument(doc);
            }
        }
        using var reader = DirectoryReader.Open(dir);
        var searcher = new IndexSearcher(reader) { Similarity = similarity };
        var lucene = searcher.Search(WithSynonymRule(scoring, Idf), Docs.Length).ScoreDocs.ToDictionary(d => d.Doc, d => d.Score);

        var scorer = new TitleSkillsScorer(scoring, Idf);
        int matched = 0;
        for (int i = 0; i < Docs.Length; i++)
        {
            var ours = scorer.Score(TitleSkillsTokens.Analyze(analyzer, Docs[i].Title, string.Join(HitRecord.SkillSeparator, Docs[i].Skills)));
            float expected = lucene.GetValueOrDefault(i);
            Assert.True(Math.Abs(ours - expected) <= 1e-4f * Math.Max(1f, expected), $"{typed} | doc {i}: ours {ours}, Lucene {expected} | {scoring}");
            matched += expected > 0 ? 1 : 0;
        }
        Assert.True(matched > 0, "the query should match some document: " + scoring);
    }

    /// <summary>
    /// The scorer's one departure from BM25, written as Lucene boosts: a synonym's other forms weigh with
    /// the idf of the form typed (the distinct terms of the group's first clause) instead of their own.
    /// </summary>
    private static Query WithSynonymRule(Query query, Func<string, float> idf)
    {
        static IEnumerable<Term> Terms(Query q) => q switch
        {
            TermQuery t => [t.Term],
            PhraseQuery p => p.GetTerms(),
            BooleanQuery b => b.Clauses.SelectMany(c => Terms(c.Query)),
            DisjunctionMaxQuery d => d.Disjuncts.SelectMany(Terms),
            _ => [],
        };
        // Every disjunct of a form holds the same terms (one per field): the form's own idf sum is one disjunct's.
        static Query FirstPhrase(Query q) => q is DisjunctionMaxQuery d ? d.Disjuncts[0] : q;
        switch (query)
        {
            case SynonymGroupQuery group:
                float typed = Terms(group.Clauses[0].Query).Select(t => t.Text).Distinct().Sum(idf);
                var copy = new BooleanQuery { Boost = group.Boost };
                for (int i = 0; i < group.Clauses.Count; i++)
                {
                    var form = (Query)group.Clauses[i].Query.Clone();
                    if (i > 0)
                    {
                        form.Boost *= typed / Terms(FirstPhrase(form)).Sum(t => idf(t.Text));
                    }
                    copy.Add(form, group.Clauses[i].Occur);
                }
                return copy;
            case BooleanQuery boolean:
                var rebuilt = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost, MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch };
                foreach (var clause in boolean.Clauses)
                {
                    rebuilt.Add(WithSynonymRule(clause.Query, idf), clause.Occur);
                }
                return rebuilt;
            default:
                return query;
        }
    }

    /// <summary>BM25 with the scorer's average lengths, an idf by term text, and lengths stored exactly.</summary>
    private sealed class ExactLengthBm25(Func<string, float> idf) : BM25Similarity
    {
        protected override float AvgFieldLength(CollectionStatistics collectionStats) =>
            collectionStats.Field == FieldNames.Skills ? TitleSkillsScorer.AverageSkillsLength : TitleSkillsScorer.AverageTitleLength;

        protected override byte EncodeNormValue(float boost, int fieldLength) => (byte)Math.Min(fieldLength, 255);

        protected override float DecodeNormValue(byte b) => b;

        public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics termStats) =>
            new(idf(termStats.Term.Utf8ToString()), "idf");

        public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics[] termStats) =>
            new(termStats.Sum(t => idf(t.Term.Utf8ToString())), "idf, summed over a phrase's terms");
    }
}
