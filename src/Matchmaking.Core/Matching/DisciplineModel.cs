namespace Matchmaking.Core.Matching;

/// <summary>
/// A multinomial naive Bayes model from text to discipline codes, trained on the indexed items that
/// declare codes (their words and bigrams, all fields) and kept up to date by every write, so it costs
/// no separate training step. It predicts a discipline distribution for text without codes: a demand
/// that states none, or a profile that declares none.
/// </summary>
/// <remarks>
/// Stored term-major (term → class counts), so a prediction costs the postings of the query's terms,
/// not terms × classes. Naive Bayes is over-confident on long texts; <see cref="Predict"/> divides the
/// log-likelihood by the text's length and a temperature before the softmax.
/// </remarks>
internal sealed class DisciplineModel
{
    private const double Alpha = 0.1;
    // ln(n + α) − ln α for the small counts most (term, class) pairs have: a prediction meets thousands of them.
    private static readonly double[] SeenGainTable = Enumerable.Range(0, 4096).Select(n => Math.Log(n + Alpha) - Math.Log(Alpha)).ToArray();
    // Term → (class id → count); class ids index _classNames, so a prediction adds into an array without hashing codes.
    private readonly Dictionary<string, Dictionary<int, int>> _termClasses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _classIds = new(StringComparer.Ordinal);
    private readonly List<string> _classNames = [];
    private readonly Dictionary<string, long> _classTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _classDocs = new(StringComparer.Ordinal);
    private int _docs;

    public int ClassCount => _classDocs.Count;

    /// <summary>The model's features of an item's terms: its words and bigrams (CJK single characters carry little topic).</summary>
    public static Dictionary<string, int> Features(IEnumerable<(string Term, int Tf)> terms)
    {
        var features = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (term, tf) in terms)
        {
            if (!Text.IsCjkUnigram(term))
            {
                features[term] = features.GetValueOrDefault(term) + tf;
            }
        }
        return features;
    }

    public void Tally(MatchItem item, Dictionary<string, int> features, int delta)
    {
        if (item.Fields.Count == 0)
        {
            return;
        }
        long tokens = features.Sum(f => (long)f.Value);
        _docs += delta;
        foreach (var code in item.Fields)
        {
            if (!_classIds.TryGetValue(code, out var classId))
            {
                _classIds[code] = classId = _classNames.Count;
                _classNames.Add(code);
            }
            ItemStore.AddCount(_classDocs, code, delta);
            long total = (_classTokens.TryGetValue(code, out var t) ? t : 0) + delta * tokens;
            if (total <= 0)
            {
                _classTokens.Remove(code);
            }
            else
            {
                _classTokens[code] = total;
            }
            foreach (var (term, tf) in features)
            {
                if (!_termClasses.TryGetValue(term, out var classes))
                {
                    _termClasses[term] = classes = [];
                }
                ItemStore.AddCount(classes, classId, delta * tf);
                if (classes.Count == 0)
                {
                    _termClasses.Remove(term);
                }
            }
        }
    }

    /// <summary>
    /// P(code | text) for the weighted terms, with the <paramref name="excluded"/> items' own counts left
    /// out (an item must not predict its own label); classes below <paramref name="minProbability"/> dropped.
    /// </summary>
    public Dictionary<string, double> Predict(IEnumerable<KeyValuePair<string, double>> terms,
        IReadOnlyCollection<(IReadOnlyList<string> Fields, Dictionary<string, int> Tf)> excludedFeatures, double temperature, double minProbability = 1e-3)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (_classDocs.Count == 0)
        {
            return result;
        }
        var classDocs = new Dictionary<string, double>(StringComparer.Ordinal);
        var classTokens = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (code, docs) in _classDocs)
        {
            classDocs[code] = docs;
            classTokens[code] = _classTokens.GetValueOrDefault(code);
        }
        foreach (var (fields, tf) in excludedFeatures)
        {
            foreach (var code in fields)
            {
                if (classDocs.ContainsKey(code))
                {
                    classDocs[code] -= 1;
                    classTokens[code] -= tf.Values.Sum();
                }
            }
        }
        double vocabulary = Math.Max(1, _termClasses.Count);
        double totalDocs = Math.Max(1, classDocs.Values.Sum());
        double length = 0;
        var known = new List<(Dictionary<int, int> Classes, string Term, double Weight)>();
        foreach (var (term, weight) in terms)
        {
            if (weight <= 0 || Text.IsCjkUnigram(term) || !_termClasses.TryGetValue(term, out var classes))
            {
                continue;
            }
            known.Add((classes, term, weight));
            length += weight;
        }
        if (length <= 0)
        {
            return result;
        }
        // Log-likelihood by class id; NaN for a class without documents (left out).
        var logLikelihood = new double[_classNames.Count];
        Array.Fill(logLikelihood, double.NaN);
        foreach (var (code, docs) in classDocs)
        {
            if (docs > 0 && _classIds.TryGetValue(code, out var id))
            {
                // Every term starts as unseen in the class; the postings below correct the ones it has seen.
                logLikelihood[id] = length * (Math.Log(Alpha) - Math.Log(Math.Max(0, classTokens[code]) + Alpha * vocabulary));
            }
        }
        foreach (var (classes, term, weight) in known)
        {
            foreach (var (id, count) in classes)
            {
                double ll = logLikelihood[id];
                if (double.IsNaN(ll))
                {
                    continue;
                }
                double n = count;
                foreach (var (fields, tf) in excludedFeatures)
                {
                    if (tf.TryGetValue(term, out var own) && fields.Contains(_classNames[id], StringComparer.Ordinal))
                    {
                        n -= own;
                    }
                }
                if (n > 0)
                {
                    logLikelihood[id] = ll + weight * (n < SeenGainTable.Length ? SeenGainTable[(int)n] : Math.Log(n + Alpha) - Math.Log(Alpha));
                }
            }
        }
        double t = Math.Max(1e-6, temperature) * length;
        var logits = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int id = 0; id < logLikelihood.Length; id++)
        {
            if (!double.IsNaN(logLikelihood[id]))
            {
                var code = _classNames[id];
                logits[code] = (Math.Log(classDocs[code] / totalDocs) + logLikelihood[id]) / t;
            }
        }
        double max = logits.Values.Max();
        double sum = 0;
        foreach (var (code, logit) in logits)
        {
            double p = Math.Exp(logit - max);
            result[code] = p;
            sum += p;
        }
        foreach (var code in result.Keys.ToArray())
        {
            double p = result[code] / sum;
            if (p < minProbability)
            {
                result.Remove(code);
            }
            else
            {
                result[code] = p;
            }
        }
        return result;
    }
}
