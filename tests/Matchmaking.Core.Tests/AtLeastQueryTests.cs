using Lucene.Net.Index;
using Lucene.Net.Search;
using Matchmaking.Core.Search;

namespace Matchmaking.Core.Tests;

/// <summary>
/// <see cref="AtLeastQuery"/> must match and score exactly as Lucene's own BooleanQuery with
/// MinimumNumberShouldMatch does under BM25, with deleted documents, filters and every way a filter is applied.
/// </summary>
public sealed class AtLeastQueryTests : IDisposable
{
    private const string Field = SkewedIndex.Field;

    // 600 documents of up to 12 words, four segments, every seventh document deleted.
    private readonly SkewedIndex _index = new(seed: 7, documents: 600, vocabulary: 24, maxWords: 12, commitAfter: i => i % 150 == 149, deleted: i => i % 7 == 0);
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public AtLeastQueryTests()
    {
        _reader = _index.Reader;
        _searcher = _index.Searcher;
    }

    private string[] Words => _index.Words;

    public void Dispose() => _index.Dispose();

    [Fact]
    public void MatchesAndScores_AsBooleanMinimumShouldMatch()
    {
        Assert.True(_reader.Leaves.Count > 1);
        Assert.True(_reader.HasDeletions);
        var random = new Random(11);
        int compared = 0;
        for (int round = 0; round < 300; round++)
        {
            var clauses = RandomClauses(random);
            int minimum = 1 + random.Next(clauses.Count);
            var expected = Boolean(clauses, minimum);
            var actual = new AtLeastQuery(clauses, minimum);
            compared += AssertSameHits(_searcher.Search(expected, 1000), _searcher.Search(actual, 1000), actual);
        }
        Assert.True(compared > 3000, $"only {compared} hits compared");
    }

    [Fact]
    public void Filtered_MatchesAsBoolean_WhicheverWayTheFilterIsApplied()
    {
        var random = new Random(13);
        var filter = new QueryWrapperFilter(new TermQuery(new Term(Field, "w1")));
        var strategies = new[]
        {
            FilteredQuery.RANDOM_ACCESS_FILTER_STRATEGY,
            FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY, // the filter leads: AtLeastQuery's scorer is advanced
            FilteredQuery.LEAP_FROG_QUERY_FIRST_STRATEGY,
            FilteredQuery.QUERY_FIRST_FILTER_STRATEGY,
        };
        for (int round = 0; round < 60; round++)
        {
            var clauses = RandomClauses(random);
            int minimum = 1 + random.Next(clauses.Count);
            foreach (var strategy in strategies)
            {
                var actual = new AtLeastQuery(clauses, minimum);
                AssertSameHits(
                    _searcher.Search(new FilteredQuery(Boolean(clauses, minimum), filter, strategy), 1000),
                    _searcher.Search(new FilteredQuery(actual, filter, strategy), 1000),
                    actual);
            }
        }
    }

    [Fact]
    public void Explain_AgreesWithTheSearch()
    {
        var query = new AtLeastQuery([Term("w0"), Term("w3"), Term("w9"), Term("w15")], 2);
        var hits = _searcher.Search(query, 1000).ScoreDocs.ToDictionary(d => d.Doc, d => d.Score);
        Assert.NotEmpty(hits);
        for (int doc = 0; doc < _reader.MaxDoc; doc += 5)
        {
            var explanation = _searcher.Explain(query, doc);
            bool live = Lucene.Net.Index.MultiFields.GetLiveDocs(_reader)?.Get(doc) ?? true;
            Assert.Equal(live && hits.ContainsKey(doc), explanation.IsMatch);
            if (explanation.IsMatch)
            {
                Assert.Equal(hits[doc], explanation.Value, 4);
            }
        }
    }

    [Fact]
    public void Minimum_MustBeBetweenOneAndTheClauses()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AtLeastQuery([Term("w1"), Term("w2")], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AtLeastQuery([Term("w1"), Term("w2")], 3));
        Assert.Equal(new AtLeastQuery([Term("w1"), Term("w2")], 2), new AtLeastQuery([Term("w1"), Term("w2")], 2));
        Assert.NotEqual(new AtLeastQuery([Term("w1"), Term("w2")], 2), new AtLeastQuery([Term("w1"), Term("w2")], 1));
    }

    private static TermQuery Term(string word) => SkewedIndex.Term(word);

    /// <summary>Terms, conjunctions, phrases and disjunctions, some of words that are in no document.</summary>
    private List<Query> RandomClauses(Random random)
    {
        var clauses = new List<Query>();
        int count = 2 + random.Next(8);
        for (int i = 0; i < count; i++)
        {
            string Word() => random.Next(20) == 0 ? "absent" : Words[random.Next(Words.Length)];
            switch (random.Next(4))
            {
                case 0:
                    clauses.Add(new BooleanQuery { { Term(Word()), Occur.MUST }, { Term(Word()), Occur.MUST } });
                    break;
                case 1:
                    clauses.Add(new PhraseQuery { new Term(Field, Word()), new Term(Field, Word()) });
                    break;
                case 2:
                    clauses.Add(new BooleanQuery { { Term(Word()), Occur.SHOULD }, { Term(Word()), Occur.SHOULD } });
                    break;
                default:
                    clauses.Add(new TermQuery(new Term(Field, Word())) { Boost = 1 + random.Next(3) });
                    break;
            }
        }
        return clauses;
    }

    private static BooleanQuery Boolean(List<Query> clauses, int minimum)
    {
        var query = new BooleanQuery { MinimumNumberShouldMatch = minimum };
        foreach (var clause in clauses)
        {
            query.Add(clause, Occur.SHOULD);
        }
        return query;
    }

    private static int AssertSameHits(TopDocs expected, TopDocs actual, Query query) => SkewedIndex.AssertSameHits(expected, actual, query, 1e-4f);
}
