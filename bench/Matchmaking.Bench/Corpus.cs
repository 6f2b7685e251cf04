using Matchmaking.Core.Search;

namespace Matchmaking.Bench;

/// <summary>Synthetic challenge-like documents from a fixed technical vocabulary and a fixed seed.</summary>
internal static class Corpus
{
    public static readonly string[] ChineseTerms =
    [
        "熔盐泵", "高温熔盐", "光热电站", "储热系统", "长轴泵", "机械密封", "轴承寿命", "高镍三元", "正极材料", "负极材料",
        "硅碳负极", "固态电解质", "隔膜涂覆", "电解液添加剂", "锂电池", "钠离子电池", "储能电站", "电池管理系统", "热失控", "循环寿命",
        "氢燃料电池", "双极板", "质子交换膜", "催化剂", "电解槽", "碱性电解", "绿氢", "储氢罐", "加氢站", "碳纤维",
        "光刻胶", "刻蚀设备", "薄膜沉积", "晶圆清洗", "化学机械抛光", "封装基板", "引线框架", "碳化硅", "氮化镓", "功率器件",
        "激光焊接", "精密加工", "数控机床", "工业机器人", "减速器", "伺服电机", "传感器", "控制系统", "工业软件", "仿真建模",
        "风电叶片", "主轴承", "变流器", "齿轮箱", "海上风电", "光伏组件", "逆变器", "硅片切割", "银浆", "钙钛矿",
        "稀土永磁", "高温合金", "钛合金", "特种钢材", "复合材料", "陶瓷基", "涂层技术", "热处理", "粉末冶金", "增材制造",
        "生物医药", "医疗器械", "体外诊断", "基因测序", "细胞培养", "原料药", "制剂工艺", "质量控制", "临床试验", "药物筛选",
        "智能电网", "特高压", "配电自动化", "柔性直流", "电力电子", "变压器", "开关设备", "电缆附件", "绝缘材料", "故障诊断",
        "卡脖子", "国产替代", "关键零部件", "工艺验证", "小批量试制", "可靠性测试", "成本降低", "良率提升", "产能扩张", "标准制定",
        "新能源汽车", "驱动电机", "电控系统", "热管理", "轻量化", "自动驾驶", "激光雷达", "毫米波雷达", "车规芯片", "域控制器",
        "污水处理", "膜分离", "废气治理", "固废资源化", "碳捕集", "余热回收", "节能改造", "环境监测", "土壤修复", "危废处置",
    ];

    public static readonly string[] EnglishTerms =
    [
        "molten salt pump", "NCM811", "solid-state battery", "sodium-ion", "BMS", "thermal runaway", "cycle life", "PEM", "electrolyzer",
        "green hydrogen", "photoresist", "etching", "CMP", "SiC MOSFET", "GaN", "laser welding", "CNC machining", "servo motor",
        "harmonic reducer", "sensor fusion", "digital twin", "CAE simulation", "wind turbine blade", "main bearing", "inverter",
        "perovskite", "rare earth magnet", "superalloy", "titanium alloy", "additive manufacturing", "coating", "heat treatment",
        "in vitro diagnostics", "gene sequencing", "cell culture", "API synthesis", "quality control", "smart grid", "UHV",
        "power electronics", "transformer", "fault diagnosis", "localization", "reliability testing", "yield improvement",
        "EV drivetrain", "thermal management", "lidar", "automotive-grade chip", "membrane separation", "carbon capture",
        "waste heat recovery", "pumps", "seals", "bearings", "cathode", "anode", "separator", "electrolyte", "catalyst",
    ];

    private static readonly string[] ChineseModifiers =
    [
        "高温", "低成本", "大尺寸", "高纯", "车规级", "耐腐蚀", "高精度", "超薄", "长寿命", "智能", "国产化", "高可靠",
        "大功率", "低功耗", "柔性", "模块化", "在线", "快速", "高效", "新型",
    ];

    private static readonly string[] EnglishModifiers =
    [
        "high-temperature", "low-cost", "automotive", "industrial", "precision", "high-purity", "compact", "long-life",
        "smart", "modular",
    ];

    /// <summary>Heads plus modifier+head compounds (about 2,500 Chinese and 670 English terms), in a fixed shuffled rank order.</summary>
    private static readonly string[] ChineseVocabulary = Vocabulary(ChineseTerms, ChineseModifiers, "", 99);
    private static readonly string[] EnglishVocabulary = Vocabulary(EnglishTerms, EnglishModifiers, " ", 98);

    private static string[] Vocabulary(string[] heads, string[] modifiers, string joiner, int seed)
    {
        var all = heads.Concat(modifiers.SelectMany(m => heads.Select(h => m + joiner + h))).Distinct().ToArray();
        new Random(seed).Shuffle(all);
        return all;
    }

    private static readonly string[] Connectors =
    [
        "，需要解决", "，目前依赖进口", "，要求在", "条件下稳定运行", "；现有方案存在", "问题，希望", "合作开发", "，并完成",
        "，指标包括", "，应用于", "。企业希望与高校和科研院所联合攻关", "，预算充足", "，可提供试验平台", "。",
    ];

    public static readonly string[] FacetNames = ["chain", "node", "bottleneck", "field", "region", "status", "budgetBand"];

    private static readonly Dictionary<string, int> FacetCardinality = new()
    {
        ["chain"] = 12, ["node"] = 60, ["bottleneck"] = 5, ["field"] = 40, ["region"] = 31, ["status"] = 5, ["budgetBand"] = 6,
    };

    public static List<IndexDocument> Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var docs = new List<IndexDocument>(count);
        var epoch = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < count; i++)
        {
            string Term() => random.Next(4) == 0
                ? EnglishVocabulary[Zipf(random, EnglishVocabulary.Length, 1.5)]
                : ChineseVocabulary[Zipf(random, ChineseVocabulary.Length, 1.5)];
            var title = string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => Term())) + (random.Next(3) == 0 ? "技术攻关" : "");
            var body = new System.Text.StringBuilder();
            int sentences = random.Next(6, 14);
            for (int s = 0; s < sentences; s++)
            {
                body.Append(Term()).Append(Connectors[random.Next(Connectors.Length)]);
                if (random.Next(3) == 0) body.Append(' ').Append(Term()).Append(' ');
            }
            var facets = Facets(random);
            docs.Add(new IndexDocument
            {
                Id = "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Title = title,
                Body = body.ToString(),
                Skills = Enumerable.Range(0, random.Next(2, 6)).Select(_ => Term()).Distinct().ToList(),
                Facets = facets,
                Numbers = new Dictionary<string, double> { ["budget"] = Math.Round(random.NextDouble() * 5_000_000) },
                Dates = new Dictionary<string, DateTime>
                {
                    ["published"] = epoch.AddMinutes(random.Next(0, 60 * 24 * 700)),
                    ["deadline"] = epoch.AddDays(random.Next(30, 900)),
                },
            });
        }
        return docs;
    }

    /// <summary>The 7 facets (chain, node, …): node and field take one or two values, the rest one.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Facets(Random random)
    {
        var facets = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var facet in FacetNames)
        {
            int values = facet is "field" or "node" ? random.Next(1, 3) : 1;
            facets[facet] = Enumerable.Range(0, values).Select(_ => $"{facet}{Zipf(random, FacetCardinality[facet], 2.2)}").Distinct().ToList();
        }
        return facets;
    }

    /// <summary>Typical queries: 1–10 terms taken from a random document, so the AND query finds it.</summary>
    public static List<string> Queries(IReadOnlyList<IndexDocument> docs, int count, int seed = 7)
    {
        var random = new Random(seed);
        var queries = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            var doc = docs[random.Next(docs.Count)];
            var pool = doc.Skills.Concat(Split(doc.Title)).Distinct().ToList();
            // Mostly short queries, as people type them; one in five up to 10 terms.
            int terms = random.Next(5) == 0 ? random.Next(4, 11) : random.Next(1, 4);
            var words = new List<string>();
            for (int t = 0; t < terms; t++)
            {
                words.Add(random.Next(6) == 0 ? Term(random) : pool[random.Next(pool.Count)]);
            }
            queries.Add(string.Join(' ', words));
        }
        return queries;
    }

    private static string Term(Random random) => random.Next(2) == 0
        ? EnglishVocabulary[Zipf(random, EnglishVocabulary.Length, 1.5)]
        : ChineseVocabulary[Zipf(random, ChineseVocabulary.Length, 1.5)];

    private static readonly string[] LongestFirst = ChineseVocabulary.Concat(EnglishVocabulary).OrderByDescending(t => t.Length).ToArray();

    /// <summary>The vocabulary terms a title was built from (longest first, so compounds win over their heads).</summary>
    private static IEnumerable<string> Split(string title)
    {
        var found = new List<string>();
        var rest = title;
        foreach (var term in LongestFirst)
        {
            if (rest.Contains(term, StringComparison.Ordinal))
            {
                found.Add(term);
                rest = rest.Replace(term, "|", StringComparison.Ordinal);
            }
        }
        return found;
    }

    /// <summary>Skewed choice: low ranks are more frequent, as in real text (larger exponent, more skew).</summary>
    private static int Zipf(Random random, int n, double exponent) => Math.Min(n - 1, (int)(n * Math.Pow(random.NextDouble(), exponent)));
}
