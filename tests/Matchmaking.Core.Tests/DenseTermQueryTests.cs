using Lucene.Net.Index;
using Lucene.Net.Search;
using Matchmaking.Core.Search;

namespace Matchmaking.Core.Tests;

/// <summary>
/// <see cref="DenseTermQuery"/> must match and score exactly as <see cref="TermQuery"/>: alone, inside
/// conjunctions and "at least" queries, with deleted documents, filters, a frequency over 255, and in a segment
/// too small to be kept in memory (read from the index as usual).
/// </summary>
public sealed class DenseTermQueryTests : IDisposable
{
    private const string Field = SkewedIndex.Field;

    // A large segment (kept in memory) and a small one (read from the index); every eleventh document deleted.
    private readonly SkewedIndex _index = new(seed: 5, documents: 7000, vocabulary: 40, maxWords: 10, commitAfter: i => i == 5999, deleted: i => i % 11 == 3,
        edit: (i, text) => i == 321 ? text + string.Concat(Enumerable.Repeat(" w0", 300)) : text); // a frequency over a byte
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public DenseTermQueryTests()
    {
        _reader = _index.Reader;
        _searcher = _index.Searcher;
    }

    private string[] Words => _index.Words;

    public void Dispose() => _index.Dispose();

    [Fact]
    public void MatchesAndScores_AsTermQuery()
    {
        Assert.Contains(_reader.Leaves, l => l.AtomicReader.MaxDoc >= DenseTermQuery.MinSegmentDocs);
        Assert.Contains(_reader.Leaves, l => l.AtomicReader.MaxDoc < DenseTermQuery.MinSegmentDocs);
        var random = new Random(9);
        var filter = new QueryWrapperFilter(new TermQuery(new Term(Field, "w5")));
        int dense = 0;
        for (int round = 0; round < 120; round++)
        {
            var words = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => Words[random.Next(Words.Length)]).ToArray();
            dense += words.Count(w => IsDense(w));
            int shape = random.Next(3);
            var plain = Build(words, shape, dense: false);
            var ours = Build(words, shape, dense: true);
            AssertSameHits(_searcher.Search(plain, 10000), _searcher.Search(ours, 10000), ours);
            AssertSameHits(_searcher.Search(plain, filter, 10000), _searcher.Search(ours, filter, 10000), ours);
        }
        Assert.True(dense > 50, "too few dense terms were tried");
    }

    [Fact]
    public void FrequencyOverAByte_ScoresAsTermQuery()
    {
        Assert.True(IsDense("w0"));
        var plain = _searcher.Search(new TermQuery(new Term(Field, "w0")), 1).ScoreDocs[0];
        var ours = _searcher.Search(Dense("w0"), 1).ScoreDocs[0];
        Assert.Equal(321, plain.Doc);
        Assert.Equal(plain.Doc, ours.Doc);
        Assert.Equal(plain.Score, ours.Score, 5);
    }

    [Fact]
    public void Explain_AndText_AreTermQuerys()
    {
        var query = Dense("w1");
        Assert.Equal(new TermQuery(new Term(Field, "w1")).ToString(), query.ToString());
        var top = _searcher.Search(query, 1).ScoreDocs[0];
        Assert.Equal(top.Score, _searcher.Explain(query, top.Doc).Value, 5);
    }

    [Fact]
    public void Warm_LoadsTheDenseTermsOfLargeSegments_Once()
    {
        int dense = Words.Count(w => DenseTermQuery.IsDense(_reader.Leaves[0].AtomicReader.DocFreq(new Term(Field, w)), _reader.Leaves[0].AtomicReader.MaxDoc));
        Assert.InRange(dense, 3, Words.Length - 1);
        Assert.True(DenseTermQuery.NeedsWarming(_reader));
        Assert.Equal(dense, DenseTermQuery.Warm(_reader, Field)); // the small segment is read from the index
        Assert.False(DenseTermQuery.NeedsWarming(_reader));
        Assert.Equal(0, DenseTermQuery.Warm(_reader, Field));
        AssertSameHits(_searcher.Search(new TermQuery(new Term(Field, "w2")), 10000), _searcher.Search(Dense("w2"), 10000), Dense("w2"));
    }

    private bool IsDense(string word) => DenseTermQuery.IsDense(_reader.DocFreq(new Term(Field, word)), _reader.MaxDoc);

    private DenseTermQuery Dense(string word)
    {
        var term = new Term(Field, word);
        return new DenseTermQuery(term, TermContext.Build(_searcher.TopReaderContext, term));
    }

    /// <summary>0: the words as a conjunction; 1: at least half of them; 2: any of them.</summary>
    private Query Build(string[] words, int shape, bool dense)
    {
        var clauses = words.Select(w => dense ? (Query)Dense(w) : new TermQuery(new Term(Field, w))).ToList();
        if (shape == 1 && clauses.Count > 1)
        {
            return new AtLeastQuery(clauses, Math.Max(1, clauses.Count / 2));
        }
        var query = new BooleanQuery();
        foreach (var clause in clauses)
        {
            query.Add(clause, shape == 2 ? Occur.SHOULD : Occur.MUST);
        }
        return query;
    }

    private static void AssertSameHits(TopDocs expected, TopDocs actual, Query query) => SkewedIndex.AssertSameHits(expected, actual, query, 1e-5f);
}
