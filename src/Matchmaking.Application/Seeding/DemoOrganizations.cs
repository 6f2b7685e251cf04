using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;

namespace Matchmaking.Application.Seeding;

/// <summary>The invented organisations and people of the demo data set (no real entities).</summary>
internal static class DemoOrganizations
{
    internal sealed record OrgSeed(string Key, string Name, OrganizationType Type, string Region,
        bool Leader = false, bool Sme = false, bool Verified = true);

    private const OrganizationType E = OrganizationType.Enterprise, U = OrganizationType.University,
        R = OrganizationType.ResearchInstitute;

    public static readonly IReadOnlyList<OrgSeed> Orgs =
    [
        // Chain-leading enterprises 链主企业
        new("hx-ne", "河西新能源装备集团有限公司", E, "620900", Leader: true),
        new("ql-steel", "祁连钢铁集团有限公司", E, "620200", Leader: true),
        new("hh-petro", "黄河石化有限公司", E, "620100", Leader: true),
        new("jc-nico", "金昌镍源集团有限公司", E, "620300", Leader: true),
        new("yc-nf", "银城有色金属集团有限公司", E, "620400", Leader: true),
        new("hk-al", "河口铝业有限公司", E, "620100", Leader: true),
        new("ld-coal", "陇东能源化工集团有限公司", E, "621000", Leader: true),
        new("ts-cnc", "天水陇星数控机床股份有限公司", E, "620500", Leader: true),
        new("qh-pharma", "定西岐黄中药材集团有限公司", E, "621100", Leader: true),
        new("ld-data", "陇东算力科技有限公司", E, "621000", Leader: true),
        new("ql-space", "祁连航天科技有限公司", E, "620100", Leader: true),
        new("gb-nuclear", "戈壁核技术装备有限公司", E, "620900", Leader: true),
        new("hx-seed", "河西走廊种业有限公司", E, "620700", Leader: true),
        new("ly-road", "陇原交通建设集团有限公司", E, "620100", Leader: true),
        // Specialised SMEs 专精特新
        new("ly-htm", "陇原高温材料有限公司", E, "620100", Sme: true),
        new("jc-pump", "金城精密泵阀有限公司", E, "620100", Sme: true),
        new("yc-magnet", "银城稀土永磁科技有限公司", E, "620400", Sme: true),
        new("zy-sensor", "张掖智感传感科技有限公司", E, "620700", Sme: true, Verified: false),
        new("lz-h2", "兰州氢源科技有限公司", E, "620100", Sme: true),
        new("ww-storage", "武威天马储能科技有限公司", E, "620600", Sme: true),
        new("pl-coalmach", "平凉煤机智能科技有限公司", E, "620800", Sme: true),
        new("lx-meat", "临夏河州牛羊肉食品有限公司", E, "622900", Sme: true),
        new("ln-herb", "陇南中药饮片有限公司", E, "621200", Sme: true),
        new("xa-storage", "西安秦创储能技术有限公司", E, "610000", Sme: true),
        new("sz-laser", "苏州精工激光装备有限公司", E, "320000", Sme: true),
        // Universities 高校
        new("lyu", "陇原大学", U, "620100"),
        new("jclg", "金城理工大学", U, "620100"),
        new("hhjt", "黄河交通大学", U, "620100"),
        new("hxgc", "河西工程学院", U, "620700"),
        new("ldny", "陇东能源学院", U, "621000"),
        new("tsgx", "天水工学院", U, "620500"),
        new("slny", "丝路农业大学", U, "620100"),
        new("qlzy", "祁连中医药大学", U, "620100"),
        new("jqxny", "酒泉新能源学院", U, "620900"),
        new("jcyj", "金昌冶金学院", U, "620300"),
        new("qlkd", "秦岭科技大学", U, "610000"),
        new("bfcl", "北方材料科技大学", U, "110000"),
        // Research institutes 科研院所
        new("lyxcl", "陇原新材料研究院", R, "620100"),
        new("jcnico-inst", "金昌镍钴新材料研究院", R, "620300"),
        new("byyj", "白银有色金属研究所", R, "620400"),
        new("lyzyy", "陇原中医药研究院", R, "620100"),
        new("hhny", "陇原寒旱农业科学研究院", R, "620100"),
        new("jchjs", "金城核技术应用研究所", R, "620100"),
        new("qlkj", "祁连空间技术研究院", R, "620100"),
        new("ldsz", "陇东数字经济研究院", R, "621000"),
        new("jygyj", "嘉峪关钢铁冶金研究院", R, "620200"),
        new("lyqn", "陇原氢能技术研究院", R, "620100"),
        new("lyhg", "陇原化工研究院", R, "620100"),
        new("gnst", "甘南高原生态研究所", R, "623000", Verified: false),
        new("snzz", "苏南先进制造技术研究院", R, "320000"),
    ];

    internal sealed record UserSeed(string Email, string Role, string DisplayName, string? OrgKey, string Description);

    /// <summary>The demo accounts shown on the sign-in page.</summary>
    public static readonly IReadOnlyList<UserSeed> MainUsers =
    [
        new("enterprise@demo.local", Roles.Enterprise, "马振华", "hx-ne", "河西新能源装备集团有限公司 · 新能源及装备产业链链主企业（发榜方）"),
        new("enterprise2@demo.local", Roles.Enterprise, "王立新", "ql-steel", "祁连钢铁集团有限公司 · 钢铁产业链链主企业（发榜方）"),
        new("enterprise3@demo.local", Roles.Enterprise, "刘海涛", "hh-petro", "黄河石化有限公司 · 石化化工产业链链主企业（发榜方）"),
        new("enterprise4@demo.local", Roles.Enterprise, "赵明远", "ld-coal", "陇东能源化工集团有限公司 · 煤化工产业链链主企业（发榜方）"),
        new("researcher@demo.local", Roles.Researcher, "李志远", "lyu", "陇原大学 · 高温熔盐储热与熔盐泵团队负责人（揭榜方）"),
        new("researcher2@demo.local", Roles.Researcher, "陈静", "jclg", "金城理工大学 · 冶金固废资源化团队负责人（揭榜方）"),
        new("researcher3@demo.local", Roles.Researcher, "杨晓东", "lyxcl", "陇原新材料研究院 · 高镍正极与前驱体团队负责人（揭榜方）"),
        new("researcher4@demo.local", Roles.Researcher, "周晨", "ly-htm", "陇原高温材料有限公司（专精特新）· 高温合金与耐蚀涂层研发团队负责人（揭榜方）"),
        new("reviewer@demo.local", Roles.Reviewer, "钱学军", "byyj", "白银有色金属研究所 · 评审专家（专家评审、利益冲突声明、评分）"),
        new("admin@demo.local", Roles.Admin, "平台管理员", null, "平台管理员 · 机构认证、榜单审核、分类维护"),
    ];

    /// <summary>Enterprise staff of the other posting organisations (one account each).</summary>
    public static readonly IReadOnlyList<UserSeed> OtherPosters =
    [
        new("staff.jc-nico@demo.local", Roles.Enterprise, "孙立强", "jc-nico", "金昌镍源集团有限公司 · 科技部"),
        new("staff.yc-nf@demo.local", Roles.Enterprise, "郭红梅", "yc-nf", "银城有色金属集团有限公司 · 技术中心"),
        new("staff.hk-al@demo.local", Roles.Enterprise, "冯建军", "hk-al", "河口铝业有限公司 · 技术中心"),
        new("staff.ts-cnc@demo.local", Roles.Enterprise, "段文博", "ts-cnc", "天水陇星数控机床股份有限公司 · 研究院"),
        new("staff.qh-pharma@demo.local", Roles.Enterprise, "牛慧芳", "qh-pharma", "定西岐黄中药材集团有限公司 · 质量部"),
        new("staff.ld-data@demo.local", Roles.Enterprise, "石磊", "ld-data", "陇东算力科技有限公司 · 产品部"),
        new("staff.ql-space@demo.local", Roles.Enterprise, "韩宇航", "ql-space", "祁连航天科技有限公司 · 科研管理部"),
        new("staff.gb-nuclear@demo.local", Roles.Enterprise, "邵国栋", "gb-nuclear", "戈壁核技术装备有限公司 · 技术部"),
        new("staff.hx-seed@demo.local", Roles.Enterprise, "田丰收", "hx-seed", "河西走廊种业有限公司 · 育种中心"),
        new("staff.lx-meat@demo.local", Roles.Enterprise, "马学礼", "lx-meat", "临夏河州牛羊肉食品有限公司 · 生产技术部"),
        new("staff.ly-road@demo.local", Roles.Enterprise, "董振宇", "ly-road", "陇原交通建设集团有限公司 · 科技研发中心"),
    ];

    /// <summary>A valid 统一社会信用代码 (GB 32100-2015) for a seeded organisation: registering-authority code
    /// (9 = market regulation, for enterprises; 1 = institutions), type 1, the division code, a 9-character
    /// organisation code with its GB 11714 check character, and the GB 32100 check character.</summary>
    public static string MakeCreditCode(OrganizationType type, string regionCode, int serial)
    {
        var body = type == OrganizationType.Enterprise
            ? $"MA7{(serial * 7919 + 1237) % 100000:D5}"
            : $"{(43000000 + serial * 104729) % 100000000:D8}";
        var first17 = (type == OrganizationType.Enterprise ? "91" : "11") + regionCode + body + OrgCodeCheck(body);
        return first17 + CreditCode.CheckCharacter(first17);
    }

    /// <summary>GB 11714 check character over the 8-character organisation code body.</summary>
    private static char OrgCodeCheck(string body)
    {
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body[i];
            var v = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            sum += v * weights[i];
        }
        var check = 11 - sum % 11;
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }
}
