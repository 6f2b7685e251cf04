using System.Globalization;
using System.Text.RegularExpressions;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Exchange;
using Matchmaking.Application.Matching;
using Matchmaking.Application.Taxonomy;
using MiniExcelLibs;

namespace Matchmaking.Application.DemandLists;

/// <summary>One item as read from a file, before it is checked: every value still text, with its row / line number.</summary>
public sealed record RawDemandItem(int Line, string? Id, string? Title, string? Description, string? Chain, string? Node,
    string? Bottleneck, IReadOnlyList<string> Skills, IReadOnlyList<string> Fields, string? Budget)
{
    /// <summary>True when <see cref="Skills"/> holds one spreadsheet cell still to be split (with the known skills in view).</summary>
    public bool SkillsUnsplit { get; init; }
}

/// <summary>What items are checked against: the list's chain with its nodes, the known discipline codes and the skill vocabulary.</summary>
public sealed record DemandItemContext(IndustryChain Chain, IReadOnlySet<string> FieldCodes, SkillVocabulary Vocabulary)
{
    /// <summary>Every surface form of the known skills (case-insensitive), so that a space-separated cell keeps "molten salt pump" whole.</summary>
    public IReadOnlySet<string> SkillForms { get; init; } = new HashSet<string>();
}

/// <summary>
/// Reading and writing demand-list items: Excel (.xlsx, MiniExcel) and JSON Lines (the challenge / demand exchange format of
/// DESIGN.md §6). Both readers produce <see cref="RawDemandItem"/>s that <see cref="Check"/> turns into item contents or
/// errors numbered by spreadsheet row (the header is row 1) or JSON line; an import with any error imports nothing.
/// </summary>
public static class DemandListExchange
{
    public const int MaxItems = 2000;

    /// <summary>The spreadsheet columns, in export order: the header written, then every header accepted (case-insensitive,
    /// ignoring spaces and a unit in brackets, and "中文/English" written together).</summary>
    public static readonly IReadOnlyList<(string Key, string Header, string[] Aliases)> Columns =
    [
        ("id", "编号", ["编号", "id", "externalid", "序号编号"]),
        ("title", "名称", ["名称", "需求名称", "title", "name"]),
        ("description", "描述", ["描述", "需求描述", "description"]),
        ("node", "环节", ["环节", "产业链环节", "node", "chainnode"]),
        ("bottleneck", "卡点类型", ["卡点类型", "类型", "bottleneck", "bottlenecktype"]),
        ("skills", "技术标签", ["技术标签", "标签", "skills", "skill"]),
        ("fields", "学科", ["学科", "学科代码", "fields", "field", "fieldcodes"]),
        ("budget", "榜额（万元）", ["榜额", "budgetwan", "budget"]),
    ];

    private static readonly string[] RequiredColumns = ["title", "node", "bottleneck"];

    // --- reading ---------------------------------------------------------------------------------------------

    /// <summary>Reads the first sheet of an .xlsx file: row 1 is the header; blank rows are skipped; rows keep their sheet numbers.</summary>
    public static (List<RawDemandItem> Items, List<LineError> Errors) ReadXlsx(Stream xlsx)
    {
        var (rows, errors) = ReadXlsxRows(xlsx, Columns, RequiredColumns);
        var items = rows.Select(r => new RawDemandItem(r.Row, r.Cell("id"), r.Cell("title"), r.Cell("description"), null, r.Cell("node"),
            r.Cell("bottleneck"), [r.Cell("skills") ?? ""], SplitList(r.Cell("fields")), r.Cell("budget")) { SkillsUnsplit = true }).ToList();
        return (items, errors);
    }

    /// <summary>One spreadsheet row below the header: its sheet row number and its cells by column key (text; null when absent).</summary>
    public sealed record XlsxRow(int Row, IReadOnlyDictionary<string, string?> Cells)
    {
        public string? Cell(string key) => Cells.GetValueOrDefault(key);
    }

    /// <summary>Reads the first sheet of an .xlsx file against a set of columns: row 1 is the header (matched by
    /// <see cref="ColumnOf"/>), blank rows are skipped, rows keep their sheet numbers. A missing required column or an
    /// unreadable file is one error on row 1. Shared by demand-list and challenge imports.</summary>
    public static (List<XlsxRow> Rows, List<LineError> Errors) ReadXlsxRows(Stream xlsx,
        IReadOnlyList<(string Key, string Header, string[] Aliases)> columns, IReadOnlyList<string> required)
    {
        var errors = new List<LineError>();
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = MiniExcel.Query(Seekable(xlsx), useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            errors.Add(new LineError(1, $"无法读取 Excel 文件 (not a readable .xlsx file): {ex.Message}"));
            return ([], errors);
        }
        if (rows.Count == 0) { errors.Add(new LineError(1, "文件为空，缺少表头 (empty file, header row missing)")); return ([], errors); }

        var letters = new Dictionary<string, string>(); // key → column letter
        foreach (var (letter, value) in rows[0])
        {
            var key = ColumnOf(Text(value), columns);
            if (key is not null) letters.TryAdd(key, letter);
        }
        var missing = required.Where(k => !letters.ContainsKey(k)).Select(k => columns.First(c => c.Key == k).Header).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new LineError(1, $"表头缺少列 (missing columns): {string.Join("、", missing)}"));
            return ([], errors);
        }

        var result = new List<XlsxRow>();
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Values.All(v => string.IsNullOrWhiteSpace(Text(v)))) continue;
            result.Add(new XlsxRow(i + 1, letters.ToDictionary(c => c.Key, c => row.TryGetValue(c.Value, out var v) ? Text(v) : null)));
        }
        return (result, errors);
    }

    /// <summary>Reads JSON Lines in the challenge / demand exchange format.</summary>
    public static (List<RawDemandItem> Items, List<LineError> Errors) ReadJsonLines(Stream jsonLines)
    {
        var (records, errors) = JsonLines.Read<DemandRecord>(jsonLines);
        var items = records.Select(r => new RawDemandItem(r.Line, r.Record.Id, r.Record.Title, r.Record.Description, r.Record.Chain,
            r.Record.Node, r.Record.Bottleneck, r.Record.Skills ?? [], r.Record.Fields ?? [],
            r.Record.BudgetWan?.ToString(CultureInfo.InvariantCulture))).ToList();
        return (items, errors);
    }

    /// <summary>Checks read items against the list's chain and the taxonomy: every problem of a row in one error with its number.</summary>
    public static (List<DemandItemContent> Items, List<LineError> Errors) Check(IEnumerable<RawDemandItem> raw, DemandItemContext context)
    {
        var items = new List<DemandItemContent>();
        var errors = new List<LineError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = context.Chain.Nodes;
        foreach (var r in raw)
        {
            var problems = new List<string>();
            var id = DemandList.Normalize(r.Id);
            if (id is not null)
            {
                if (seen.TryGetValue(id, out var first)) problems.Add($"编号“{id}”与第{first}行重复 (duplicate id, first on line {first})");
                else seen[id] = r.Line;
            }
            var chain = r.Chain?.Trim();
            if (!string.IsNullOrEmpty(chain) && !SameName(chain, context.Chain.Name) && !SameName(chain, context.Chain.EnglishName))
                problems.Add($"产业链“{chain}”不是本清单的产业链“{context.Chain.Name}” (chain does not match the list)");
            var nodeName = r.Node?.Trim();
            ChainNode? node = null;
            if (string.IsNullOrEmpty(nodeName)) problems.Add("缺少环节 (missing node)");
            else
            {
                node = nodes.FirstOrDefault(n => SameName(nodeName, n.Name)) ?? nodes.FirstOrDefault(n => SameName(nodeName, n.EnglishName));
                if (node is null)
                    problems.Add($"环节“{nodeName}”不在产业链“{context.Chain.Name}”中 (unknown node; known: {string.Join("、", nodes.OrderBy(n => n.Segment).ThenBy(n => n.SortOrder).Select(n => n.Name))})");
            }
            BottleneckType? bottleneck = null;
            if (string.IsNullOrWhiteSpace(r.Bottleneck)) problems.Add("缺少卡点类型 (missing bottleneck: 卡点/堵点/盲点)");
            else if (ParseBottleneck(r.Bottleneck) is { } b) bottleneck = b;
            else problems.Add($"卡点类型“{r.Bottleneck.Trim()}”应为 卡点/堵点/盲点 (Chokepoint/Blockage/BlindSpot)");
            var fields = r.Fields.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).Distinct().ToList();
            foreach (var f in fields.Where(f => !context.FieldCodes.Contains(f)))
                problems.Add($"学科代码“{f}”不存在 (unknown discipline code)");
            decimal? budget = null;
            if (!string.IsNullOrWhiteSpace(r.Budget))
            {
                if (decimal.TryParse(r.Budget.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) budget = value;
                else problems.Add($"榜额“{r.Budget.Trim()}”不是数字 (budget must be a number in 万元)");
            }
            var content = new DemandItemContent
            {
                Title = r.Title?.Trim() ?? "", Description = r.Description?.Trim() ?? "", ChainNodeId = node?.Id ?? 0,
                Bottleneck = bottleneck ?? BottleneckType.Chokepoint, Skills = context.Vocabulary.NormalizeAll(r.SkillsUnsplit ? SplitList(r.Skills.FirstOrDefault(), context.SkillForms) : r.Skills),
                FieldCodes = fields, BudgetWan = budget, ExternalId = id,
            };
            // The content's own rules, except those already reported above in the file's terms.
            var own = content.Validate();
            own.Remove(nameof(DemandItemContent.ChainNodeId));
            if (own.Remove(nameof(DemandItemContent.Title), out var titleProblem)) problems.Insert(0, titleProblem + " (title)");
            problems.AddRange(own.Values);
            if (problems.Count > 0) errors.Add(new LineError(r.Line, string.Join("；", problems)));
            else items.Add(content);
        }
        if (items.Count + errors.Count > MaxItems) errors.Add(new LineError(0, $"一次最多导入 {MaxItems} 条 (at most {MaxItems} items)"));
        return (items, errors.OrderBy(e => e.Line).ToList());
    }

    public static BottleneckType? ParseBottleneck(string? raw) => Regex.Replace(raw ?? "", @"[\s_\-]", "").ToLowerInvariant() switch
    {
        "卡点" or "chokepoint" or "1" => BottleneckType.Chokepoint,
        "堵点" or "blockage" or "2" => BottleneckType.Blockage,
        "盲点" or "blindspot" or "3" => BottleneckType.BlindSpot,
        _ => null,
    };

    public static string BottleneckName(BottleneckType b) => b switch
    {
        BottleneckType.Chokepoint => "卡点",
        BottleneckType.Blockage => "堵点",
        BottleneckType.BlindSpot => "盲点",
        _ => b.ToString(),
    };

    /// <summary>Splits a cell of skills or fields: by 、 , ， ; ； or line breaks; by spaces only when none of those appears
    /// (so "molten salt pump、熔盐泵" keeps the English term whole).</summary>
    public static List<string> SplitList(string? cell, IReadOnlySet<string>? knownForms = null)
    {
        if (string.IsNullOrWhiteSpace(cell)) return [];
        if (Regex.IsMatch(cell, "[、,，;；\r\n]"))
            return Regex.Split(cell, "[、,，;；\r\n]+").Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().ToList();
        // Spaces only: consecutive words that together name a known skill stay together (longest first).
        var words = Regex.Split(cell.Trim(), @"\s+");
        var parts = new List<string>();
        for (var i = 0; i < words.Length;)
        {
            var j = words.Length;
            while (j > i + 1 && !(knownForms?.Contains(string.Join(" ", words[i..j])) ?? false)) j--;
            parts.Add(string.Join(" ", words[i..j]));
            i = j;
        }
        return parts.Distinct().ToList();
    }

    // --- writing ---------------------------------------------------------------------------------------------

    /// <summary>Writes the items as an .xlsx sheet with the import columns (header in row 1), so that the file imports back unchanged.</summary>
    public static void WriteXlsx(Stream output, IEnumerable<DemandItem> items, IReadOnlyDictionary<int, string> nodeNames, string sheetName = "需求清单")
    {
        var rows = items.Select(i => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["编号"] = i.ExternalId ?? "",
            ["名称"] = i.Title,
            ["描述"] = i.Description,
            ["环节"] = nodeNames.GetValueOrDefault(i.ChainNodeId, ""),
            ["卡点类型"] = BottleneckName(i.Bottleneck),
            ["技术标签"] = JoinList(i.Skills),
            ["学科"] = JoinList(i.FieldCodes),
            ["榜额（万元）"] = i.BudgetWan?.ToString(CultureInfo.InvariantCulture) ?? "",
        }).ToList();
        if (rows.Count == 0)
            rows.Add(Columns.ToDictionary(c => c.Header, _ => (object?)""));
        var config = new MiniExcelLibs.OpenXml.OpenXmlConfiguration { TableStyles = MiniExcelLibs.OpenXml.TableStyles.None };
        output.SaveAs(rows, sheetName: sheetName, excelType: ExcelType.XLSX, configuration: config);
    }

    /// <summary>Joined with 、; a single value containing a space gets a trailing 、 so that the reader does not split it at the spaces.</summary>
    public static string JoinList(IReadOnlyCollection<string> values) =>
        values.Count == 1 && values.First().Any(char.IsWhiteSpace) ? values.First() + "、" : string.Join("、", values);

    private static string? ColumnOf(string? header, IReadOnlyList<(string Key, string Header, string[] Aliases)> columns)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        foreach (var part in header.Split('/', '／').Prepend(header))
        {
            var key = Regex.Replace(Regex.Replace(part, @"[（(\[【].*?[）)\]】]", ""), @"[\s_\-:：*]", "").ToLowerInvariant();
            foreach (var c in columns)
                if (c.Aliases.Contains(key)) return c.Key;
        }
        return null;
    }

    public static bool SameName(string a, string? b) =>
        b is not null && string.Equals(a.Trim().Normalize(System.Text.NormalizationForm.FormKC), b.Trim().Normalize(System.Text.NormalizationForm.FormKC),
            StringComparison.OrdinalIgnoreCase);

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("0.############", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        long n => n.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>MiniExcel needs to seek (an .xlsx is a zip); uploads are copied into memory first.</summary>
    private static Stream Seekable(Stream s)
    {
        if (s.CanSeek) return s;
        var copy = new MemoryStream();
        s.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
