using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Matchmaking.Core.Search;

/// <summary>
/// Analyzer for mixed Chinese/English text: full-width ASCII is folded to half-width before
/// tokenizing, Han (and other CJK) runs become overlapping bigrams (a lone Han character stays a
/// unigram), Latin words are lower-cased, stripped of English possessives and Porter-stemmed.
/// CJK tokens are never stemmed.
/// </summary>
public sealed class MatchmakingAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <param name="outputUnigrams">
    /// Also emit every CJK character as a unigram (stacked on the bigrams). Costs index size and
    /// indexing speed; gains recall for single-character queries. See docs/performance.md.
    /// </param>
    public MatchmakingAnalyzer(bool outputUnigrams = false)
    {
        OutputUnigrams = outputUnigrams;
    }

    public bool OutputUnigrams { get; }

    /// <summary>
    /// Also index every two adjacent Latin/number words as one token ("high temperatur", stacked on the
    /// second word), so a phrase of such words is matched without reading positions; see
    /// <see cref="LatinWordPairFilter"/>. For the index only: the query parser analyses words and builds
    /// the pairs itself.
    /// </summary>
    public bool LatinWordPairs { get; init; }

    /// <summary>StandardTokenizer's types of a word with letters (NCM811, pump) and of a number (3.5).</summary>
    internal static readonly string AlphaNumType = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.ALPHANUM];
    internal static readonly string NumType = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.NUM];

    /// <summary>Whether a token of this type is a Latin/number word (as opposed to CJK text).</summary>
    internal static bool IsLatinWord(string type) => type == AlphaNumType || type == NumType;

    /// <summary>Analyse with Lucene's tokenizer and filters only (tests compare it with <see cref="FastBigramTokenizer"/>).</summary>
    internal bool UseReferenceChain { get; init; }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        Tokenizer source;
        TokenStream stream;
        if (OutputUnigrams || UseReferenceChain)
        {
            (source, stream) = FastBigramTokenizer.ReferenceChain(reader, OutputUnigrams);
        }
        else
        {
            // The same tokens as the chain above, in one pass for most text (see FastBigramTokenizer).
            stream = source = new FastBigramTokenizer(reader);
        }
        stream = new NonLatinKeywordFilter(stream);
        stream = new EnglishPossessiveFilter(Version, stream);
        stream = new PorterStemFilter(stream);
        if (LatinWordPairs)
        {
            stream = new LatinWordPairFilter(stream);
        }
        return new TokenStreamComponents(source, stream);
    }

    protected override TextReader InitReader(string fieldName, TextReader reader)
        => new WidthFoldingCharFilter(reader);

    /// <summary>Values of a multi-valued field (skills) must not form phrases across values.</summary>
    public override int GetPositionIncrementGap(string fieldName) => 100;

    /// <summary>Token texts of <paramref name="text"/>, in order (for tests and diagnostics).</summary>
    public IReadOnlyList<string> Tokens(string text, string field = "body")
    {
        var result = new List<string>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            result.Add(term.ToString());
        }
        stream.End();
        return result;
    }
}

/// <summary>
/// Folds full-width ASCII (U+FF01–U+FF5E) and the ideographic space to their half-width forms
/// before tokenizing. The mapping is one char to one char, so offsets need no correction.
/// </summary>
internal sealed class WidthFoldingCharFilter(TextReader input) : CharFilter(input)
{
    protected override int Correct(int currentOff) => currentOff;

    public override int Read(char[] buffer, int index, int count)
    {
        int read = m_input.Read(buffer, index, count);
        for (int i = index; i < index + Math.Max(read, 0); i++)
        {
            buffer[i] = Fold(buffer[i]);
        }
        return read;
    }

    public override int Read()
    {
        int c = m_input.Read();
        return c < 0 ? c : Fold((char)c);
    }

    internal static char Fold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };
}

/// <summary>
/// Lower-cases tokens exactly as LowerCaseFilter does (invariant culture), without calling into ICU
/// for what needs no change: ASCII is mapped in place and characters of the caseless CJK blocks
/// (<see cref="IsCaseless"/>) are skipped; anything else from the first such character on goes
/// through <see cref="MemoryExtensions.ToLowerInvariant(ReadOnlySpan{char}, Span{char})"/>. Han text is
/// almost all of what is indexed, and LowerCaseFilter cost a native call per token for it.
/// </summary>
internal sealed class CaselessAwareLowerCaseFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public CaselessAwareLowerCaseFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        var buffer = _term.Buffer;
        int length = _term.Length;
        for (int i = 0; i < length; i++)
        {
            char c = buffer[i];
            if (c < 0x80)
            {
                if (c is >= 'A' and <= 'Z')
                {
                    buffer[i] = (char)(c + ('a' - 'A'));
                }
            }
            else if (!IsCaseless(c))
            {
                LowerRest(buffer, i, length - i);
                break;
            }
        }
        return true;
    }

    private static void LowerRest(char[] buffer, int start, int count)
    {
        Span<char> copy = count <= 256 ? stackalloc char[count] : new char[count];
        buffer.AsSpan(start, count).CopyTo(copy);
        ((ReadOnlySpan<char>)copy).ToLowerInvariant(buffer.AsSpan(start, count));
    }

    /// <summary>
    /// Blocks without any case mapping: CJK radicals to Yi (U+2E80–U+A4CF: punctuation, kana, bopomofo,
    /// Hangul jamo, enclosed and compatibility CJK, CJK unified ideographs and extension A), Hangul
    /// syllables and CJK compatibility ideographs. A test checks every character of them.
    /// </summary>
    internal static bool IsCaseless(char c) =>
        c is >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF';
}

/// <summary>
/// After each Latin/number word (StandardTokenizer's ALPHANUM or NUM) that directly follows another
/// (position increment 1), adds the pair "previous word" + space + "word", stacked on the word (position
/// increment 0). A phrase of k such words (positions p … p+k−1) then equals the pairs at p+1 … p+k−1 in a
/// row: one term for two words. Word tokens are unchanged; a stream's first word never pairs, so the
/// values of a multi-valued field do not pair across their boundary.
/// </summary>
internal sealed class LatinWordPairFilter : TokenFilter
{
    internal const string PairType = "<PAIR>";

    private readonly ICharTermAttribute _term;
    private readonly ITypeAttribute _type;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IOffsetAttribute _offset;
    private char[] _previous = new char[32];
    private int _previousLength = -1; // -1: the last token was not a Latin word
    private int _previousStart;
    private char[] _pair = new char[64];
    private int _pairLength = -1; // -1: no pair waiting
    private int _pairStart, _pairEnd;

    public LatinWordPairFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _type = AddAttribute<ITypeAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_pairLength >= 0)
        {
            _term.CopyBuffer(_pair, 0, _pairLength);
            _type.Type = PairType;
            _increment.PositionIncrement = 0;
            _offset.SetOffset(_pairStart, _pairEnd);
            _pairLength = -1;
            return true;
        }
        if (!m_input.IncrementToken())
        {
            return false;
        }
        if (!MatchmakingAnalyzer.IsLatinWord(_type.Type))
        {
            _previousLength = -1;
            return true;
        }
        int length = _term.Length;
        if (_previousLength >= 0 && _increment.PositionIncrement == 1)
        {
            _pairLength = _previousLength + 1 + length;
            if (_pair.Length < _pairLength)
            {
                _pair = new char[_pairLength * 2];
            }
            Array.Copy(_previous, _pair, _previousLength);
            _pair[_previousLength] = ' ';
            Array.Copy(_term.Buffer, 0, _pair, _previousLength + 1, length);
            _pairStart = _previousStart;
            _pairEnd = _offset.EndOffset;
        }
        if (_previous.Length < length)
        {
            _previous = new char[length * 2];
        }
        Array.Copy(_term.Buffer, _previous, length);
        _previousLength = length;
        _previousStart = _offset.StartOffset;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _previousLength = -1;
        _pairLength = -1;
    }
}

/// <summary>Marks every token that is not a Latin/number word as a keyword so the stemmers skip it.</summary>
internal sealed class NonLatinKeywordFilter : TokenFilter
{
    private readonly ITypeAttribute _type;
    private readonly IKeywordAttribute _keyword;

    public NonLatinKeywordFilter(TokenStream input) : base(input)
    {
        _type = AddAttribute<ITypeAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        if (!string.Equals(_type.Type, MatchmakingAnalyzer.AlphaNumType, StringComparison.Ordinal))
        {
            _keyword.IsKeyword = true;
        }
        return true;
    }
}
