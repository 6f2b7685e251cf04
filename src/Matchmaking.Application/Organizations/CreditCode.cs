namespace Matchmaking.Application.Organizations;

/// <summary>Unified social credit code 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character
/// alphabet (no I, O, S, V, Z); the last is a check character over the first 17 (weights 3^i mod 31).</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public enum Problem { None, Empty, WrongLength, InvalidCharacter, BadRegion, WrongCheckCharacter }

    public static Problem Check(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return Problem.Empty;
        code = Normalize(code);
        if (code.Length != 18) return Problem.WrongLength;
        foreach (var c in code)
            if (Alphabet.IndexOf(c) < 0) return Problem.InvalidCharacter;
        // Characters 3–8 are the registering authority's GB/T 2260 division code: digits only.
        for (var i = 2; i < 8; i++)
            if (!char.IsAsciiDigit(code[i])) return Problem.BadRegion;
        return code[17] == CheckCharacter(code.AsSpan(0, 17)) ? Problem.None : Problem.WrongCheckCharacter;
    }

    public static bool IsValid(string? code) => Check(code) == Problem.None;

    /// <summary>Upper-cases and trims, folding full-width letters and digits people paste from documents.</summary>
    public static string Normalize(string code)
    {
        Span<char> buffer = stackalloc char[Math.Min(code.Length, 64)];
        var n = 0;
        foreach (var raw in code.Trim())
        {
            if (n == buffer.Length) break;
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            buffer[n++] = char.ToUpperInvariant(c);
        }
        return new string(buffer[..n]);
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("need the first 17 characters", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i]);
            if (v < 0) throw new ArgumentException($"'{first17[i]}' is not a credit-code character", nameof(first17));
            sum += v * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>The explanation shown next to the form field, in the reader's language.</summary>
    public static string Describe(Problem problem) => problem switch
    {
        Problem.None => "",
        Problem.Empty => L("请填写统一社会信用代码", "Enter the unified social credit code"),
        Problem.WrongLength => L("统一社会信用代码应为18位", "The unified social credit code must be 18 characters long"),
        Problem.InvalidCharacter => L("统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）", "The unified social credit code may contain only digits and capital letters (not I, O, S, V or Z)"),
        Problem.BadRegion => L("第3–8位应为行政区划代码（数字）", "Characters 3–8 must be an administrative region code (digits)"),
        Problem.WrongCheckCharacter => L("校验位不正确，请核对统一社会信用代码（GB 32100-2015）", "The check character is wrong; check the unified social credit code (GB 32100-2015)"),
        _ => problem.ToString(),
    };
}
