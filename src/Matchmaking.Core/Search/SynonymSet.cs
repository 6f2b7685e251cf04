using System.Text;

namespace Matchmaking.Core.Search;

/// <summary>
/// Groups of equivalent surface forms, e.g. {熔盐泵, 高温熔盐泵, molten salt pump}. Forms are
/// compared after width folding, lower-casing and whitespace collapsing.
/// </summary>
public sealed class SynonymSet
{
    private readonly Dictionary<string, string[]> _groups = new(StringComparer.Ordinal);

    public SynonymSet(IEnumerable<IReadOnlyList<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var group in groups)
        {
            var forms = group.Select(f => (f ?? "").Trim()).Where(f => f.Length > 0).Distinct().ToArray();
            if (forms.Length < 2)
            {
                continue;
            }
            foreach (var form in forms)
            {
                var key = Normalize(form);
                // A form listed in two groups joins them.
                _groups[key] = _groups.TryGetValue(key, out var existing)
                    ? existing.Concat(forms).Distinct().ToArray()
                    : forms;
            }
            MaxWords = Math.Max(MaxWords, forms.Max(f => Normalize(f).Count(c => c == ' ') + 1));
        }
    }

    public static SynonymSet Empty { get; } = new([]);

    /// <summary>The largest number of space-separated words in any form.</summary>
    public int MaxWords { get; private set; } = 1;

    public bool IsEmpty => _groups.Count == 0;

    /// <summary>All forms equivalent to <paramref name="term"/>, itself included; just the term when it has none.</summary>
    public IReadOnlyList<string> Expand(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return _groups.TryGetValue(Normalize(term), out var forms) ? forms : [term];
    }

    internal bool TryGetGroup(string term, out string[] forms) => _groups.TryGetValue(Normalize(term), out forms!);

    internal static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (var raw in text)
        {
            var c = WidthFoldingCharFilter.Fold(raw);
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
