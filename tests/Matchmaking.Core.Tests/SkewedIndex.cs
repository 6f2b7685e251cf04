using System.Globalization;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Matchmaking.Core.Search;

namespace Matchmaking.Core.Tests;

/// <summary>
/// An index in memory of documents made of the words w0, w1, … drawn with skewed frequencies (w0 in most documents,
/// the last few in hardly any), in several segments and with deleted documents, searched with BM25: for comparing
/// our own queries with the Lucene queries they stand in for.
/// </summary>
internal sealed class SkewedIndex : IDisposable
{
    public const string Field = "f";

    private readonly RAMDirectory _dir = new();

    /// <param name="commitAfter">Documents after which a segment ends.</param>
    /// <param name="deleted">Documents deleted after indexing.</param>
    /// <param name="edit">Changes a document's text (its number, its words).</param>
    public SkewedIndex(int seed, int documents, int vocabulary, int maxWords, Func<int, bool> commitAfter, Func<int, bool> deleted, Func<int, string, string>? edit = null)
    {
        Words = Enumerable.Range(0, vocabulary).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var random = new Random(seed);
        var config = new IndexWriterConfig(MatchmakingAnalyzer.Version, new WhitespaceAnalyzer(MatchmakingAnalyzer.Version))
        {
            Similarity = new BM25Similarity(),
            MergePolicy = NoMergePolicy.NO_COMPOUND_FILES,
        };
        using (var writer = new IndexWriter(_dir, config))
        {
            for (int i = 0; i < documents; i++)
            {
                var text = string.Join(' ', Enumerable.Range(0, 1 + random.Next(maxWords)).Select(_ => Words[(int)(Words.Length * Math.Pow(random.NextDouble(), 2))]));
                writer.AddDocument(new Document
                {
                    new StringField("id", i.ToString(CultureInfo.InvariantCulture), Lucene.Net.Documents.Field.Store.NO),
                    new TextField(Field, edit?.Invoke(i, text) ?? text, Lucene.Net.Documents.Field.Store.NO),
                });
                if (commitAfter(i))
                {
                    writer.Commit();
                }
            }
            for (int i = 0; i < documents; i++)
            {
                if (deleted(i))
                {
                    writer.DeleteDocuments(new Term("id", i.ToString(CultureInfo.InvariantCulture)));
                }
            }
            writer.Commit();
        }
        Reader = DirectoryReader.Open(_dir);
        Searcher = new IndexSearcher(Reader) { Similarity = new BM25Similarity() };
    }

    public string[] Words { get; }

    public DirectoryReader Reader { get; }

    public IndexSearcher Searcher { get; }

    public static TermQuery Term(string word) => new(new Term(Field, word));

    /// <summary>Same documents with the same scores (to a relative <paramref name="tolerance"/>); returns how many.</summary>
    public static int AssertSameHits(TopDocs expected, TopDocs actual, Query query, float tolerance)
    {
        Assert.True(expected.TotalHits == actual.TotalHits, $"{query}: {actual.TotalHits} hits, expected {expected.TotalHits}");
        var want = expected.ScoreDocs.OrderBy(d => d.Doc).ToArray();
        var got = actual.ScoreDocs.OrderBy(d => d.Doc).ToArray();
        Assert.Equal(want.Select(d => d.Doc), got.Select(d => d.Doc));
        for (int i = 0; i < want.Length; i++)
        {
            Assert.True(Math.Abs(want[i].Score - got[i].Score) <= tolerance * Math.Max(1f, want[i].Score), $"{query}: doc {want[i].Doc} scored {got[i].Score}, expected {want[i].Score}");
        }
        return want.Length;
    }

    public void Dispose()
    {
        Reader.Dispose();
        _dir.Dispose();
    }
}
