using System.Text;
using System.Text.Json;

namespace Matchmaking.Application.Exchange;

public sealed record LineError(int Line, string Message)
{
    public override string ToString() => $"第{Line}行 (line {Line}): {Message}";
}

/// <summary>Thrown when an import file has errors; nothing was imported.</summary>
public sealed class ImportFailedException(IReadOnlyList<LineError> errors)
    : Common.DomainException("import_failed",
        L($"导入失败，未导入任何记录：{errors.Count} 个错误", $"Import failed, nothing imported: {errors.Count} error(s)") + "\n" + string.Join("\n", errors.Take(50)))
{
    public IReadOnlyList<LineError> Errors { get; } = errors;
}

/// <summary>The importer's own ids (<c>id</c>): present, at most <see cref="MaxLength"/> characters, unique within a file.</summary>
public static class ExternalIds
{
    public const int MaxLength = 100;

    /// <summary>The trimmed id, or null with the problem added to <paramref name="problems"/>; <paramref name="seen"/>
    /// remembers the line (row) of every id so far.</summary>
    public static string? Check(string? raw, int line, Dictionary<string, int> seen, List<string> problems)
    {
        var id = raw?.Trim();
        if (string.IsNullOrEmpty(id)) problems.Add("缺少 id (missing id)");
        else if (id.Length > MaxLength) problems.Add($"id 超过{MaxLength}个字符 (id too long)");
        else if (seen.TryGetValue(id, out var first)) problems.Add($"id “{id}” 与第{first}行重复 (duplicate id, first on line {first})");
        else { seen[id] = line; return id; }
        return null;
    }
}

/// <summary>Reads JSON Lines: one object per line, blank lines skipped, every problem reported with its line
/// number. Lines over <see cref="MaxLineBytes"/> are refused without being parsed.</summary>
public static class JsonLines
{
    public const int MaxLineBytes = 1 << 20;
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static (List<(int Line, T Record)> Records, List<LineError> Errors) Read<T>(Stream input) where T : class
    {
        var records = new List<(int, T)>();
        var errors = new List<LineError>();
        var line = 0;
        foreach (var raw in Lines(input))
        {
            line++;
            if (raw.TooLong) { errors.Add(new LineError(line, $"行过长，超过 {MaxLineBytes / 1024} KB (line too long)")); continue; }
            var text = raw.Text.Trim();
            if (text.Length == 0) continue;
            if (line == 1 && text[0] == '\uFEFF') text = text[1..];
            try
            {
                var record = JsonSerializer.Deserialize<T>(text, Options);
                if (record is null) errors.Add(new LineError(line, "应为一个 JSON 对象 (expected a JSON object)"));
                else records.Add((line, record));
            }
            catch (JsonException ex)
            {
                errors.Add(new LineError(line, $"JSON 格式错误 (invalid JSON): {ex.Message.Split(" Path:")[0]}"));
            }
        }
        return (records, errors);
    }

    /// <summary>Splits UTF-8 input into lines without ever holding more than one maximal line in memory.</summary>
    private static IEnumerable<(string Text, bool TooLong)> Lines(Stream input)
    {
        var buffer = new MemoryStream();
        var tooLong = false;
        int b;
        while ((b = input.ReadByte()) != -1)
        {
            if (b == '\n')
            {
                yield return (tooLong ? "" : Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimEnd('\r'), tooLong);
                buffer.SetLength(0);
                tooLong = false;
                continue;
            }
            if (tooLong) continue;
            if (buffer.Length >= MaxLineBytes) { tooLong = true; buffer.SetLength(0); continue; }
            buffer.WriteByte((byte)b);
        }
        if (buffer.Length > 0 || tooLong)
            yield return (tooLong ? "" : Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimEnd('\r'), tooLong);
    }

    public static string Write<T>(T record) => JsonSerializer.Serialize(record, WriteOptions);

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
