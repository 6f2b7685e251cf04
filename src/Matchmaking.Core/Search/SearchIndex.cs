using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Matchmaking.Core.Search;

/// <summary>Tuning knobs for a <see cref="SearchIndex"/>; the defaults are what docs/performance.md measured.</summary>
public sealed record SearchIndexOptions
{
    /// <summary>
    /// Index CJK unigrams next to the bigrams. Off by default: it halves indexing speed and grows the
    /// index by half; one-character queries (泵, 锂) are instead expanded to the bigrams that contain
    /// the character (see docs/performance.md).
    /// </summary>
    public bool IndexUnigrams { get; init; }

    public double RamBufferSizeMB { get; init; } = 128;

    /// <summary>
    /// Threads that index documents during <see cref="SearchIndex.Rebuild"/>, each with its own IndexWriter
    /// and RAM buffer of <see cref="RamBufferSizeMB"/> (so a rebuild may hold up to threads × that much).
    /// </summary>
    public int RebuildThreads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Text field → boost; defaults to title 3, skills 2, body 1.</summary>
    public IReadOnlyDictionary<string, float>? FieldBoosts { get; init; }

    public int SnippetLength { get; init; } = 120;

    /// <summary>
    /// Match and score the terms in at least an eighth of a large segment's documents from memory
    /// (<see cref="DenseTermQuery"/>, at most 32 MB per segment). Same results either way; off saves the memory.
    /// </summary>
    public bool CommonTermsInMemory { get; init; } = true;
}

/// <summary>
/// One Lucene index (one per kind: challenges, capability profiles). One <see cref="IndexWriter"/>
/// for its whole life and a <see cref="SearcherManager"/> for near-real-time searches. Searches may
/// run concurrently from any thread; writes (Upsert, Delete, Commit, Rebuild) must come from a
/// single caller at a time. Changes become visible to searches immediately after each write, and
/// durable only at <see cref="Commit"/>: disposing without committing discards them, just as a
/// crash would, so the caller's watermark always describes what is on disk.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private const string WatermarkKey = "watermark";
    private static readonly HashSet<string> LongBodyField = [FieldNames.Body];

    private readonly LuceneDirectory _dir;
    private readonly bool _ownsDirectory;
    private readonly SearchIndexOptions _options;
    private readonly Similarity _similarity = new FieldAwareBM25Similarity();
    private readonly object _writeLock = new();
    private IndexWriter _writer;
    private volatile SearcherManager _manager;
    private long _watermark;
    private volatile bool _rebuilding;
    private bool _disposed;
    private readonly Highlighter _bigramHighlighter;
    private readonly ThreadLocal<DocumentBuilder> _builders;

    public SearchIndex(LuceneDirectory dir, SynonymSet? synonyms = null, SearchIndexOptions? options = null)
        : this(dir, ownsDirectory: false, synonyms, options)
    {
    }

    private SearchIndex(LuceneDirectory dir, bool ownsDirectory, SynonymSet? synonyms, SearchIndexOptions? options)
    {
        _dir = dir ?? throw new ArgumentNullException(nameof(dir));
        _ownsDirectory = ownsDirectory;
        _options = options ?? new SearchIndexOptions();
        IndexAnalyzer = new MatchmakingAnalyzer(_options.IndexUnigrams) { LatinWordPairs = true };
        QueryAnalyzer = new MatchmakingAnalyzer(outputUnigrams: false);
        // Body is indexed only inside the catch-all field, so body weight is given to that field.
        var boosts = (_options.FieldBoosts ?? SafeQueryParser.DefaultFieldBoosts)
            .GroupBy(kv => kv.Key == FieldNames.Body ? FieldNames.All : kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(kv => kv.Value), StringComparer.Ordinal);
        Parser = new SafeQueryParser(QueryAnalyzer, synonyms, boosts, expandSingleCjkCharacters: !_options.IndexUnigrams, matchField: FieldNames.All, latinWordPairs: true);
        Highlighter = new Highlighter(IndexAnalyzer, _options.SnippetLength);
        _bigramHighlighter = new Highlighter(QueryAnalyzer, _options.SnippetLength);
        _builders = new(() => new DocumentBuilder());
        (_writer, _manager) = Open();
    }

    /// <summary>
    /// Opens (or creates) an index in a folder on disk, memory-mapped without the clone table that made
    /// Lucene.NET's own <see cref="MMapDirectory"/> slower the longer the process ran
    /// (<see cref="UntrackedMMapDirectory"/>, docs/performance.md).
    /// </summary>
    public static SearchIndex OpenFs(string folder, SynonymSet? synonyms = null, SearchIndexOptions? options = null)
    {
        System.IO.Directory.CreateDirectory(folder);
        return new SearchIndex(new UntrackedMMapDirectory(new DirectoryInfo(folder)), ownsDirectory: true, synonyms, options);
    }

    public MatchmakingAnalyzer IndexAnalyzer { get; }
    public MatchmakingAnalyzer QueryAnalyzer { get; }
    public SafeQueryParser Parser { get; }
    public Highlighter Highlighter { get; }

    /// <summary>The watermark stored by the last successful <see cref="Commit"/> or <see cref="Rebuild"/> (0 if none).</summary>
    public long Watermark => Interlocked.Read(ref _watermark);

    /// <summary>Live documents visible to searches.</summary>
    public int Count => WithSearcher(s => s.IndexReader.NumDocs);

    private (IndexWriter, SearcherManager) Open()
    {
        var config = new IndexWriterConfig(MatchmakingAnalyzer.Version, IndexAnalyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = _options.RamBufferSizeMB,
            Similarity = _similarity,
        };
        var writer = new IndexWriter(_dir, config);
        if (!DirectoryReader.IndexExists(_dir))
        {
            writer.Commit();
        }
        var data = writer.CommitData;
        Interlocked.Exchange(ref _watermark,
            data is not null && data.TryGetValue(WatermarkKey, out var raw) && long.TryParse(raw, CultureInfo.InvariantCulture, out var w) ? w : 0);
        var manager = new SearcherManager(writer, applyAllDeletes: true, new SimilaritySearcherFactory(_similarity, _options.CommonTermsInMemory));
        return (writer, manager);
    }

    public void Upsert(IndexDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        lock (_writeLock)
        {
            _writer.UpdateDocument(new Term(FieldNames.Id, document.Id), _builders.Value!.Build(document));
            RefreshUnlessRebuilding();
        }
    }

    public void Upsert(IEnumerable<IndexDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        lock (_writeLock)
        {
            foreach (var document in documents)
            {
                _writer.UpdateDocument(new Term(FieldNames.Id, document.Id), _builders.Value!.Build(document));
            }
            RefreshUnlessRebuilding();
        }
    }

    public void Delete(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_writeLock)
        {
            _writer.DeleteDocuments(new Term(FieldNames.Id, id));
            RefreshUnlessRebuilding();
        }
    }

    /// <summary>Makes every change so far durable, recording <paramref name="watermark"/> (e.g. the last applied database change) with it.</summary>
    public void Commit(long watermark)
    {
        lock (_writeLock)
        {
            CommitLocked(watermark);
            RefreshUnlessRebuilding();
        }
    }

    private void CommitLocked(long watermark)
    {
        _writer.SetCommitData(new Dictionary<string, string>
        {
            [WatermarkKey] = watermark.ToString(CultureInfo.InvariantCulture),
        });
        _writer.Commit();
        Interlocked.Exchange(ref _watermark, watermark);
    }

    /// <summary>
    /// Replaces the whole index with <paramref name="all"/> and commits with <paramref name="watermark"/>.
    /// Searches keep seeing the previous contents until the commit. On failure or cancellation every
    /// uncommitted change (including earlier ones) is rolled back and the exception rethrown.
    /// </summary>
    public void Rebuild(IEnumerable<IndexDocument> all, long watermark, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(all);
        lock (_writeLock)
        {
            _rebuilding = true;
            // Bulk flushes skip the copy into compound files (merges still decide for merged segments).
            _writer.Config.UseCompoundFile = false;
            try
            {
                _writer.DeleteAll();
                int added = AddAll(all, progress, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                CommitLocked(watermark);
                progress?.Report(added);
            }
            catch
            {
                RollBackAndReopen();
                throw;
            }
            finally
            {
                _rebuilding = false;
                _writer.Config.UseCompoundFile = true;
            }
            _manager.MaybeRefreshBlocking();
        }
    }

    /// <summary>
    /// Feeds the writer; the source is enumerated under a lock, in order. With more than one thread, each
    /// thread writes its own segments with its own <see cref="IndexWriter"/> into a scratch directory and
    /// flushes them itself, in parallel; the main writer then takes the segments over by copying their
    /// files (<see cref="IndexWriter.AddIndexes(LuceneDirectory[])"/>). Threads sharing the main writer
    /// left its last segments to the committing thread, which flushed them one after another (about a
    /// seventh of a 100k-document rebuild on two cores, see docs/performance.md).
    /// </summary>
    private int AddAll(IEnumerable<IndexDocument> all, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        using var source = all.GetEnumerator();
        var gate = new object();
        int added = 0;
        bool stop = false;
        bool Next(out IndexDocument document)
        {
            lock (gate)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (stop || !source.MoveNext())
                {
                    document = null!;
                    return false;
                }
                document = source.Current;
                if (++added % 1000 == 0)
                {
                    progress?.Report(added);
                }
                return true;
            }
        }
        int threads = Math.Max(1, _options.RebuildThreads);
        if (threads == 1)
        {
            var builder = _builders.Value!;
            while (Next(out var document))
            {
                _writer.AddDocument(builder.Build(document));
            }
            return added;
        }

        var scratch = new List<(LuceneDirectory Dir, string? Folder)>();
        try
        {
            for (int i = 0; i < threads; i++)
            {
                scratch.Add(CreateScratchDirectory(i));
            }
            void Work(int slot)
            {
                var config = new IndexWriterConfig(MatchmakingAnalyzer.Version, IndexAnalyzer)
                {
                    OpenMode = OpenMode.CREATE,
                    RAMBufferSizeMB = _options.RamBufferSizeMB,
                    Similarity = _similarity,
                    UseCompoundFile = false,
                    MergePolicy = NoMergePolicy.NO_COMPOUND_FILES,
                };
                using var writer = new IndexWriter(scratch[slot].Dir, config);
                try
                {
                    var builder = _builders.Value!;
                    while (Next(out var document))
                    {
                        writer.AddDocument(builder.Build(document));
                    }
                    writer.Commit();
                }
                catch
                {
                    lock (gate)
                    {
                        stop = true;
                    }
                    writer.Rollback();
                    throw;
                }
            }
            var workers = Enumerable.Range(0, threads)
                .Select(slot => Task.Factory.StartNew(() => Work(slot), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .ToArray();
            try
            {
                Task.WaitAll(workers);
            }
            catch (AggregateException e) when (e.InnerExceptions.Any(x => x is OperationCanceledException))
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (AggregateException e)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            cancellationToken.ThrowIfCancellationRequested();
            _writer.AddIndexes(scratch.Select(s => s.Dir).ToArray());
            return added;
        }
        finally
        {
            foreach (var (dir, folder) in scratch)
            {
                dir.Dispose();
                if (folder is not null)
                {
                    TryDeleteFolder(folder);
                }
            }
        }
    }

    /// <summary>A scratch directory for one rebuild thread: a sibling folder of an index on disk, else memory.</summary>
    private (LuceneDirectory Dir, string? Folder) CreateScratchDirectory(int slot)
    {
        if (_dir is FSDirectory fs)
        {
            var folder = fs.Directory.FullName.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + ".rebuild" + slot.ToString(CultureInfo.InvariantCulture);
            TryDeleteFolder(folder);
            System.IO.Directory.CreateDirectory(folder);
            return (new LinkingFSDirectory(new DirectoryInfo(folder)), folder);
        }
        return (new RAMDirectory(), null);
    }

    private static void TryDeleteFolder(string folder)
    {
        try
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the next rebuild, which deletes it before use.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void RollBackAndReopen()
    {
        var old = _manager;
        _writer.Rollback();
        (_writer, _manager) = Open();
        old.Dispose();
    }

    /// <summary>Makes written changes visible to searches (the write methods already call it).</summary>
    public void MaybeRefresh()
    {
        if (!_rebuilding)
        {
            _manager.MaybeRefreshBlocking();
        }
    }

    private void RefreshUnlessRebuilding() => MaybeRefresh();

    /// <summary>Ids of all live documents (for reconciling with the database).</summary>
    public IReadOnlyCollection<string> AllIds() => WithSearcher(searcher =>
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var terms = reader.GetTerms(FieldNames.Id);
            if (terms is null)
            {
                continue;
            }
            var live = reader.LiveDocs;
            var termsEnum = terms.GetEnumerator();
            DocsEnum? docs = null;
            while (termsEnum.MoveNext())
            {
                docs = termsEnum.Docs(live, docs, DocsFlags.NONE);
                if (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    ids.Add(termsEnum.Term.Utf8ToString());
                }
            }
        }
        return ids;
    });

    public SearchResults Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parsed = Parser.Parse(request.Query);
        var notices = new List<SearchNotice>(parsed.Notices);

        int take = Math.Clamp(request.Take, 1, SearchRequest.MaxTake);
        int skip = Math.Max(0, request.Skip);
        bool beyondWindow = skip > SearchRequest.MaxWindow - take;
        if (beyondWindow)
        {
            notices.Add(new(SearchNoticeKind.ResultWindow, SearchRequest.MaxWindow));
        }

        var counted = request.FacetFields.Where(f => !string.IsNullOrEmpty(f)).Distinct(StringComparer.Ordinal).ToList();
        var activeFilters = request.Filters
            .Where(f => f.Value is { Count: > 0 })
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var sideways = activeFilters.Where(f => counted.Contains(f.Key))
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var filter = BuildFilter(request, activeFilters.Where(f => !counted.Contains(f.Key)));
        var sort = BuildSort(request.Sort, parsed.MatchesAll);

        return WithSearcher(searcher =>
        {
            // Terms are looked up once per search: the relaxed retry reuses what the strict query found.
            var termStates = new Dictionary<Term, TermContext>();
            bool dense = _options.CommonTermsInMemory;
            var query = WithTermStates(parsed.Query, searcher.TopReaderContext, termStates, dense);
            var scoring = sort is null && parsed.Scoring is { } titleAndSkills
                ? new TitleSkillsScorer(titleAndSkills, term => Idf(searcher, termStates, term))
                : null;
            var run = Run(searcher, query, scoring, filter, sort, counted, sideways, beyondWindow ? 0 : skip, take);
            if (run.Collector.TotalHits == 0 && parsed.Relaxed is not null)
            {
                query = WithTermStates(parsed.Relaxed, searcher.TopReaderContext, termStates, dense);
                run = Run(searcher, query, scoring, filter, sort, counted, sideways, beyondWindow ? 0 : skip, take);
                if (run.Collector.TotalHits > 0)
                {
                    notices.Add(new(SearchNoticeKind.SomeOfTheWords));
                }
            }

            // Text analyzed with unigrams costs twice the tokens; only a one-character CJK term needs them.
            var highlighter = IndexAnalyzer.OutputUnigrams && parsed.HighlightTerms.Any(t => t.Length == 1 && t[0] >= '\u2E80')
                ? Highlighter
                : _bigramHighlighter;
            var hits = new List<SearchHit>();
            if (!beyondWindow)
            {
                var leaves = searcher.IndexReader.Leaves;
                var bytes = new BytesRef();
                foreach (var scoreDoc in run.Top.ScoreDocs)
                {
                    var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
                    int doc = scoreDoc.Doc - leaf.DocBase;
                    var (id, title, body, bodyStored) = HitRecord.Read(HitRecord.Load(leaf.AtomicReader, doc, bytes));
                    if (bodyStored)
                    {
                        body = leaf.AtomicReader.Document(doc, LongBodyField).Get(FieldNames.Body) ?? "";
                    }
                    hits.Add(new SearchHit(
                        id,
                        float.IsNaN(scoreDoc.Score) ? 0f : scoreDoc.Score,
                        highlighter.Highlight(title, parsed.HighlightTerms, FieldNames.Title),
                        highlighter.Snippet(body, parsed.HighlightTerms, FieldNames.Body)));
                }
            }

            return new SearchResults
            {
                Total = run.Collector.TotalHits,
                Hits = hits,
                Facets = run.Collector.Finish(),
                Notices = notices,
                ParsedQuery = filter is null ? query.ToString() : $"{query} FILTER {filter}",
            };
        });
    }

    /// <summary>BM25's idf of <paramref name="term"/> in the catch-all field, from the search's term states.</summary>
    private static float Idf(IndexSearcher searcher, Dictionary<Term, TermContext> termStates, string term)
    {
        var key = new Term(FieldNames.All, term);
        if (!termStates.TryGetValue(key, out var state))
        {
            termStates[key] = state = TermContext.Build(searcher.TopReaderContext, key);
        }
        return TitleSkillsScorer.Idf(state.DocFreq, searcher.IndexReader.MaxDoc);
    }

    /// <summary>
    /// A copy of <paramref name="query"/> whose term queries carry their looked-up term states; a term in many of the
    /// documents becomes a <see cref="DenseTermQuery"/>.
    /// </summary>
    private static Query WithTermStates(Query query, IndexReaderContext top, Dictionary<Term, TermContext> cache, bool dense)
    {
        switch (query)
        {
            case TermQuery term:
                if (!cache.TryGetValue(term.Term, out var state))
                {
                    cache[term.Term] = state = TermContext.Build(top, term.Term);
                }
                return dense && DenseTermQuery.IsDense(state.DocFreq, top.Reader.MaxDoc)
                    ? new DenseTermQuery(term.Term, state) { Boost = term.Boost }
                    : new TermQuery(term.Term, state) { Boost = term.Boost };
            case BooleanQuery boolean:
                var copy = new BooleanQuery(boolean.CoordDisabled) { MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch, Boost = boolean.Boost };
                foreach (var clause in boolean.Clauses)
                {
                    copy.Add(WithTermStates(clause.Query, top, cache, dense), clause.Occur);
                }
                return copy;
            case AtLeastQuery atLeast:
                return new AtLeastQuery(atLeast.Clauses.Select(c => WithTermStates(c, top, cache, dense)), atLeast.MinimumMatch) { Boost = atLeast.Boost };
            case DisjunctionMaxQuery dismax:
                var any = new DisjunctionMaxQuery(dismax.TieBreakerMultiplier) { Boost = dismax.Boost };
                foreach (var disjunct in dismax.Disjuncts)
                {
                    any.Add(WithTermStates(disjunct, top, cache, dense));
                }
                return any;
            default:
                return query;
        }
    }

    /// <summary>
    /// How many of the best catch-all matches are re-ranked by the field-weighted scoring query
    /// (at least the requested page). See docs/performance.md.
    /// </summary>
    public const int RescoreWindow = 200;

    private (FacetingCollector Collector, TopDocs Top) Run(
        IndexSearcher searcher, Query query, TitleSkillsScorer? scoring, Filter? filter, Sort? sort,
        List<string> counted, Dictionary<string, IReadOnlyCollection<string>> sideways, int skip, int take)
    {
        if (scoring is not null && sort is null)
        {
            int window = Math.Max(RescoreWindow, skip + take);
            var first = TopScoreDocCollector.Create(window, docsScoredInOrder: true);
            var faceting = new FacetingCollector(first, counted, sideways);
            searcher.Search(query, filter, faceting);
            return (faceting, Rescore(searcher, first.GetTopDocs(), scoring, skip, take));
        }
        int numHits = skip + take;
        ICollector top = sort is null
            ? TopScoreDocCollector.Create(numHits, docsScoredInOrder: true)
            : TopFieldCollector.Create(sort, numHits, fillFields: false, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: true);
        var collector = new FacetingCollector(top, counted, sideways);
        searcher.Search(query, filter, collector);
        var topDocs = top switch
        {
            TopScoreDocCollector c => c.GetTopDocs(skip, take),
            TopFieldCollector c => c.GetTopDocs(skip, take),
            _ => throw new InvalidOperationException(),
        };
        return (collector, topDocs);
    }

    /// <summary>
    /// Re-ranks first-pass hits (scored on the catch-all field) by adding the title and skills score of
    /// <paramref name="scoring"/>; ties keep the first-pass order. Returns the page [skip, skip + take).
    /// </summary>
    private TopDocs Rescore(IndexSearcher searcher, TopDocs first, TitleSkillsScorer scoring, int skip, int take)
    {
        var hits = first.ScoreDocs;
        if (hits.Length == 0)
        {
            return new TopDocs(first.TotalHits, [], float.NaN);
        }
        var leaves = searcher.IndexReader.Leaves;
        var bytes = new BytesRef();
        var rescored = new (ScoreDoc Hit, float Score, int Rank)[hits.Length];
        for (int i = 0; i < hits.Length; i++)
        {
            var leaf = leaves[ReaderUtil.SubIndex(hits[i].Doc, leaves)];
            var tokens = TitleSkillsTokens.Get(leaf.AtomicReader, hits[i].Doc - leaf.DocBase, IndexAnalyzer, bytes);
            rescored[i] = (hits[i], hits[i].Score + scoring.Score(tokens), i);
        }
        Array.Sort(rescored, (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Rank.CompareTo(b.Rank));
        var page = rescored.Skip(skip).Take(take).Select(r => new ScoreDoc(r.Hit.Doc, r.Score)).ToArray();
        return new TopDocs(first.TotalHits, page, rescored[0].Score);
    }

    private static Filter? BuildFilter(SearchRequest request, IEnumerable<KeyValuePair<string, IReadOnlyCollection<string>>> facetFilters)
    {
        var filters = new List<Filter>();
        foreach (var (facet, values) in facetFilters)
        {
            filters.Add(new FacetValuesFilter(FieldNames.Facet(facet), values));
        }
        foreach (var (name, (min, max)) in request.NumberRanges)
        {
            if (min is not null || max is not null)
            {
                filters.Add(DocValuesRangeFilter.ForDoubles(FieldNames.Number(name), min, max));
            }
        }
        foreach (var (name, (from, to)) in request.DateRanges)
        {
            if (from is not null || to is not null)
            {
                filters.Add(DocValuesRangeFilter.ForInt64s(FieldNames.Date(name), from.HasValue ? Ticks(from.Value) : null, to.HasValue ? Ticks(to.Value) : null));
            }
        }
        if (filters.Count == 0)
        {
            return null;
        }
        if (filters.Count == 1)
        {
            return filters[0];
        }
        var all = new BooleanFilter();
        foreach (var f in filters)
        {
            all.Add(new FilterClause(f, Occur.MUST));
        }
        return all;
    }

    private static Sort? BuildSort(SearchSort sort, bool matchesAll)
    {
        if (sort == SearchSort.Relevance && matchesAll)
        {
            sort = SearchSort.Newest;
        }
        SortField? field = sort switch
        {
            SearchSort.DeadlineAsc => new SortField(FieldNames.Date("deadline"), SortFieldType.INT64),
            SearchSort.BudgetDesc => new SortField(FieldNames.Number("budget"), SortFieldType.DOUBLE, reverse: true),
            SearchSort.Newest => new SortField(FieldNames.Date("published"), SortFieldType.INT64, reverse: true),
            _ => null,
        };
        if (field is null)
        {
            return null;
        }
        // Documents without the value go last in either direction.
        field.SetMissingValue(sort switch
        {
            SearchSort.DeadlineAsc => J2N.Numerics.Int64.GetInstance(long.MaxValue),
            SearchSort.BudgetDesc => J2N.Numerics.Double.GetInstance(double.NegativeInfinity),
            _ => (object)J2N.Numerics.Int64.GetInstance(long.MinValue),
        });
        return new Sort(field, SortField.FIELD_SCORE);
    }

    internal static long Ticks(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks;

    /// <summary>Runs <paramref name="action"/> on the current searcher (for diagnostics and benchmarks).</summary>
    public T WithSearcherForProfiling<T>(Func<IndexSearcher, T> action) => WithSearcher(action);

    private T WithSearcher<T>(Func<IndexSearcher, T> action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (int attempt = 0; ; attempt++)
        {
            var manager = _manager;
            IndexSearcher searcher;
            try
            {
                searcher = manager.Acquire();
            }
            catch (ObjectDisposedException) when (attempt < 3 && !_disposed)
            {
                continue; // the manager was swapped by a rolled-back rebuild
            }
            try
            {
                return action(searcher);
            }
            finally
            {
                manager.Release(searcher);
            }
        }
    }

    /// <summary>Closes the index, discarding changes not yet committed (see the class remarks).</summary>
    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _manager.Dispose();
            _writer.Rollback();
            _builders.Dispose();
            IndexAnalyzer.Dispose();
            QueryAnalyzer.Dispose();
            if (_ownsDirectory)
            {
                _dir.Dispose();
            }
        }
    }

    /// <summary>
    /// BM25 whose average field length counts only documents that have the field (as Lucene 5+ does).
    /// Lucene 4.8 divides by all documents, which punishes a sparse field such as skills.
    /// </summary>
    private sealed class FieldAwareBM25Similarity : BM25Similarity
    {
        protected override float AvgFieldLength(CollectionStatistics collectionStats)
        {
            long sum = collectionStats.SumTotalTermFreq;
            long docs = collectionStats.DocCount > 0 ? collectionStats.DocCount : collectionStats.MaxDoc;
            return sum <= 0 || docs <= 0 ? 1f : (float)(sum / (double)docs);
        }
    }

    private sealed class SimilaritySearcherFactory(Similarity similarity, bool commonTermsInMemory) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            FacetOrdinals.Warm(reader);
            if (commonTermsInMemory)
            {
                WarmDenseTermsInBackground(reader);
            }
            return new IndexSearcher(reader) { Similarity = similarity };
        }

        /// <summary>
        /// Loads the dense terms of new large segments (after a rebuild or a merge; 40–140 ms at 100k documents)
        /// without holding up the refresh: until then, searches load the terms they need themselves. A refresh
        /// that brings no new large segment (every single write in the portal) starts nothing.
        /// </summary>
        private static void WarmDenseTermsInBackground(IndexReader reader)
        {
            if (!DenseTermQuery.NeedsWarming(reader))
            {
                return;
            }
            reader.IncRef();
            _ = Task.Run(() =>
            {
                try
                {
                    DenseTermQuery.Warm(reader, FieldNames.All);
                }
                catch (Exception e) when (e is ObjectDisposedException or IOException)
                {
                    // The index was closed meanwhile: nothing to warm.
                }
                finally
                {
                    reader.DecRef();
                }
            });
        }
    }
}
