namespace Matchmaking.Application.Organizations;

/// <summary>GB/T 2260 division codes: the provinces, and Gansu's prefecture-level divisions (the demo province).</summary>
public static class Regions
{
    public static readonly IReadOnlyDictionary<string, string> Known = new Dictionary<string, string>
    {
        ["110000"] = "北京市", ["120000"] = "天津市", ["130000"] = "河北省", ["140000"] = "山西省",
        ["150000"] = "内蒙古自治区", ["210000"] = "辽宁省", ["220000"] = "吉林省", ["230000"] = "黑龙江省",
        ["310000"] = "上海市", ["320000"] = "江苏省", ["330000"] = "浙江省", ["340000"] = "安徽省",
        ["350000"] = "福建省", ["360000"] = "江西省", ["370000"] = "山东省", ["410000"] = "河南省",
        ["420000"] = "湖北省", ["430000"] = "湖南省", ["440000"] = "广东省", ["450000"] = "广西壮族自治区",
        ["460000"] = "海南省", ["500000"] = "重庆市", ["510000"] = "四川省", ["520000"] = "贵州省",
        ["530000"] = "云南省", ["540000"] = "西藏自治区", ["610000"] = "陕西省", ["620000"] = "甘肃省",
        ["630000"] = "青海省", ["640000"] = "宁夏回族自治区", ["650000"] = "新疆维吾尔自治区",
        ["620100"] = "兰州市", ["620200"] = "嘉峪关市", ["620300"] = "金昌市", ["620400"] = "白银市",
        ["620500"] = "天水市", ["620600"] = "武威市", ["620700"] = "张掖市", ["620800"] = "平凉市",
        ["620900"] = "酒泉市", ["621000"] = "庆阳市", ["621100"] = "定西市", ["621200"] = "陇南市",
        ["622900"] = "临夏回族自治州", ["623000"] = "甘南藏族自治州",
    };

    public static bool IsValidCode(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit) && int.Parse(code[..2]) is >= 11 and <= 82;

    public static string? NameOf(string code) => Known.TryGetValue(code, out var n) ? n : null;

    /// <summary>The province a division belongs to (first two digits + 0000).</summary>
    public static string ProvinceOf(string code) => code.Length >= 2 ? code[..2] + "0000" : code;
}
