using System.Diagnostics;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Matchmaking.Core.Search;

namespace Matchmaking.Bench;

/// <summary>
/// CPU per document of analysing the realistic corpus's bodies, stage by stage (Lucene's lower-casing
/// stands in for ours, which is cheaper), and with the whole analyzer reused as the index writer uses it.
/// </summary>
internal static class AnalyzeProfile
{
    public static void Run(int n)
    {
        var docs = RealisticCorpus.Generate(n);
        var texts = docs.Select(d => d.Body).ToList();
        void Stage(string name, Func<TextReader, TokenStream> build)
        {
            for (int round = 0; round < 3; round++)
            {
                long tokens = 0;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                foreach (var t in texts)
                {
                    using var s = build(new StringReader(t));
                    s.AddAttribute<ICharTermAttribute>();
                    s.Reset();
                    while (s.IncrementToken()) tokens++;
                    s.End();
                }
                var sec = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                if (round == 2) Console.WriteLine($"{name,-30} {sec * 1e6 / texts.Count,6:0.0} us/doc {tokens / (double)texts.Count:0.0} tokens/doc");
            }
        }
        var v = Lucene.Net.Util.LuceneVersion.LUCENE_48;
        Stage("standard tokenizer", r => new StandardTokenizer(v, r));
        Stage("+width", r => new CJKWidthFilter(new StandardTokenizer(v, r)));
        Stage("+lower", r => new Lucene.Net.Analysis.Core.LowerCaseFilter(v, new CJKWidthFilter(new StandardTokenizer(v, r))));
        Stage("+bigram", r => new CJKBigramFilter(new Lucene.Net.Analysis.Core.LowerCaseFilter(v, new CJKWidthFilter(new StandardTokenizer(v, r))), CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA | CJKScript.HANGUL, false));
        var a = new MatchmakingAnalyzer();
        for (int round = 0; round < 3; round++)
        {
            long tokens = 0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            foreach (var t in texts)
            {
                using var s = a.GetTokenStream("all", t);
                s.Reset();
                while (s.IncrementToken()) tokens++;
                s.End();
            }
            var sec = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            if (round == 2) Console.WriteLine($"{"full analyzer (reused)",-30} {sec * 1e6 / texts.Count,6:0.0} us/doc {tokens / (double)texts.Count:0.0} tokens/doc");
        }
    }
}
