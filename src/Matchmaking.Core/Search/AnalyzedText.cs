using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Matchmaking.Core.Search;

/// <summary>
/// The tokens of one text, analysed once and replayed (by <see cref="ReplayTokenStream"/>) into every
/// field that indexes them: title and skills go both to their own field and to the catch-all field.
/// Keeps only what the index stores (term, position increment, offsets), in flat reusable arrays.
/// </summary>
internal sealed class AnalyzedText
{
    private const int Stride = 5; // char start, length, position increment, start offset, end offset

    private char[] _chars = new char[128];
    private int _charCount;
    private int[] _tokens = new int[32 * Stride];

    public int Count { get; private set; }
    public int FinalOffset { get; private set; }

    public void Analyze(Analyzer analyzer, string field, string text)
    {
        _charCount = 0;
        Count = 0;
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (_charCount + term.Length > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + term.Length));
            }
            if ((Count + 1) * Stride > _tokens.Length)
            {
                Array.Resize(ref _tokens, _tokens.Length * 2);
            }
            Array.Copy(term.Buffer, 0, _chars, _charCount, term.Length);
            int at = Count++ * Stride;
            _tokens[at] = _charCount;
            _tokens[at + 1] = term.Length;
            _tokens[at + 2] = increment.PositionIncrement;
            _tokens[at + 3] = offset.StartOffset;
            _tokens[at + 4] = offset.EndOffset;
            _charCount += term.Length;
        }
        stream.End();
        FinalOffset = offset.EndOffset;
    }

    internal void CopyTo(int token, ICharTermAttribute term, IPositionIncrementAttribute increment, IOffsetAttribute offset)
    {
        int at = token * Stride;
        term.CopyBuffer(_chars, _tokens[at], _tokens[at + 1]);
        increment.PositionIncrement = _tokens[at + 2];
        offset.SetOffset(_tokens[at + 3], _tokens[at + 4]);
    }
}

/// <summary>Replays an <see cref="AnalyzedText"/>; reusable, one per field instance.</summary>
internal sealed class ReplayTokenStream : TokenStream
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IOffsetAttribute _offset;
    private int _next;

    public ReplayTokenStream(AnalyzedText source)
    {
        Source = source;
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public AnalyzedText Source { get; }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
    }

    public override bool IncrementToken()
    {
        if (_next >= Source.Count)
        {
            return false;
        }
        ClearAttributes();
        Source.CopyTo(_next++, _term, _increment, _offset);
        return true;
    }

    public override void End()
    {
        base.End();
        _offset.SetOffset(Source.FinalOffset, Source.FinalOffset);
    }
}
