using Matchmaking.Application.Data;
using Matchmaking.Application.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Seeding;

/// <summary>Reference data every installation needs: the GB/T 13745-2009 first-level disciplines, the
/// province's priority industry chains with their nodes, and a starter skill vocabulary. Idempotent: it
/// adds only what is missing (fields by code, chains by name, nodes by chain + name, skills by name) and
/// never changes or removes what an administrator has curated since.</summary>
public static class ReferenceData
{
    /// <summary>GB/T 13745-2009 《学科分类与代码》, all 62 first-level disciplines.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string English)> Fields =
    [
        ("110", "数学", "Mathematics"),
        ("120", "信息科学与系统科学", "Information Science and Systems Science"),
        ("130", "力学", "Mechanics"),
        ("140", "物理学", "Physics"),
        ("150", "化学", "Chemistry"),
        ("160", "天文学", "Astronomy"),
        ("170", "地球科学", "Earth Sciences"),
        ("180", "生物学", "Biology"),
        ("190", "心理学", "Psychology"),
        ("210", "农学", "Agronomy"),
        ("220", "林学", "Forestry"),
        ("230", "畜牧、兽医科学", "Animal Husbandry and Veterinary Science"),
        ("240", "水产学", "Fishery Science"),
        ("310", "基础医学", "Basic Medicine"),
        ("320", "临床医学", "Clinical Medicine"),
        ("330", "预防医学与公共卫生学", "Preventive Medicine and Public Health"),
        ("340", "军事医学与特种医学", "Military and Special Medicine"),
        ("350", "药学", "Pharmacy"),
        ("360", "中医学与中药学", "Traditional Chinese Medicine and Chinese Materia Medica"),
        ("410", "工程与技术科学基础学科", "Basic Disciplines of Engineering and Technology"),
        ("413", "信息与系统科学相关工程与技术", "Engineering and Technology Related to Information and Systems Science"),
        ("416", "自然科学相关工程与技术", "Engineering and Technology Related to Natural Sciences"),
        ("420", "测绘科学技术", "Surveying and Mapping"),
        ("430", "材料科学", "Materials Science"),
        ("440", "矿山工程技术", "Mining Engineering"),
        ("450", "冶金工程技术", "Metallurgical Engineering"),
        ("460", "机械工程", "Mechanical Engineering"),
        ("470", "动力与电气工程", "Power and Electrical Engineering"),
        ("480", "能源科学技术", "Energy Science and Technology"),
        ("490", "核科学技术", "Nuclear Science and Technology"),
        ("510", "电子与通信技术", "Electronics and Communication Technology"),
        ("520", "计算机科学技术", "Computer Science and Technology"),
        ("530", "化学工程", "Chemical Engineering"),
        ("535", "产品应用相关工程与技术", "Product Application Related Engineering and Technology"),
        ("540", "纺织科学技术", "Textile Science and Technology"),
        ("550", "食品科学技术", "Food Science and Technology"),
        ("560", "土木建筑工程", "Civil Engineering and Architecture"),
        ("570", "水利工程", "Hydraulic Engineering"),
        ("580", "交通运输工程", "Transportation Engineering"),
        ("590", "航空、航天科学技术", "Aeronautics and Astronautics"),
        ("610", "环境科学技术及资源科学技术", "Environmental and Resource Science and Technology"),
        ("620", "安全科学技术", "Safety Science and Technology"),
        ("630", "管理学", "Management Science"),
        ("710", "马克思主义", "Marxism"),
        ("720", "哲学", "Philosophy"),
        ("730", "宗教学", "Religious Studies"),
        ("740", "语言学", "Linguistics"),
        ("750", "文学", "Literature"),
        ("760", "艺术学", "Art"),
        ("770", "历史学", "History"),
        ("780", "考古学", "Archaeology"),
        ("790", "经济学", "Economics"),
        ("810", "政治学", "Political Science"),
        ("820", "法学", "Law"),
        ("830", "军事学", "Military Science"),
        ("840", "社会学", "Sociology"),
        ("850", "民族学与文化学", "Ethnology and Cultural Studies"),
        ("860", "新闻学与传播学", "Journalism and Communication"),
        ("870", "图书馆、情报与文献学", "Library, Information and Documentation Science"),
        ("880", "教育学", "Education"),
        ("890", "体育科学", "Sports Science"),
        ("910", "统计学", "Statistics"),
    ];

    public sealed record NodeSeed(ChainSegment Segment, string Name, string English);

    public sealed record ChainSeed(string Name, string English, string Description, IReadOnlyList<NodeSeed> Nodes);

    private const ChainSegment U = ChainSegment.Upstream, M = ChainSegment.Midstream, D = ChainSegment.Downstream;

    /// <summary>The province's priority industry chains (产业链链长制), each split into ordered nodes.</summary>
    public static readonly IReadOnlyList<ChainSeed> Chains =
    [
        new("新能源及装备", "New Energy and Equipment", "风电、光伏、光热、储能与氢能装备，依托河西走廊风光资源建设大型新能源基地。",
        [
            new(U, "多晶硅", "Polysilicon"), new(U, "风机叶片材料", "Wind turbine blade materials"),
            new(U, "储热熔盐", "Thermal storage molten salt"),
            new(M, "风电整机", "Wind turbine assembly"), new(M, "光伏组件", "Photovoltaic modules"),
            new(M, "光热发电储热系统", "Solar-thermal storage system"), new(M, "储能电池", "Energy-storage batteries"),
            new(M, "氢能装备", "Hydrogen equipment"),
            new(D, "新能源电站运维", "Renewable plant operation and maintenance"),
            new(D, "源网荷储一体化", "Source-grid-load-storage integration"),
        ]),
        new("石化化工", "Petrochemicals", "炼油、乙烯及下游精细化学品，兰州新区和兰州石化产业集群。",
        [
            new(U, "原油加工", "Crude oil refining"), new(U, "炼厂副产氢", "Refinery by-product hydrogen"),
            new(M, "乙烯及下游衍生物", "Ethylene and derivatives"), new(M, "催化剂", "Catalysts"),
            new(M, "合成树脂", "Synthetic resins"),
            new(D, "特种橡胶", "Specialty rubber"), new(D, "高端润滑油", "Premium lubricants"),
            new(D, "化工园区安全环保", "Chemical park safety and environment"),
        ]),
        new("有色冶金", "Non-ferrous Metallurgy", "镍钴、铜、铅锌、铝及稀贵金属的采选冶与精深加工。",
        [
            new(U, "镍钴铜矿采选", "Nickel-cobalt-copper mining and beneficiation"), new(U, "铅锌冶炼", "Lead-zinc smelting"),
            new(M, "镍钴冶炼", "Nickel-cobalt smelting"), new(M, "电解铝", "Aluminium electrolysis"),
            new(M, "稀贵金属提取", "Precious and rare metal recovery"),
            new(D, "电池材料前驱体", "Battery precursor materials"), new(D, "铝合金精深加工", "Aluminium alloy processing"),
            new(D, "冶炼渣综合利用", "Smelting slag utilisation"),
        ]),
        new("钢铁", "Iron and Steel", "从铁矿采选到不锈钢冷轧、特钢制品及冶金固废资源化。",
        [
            new(U, "铁矿采选", "Iron ore mining and beneficiation"), new(U, "烧结与球团", "Sintering and pelletising"),
            new(M, "高炉炼铁", "Blast-furnace ironmaking"), new(M, "转炉炼钢", "Converter steelmaking"),
            new(M, "不锈钢冷轧", "Stainless steel cold rolling"),
            new(D, "超薄精密带钢", "Ultra-thin precision strip"), new(D, "钢渣固废资源化", "Steel slag valorisation"),
            new(D, "特钢制品", "Special steel products"),
        ]),
        new("新材料", "Advanced Materials", "稀土功能材料、高温合金、先进陶瓷、电池材料和复合材料。",
        [
            new(U, "稀土功能材料", "Rare-earth functional materials"), new(U, "高纯金属", "High-purity metals"),
            new(M, "高温合金", "Superalloys"), new(M, "先进陶瓷", "Advanced ceramics"),
            new(M, "锂电正负极材料", "Lithium battery electrode materials"), new(M, "碳纤维复合材料", "Carbon fibre composites"),
            new(D, "稀土永磁器件", "Rare-earth permanent magnet devices"), new(D, "电子新材料应用", "Electronic materials applications"),
        ]),
        new("先进装备制造", "Advanced Equipment Manufacturing", "数控机床、石油钻采、电工电器和工业机器人等装备及其核心部件。",
        [
            new(U, "核心基础零部件", "Core basic components"), new(U, "工业传感器", "Industrial sensors"),
            new(M, "数控机床", "CNC machine tools"), new(M, "石油钻采装备", "Oil drilling and production equipment"),
            new(M, "电工电器装备", "Electrical equipment"), new(M, "工业机器人", "Industrial robots"),
            new(D, "智能制造系统集成", "Smart manufacturing system integration"), new(D, "装备再制造", "Equipment remanufacturing"),
        ]),
        new("生物医药（含中医药）", "Biomedicine (incl. Traditional Chinese Medicine)", "道地中药材、中药饮片与配方颗粒、生物制品和医疗器械。",
        [
            new(U, "中药材种植", "TCM herb cultivation"), new(U, "原料药", "Active pharmaceutical ingredients"),
            new(M, "中药饮片与配方颗粒", "TCM decoction pieces and granules"), new(M, "生物制品", "Biologics"),
            new(M, "化学制剂", "Chemical formulations"), new(M, "医疗器械", "Medical devices"),
            new(D, "中药大健康产品", "TCM health products"), new(D, "医药流通与追溯", "Pharmaceutical distribution and traceability"),
        ]),
        new("数字信息（算力）", "Digital Information (Computing Power)", "“东数西算”国家枢纽节点、数据中心集群、工业互联网与行业应用。",
        [
            new(U, "电子元器件", "Electronic components"), new(U, "绿电供给", "Green power supply"),
            new(M, "数据中心", "Data centres"), new(M, "算力调度平台", "Computing power scheduling platform"),
            new(M, "工业互联网平台", "Industrial internet platform"), new(M, "工业互联网标识解析", "Industrial internet identifier resolution"),
            new(D, "行业大模型应用", "Industry large-model applications"), new(D, "数据要素流通", "Data element circulation"),
        ]),
        new("航空航天", "Aerospace", "航空航天材料、精密电子元器件、惯性导航与商业航天测控。",
        [
            new(U, "航空航天材料", "Aerospace materials"), new(U, "精密电子元器件", "Precision electronic components"),
            new(M, "航天器部组件", "Spacecraft components"), new(M, "惯性导航器件", "Inertial navigation devices"),
            new(M, "商业航天测控", "Commercial space tracking, telemetry and command"),
            new(D, "卫星应用", "Satellite applications"), new(D, "通用航空服务", "General aviation services"),
        ]),
        new("核产业", "Nuclear Industry", "核燃料循环、放射性废物处理、核技术装备与同位素应用。",
        [
            new(U, "铀资源", "Uranium resources"), new(U, "核级材料", "Nuclear-grade materials"),
            new(M, "乏燃料后处理", "Spent fuel reprocessing"), new(M, "放射性废物处理", "Radioactive waste treatment"),
            new(M, "核技术装备", "Nuclear technology equipment"),
            new(D, "同位素与辐照应用", "Isotopes and irradiation applications"), new(D, "重离子医疗", "Heavy-ion therapy"),
        ]),
        new("煤化工", "Coal Chemicals", "陇东能源基地的煤炭开采、智能化矿山、煤气化与煤制化学品。",
        [
            new(U, "煤炭开采", "Coal mining"), new(U, "煤矿智能化", "Intelligent coal mining"),
            new(M, "煤气化", "Coal gasification"), new(M, "煤制烯烃", "Coal-to-olefins"), new(M, "煤焦油深加工", "Coal tar processing"),
            new(D, "煤化工废水处理", "Coal-chemical wastewater treatment"), new(D, "二氧化碳捕集利用", "Carbon capture and utilisation"),
        ]),
        new("现代寒旱特色农业", "Modern Cold-Arid Specialty Agriculture", "种业、节水农业、马铃薯、牛羊肉、高原夏菜与果品的生产加工。",
        [
            new(U, "种业", "Seed industry"), new(U, "节水灌溉", "Water-saving irrigation"),
            new(M, "马铃薯精深加工", "Potato deep processing"), new(M, "牛羊肉加工", "Beef and mutton processing"),
            new(M, "高原夏菜冷链", "Highland summer vegetable cold chain"), new(M, "苹果与果品加工", "Apple and fruit processing"),
            new(D, "农产品质量追溯", "Agricultural product traceability"), new(D, "农业废弃物资源化", "Agricultural waste recycling"),
        ]),
        new("绿色建材", "Green Building Materials", "工业固废制建材、装配式建筑与公路沥青路面的绿色循环利用。",
        [
            new(U, "工业固废原料", "Industrial solid-waste feedstock"), new(U, "新型胶凝材料", "Novel cementitious materials"),
            new(M, "装配式建筑构件", "Prefabricated building components"), new(M, "沥青路面材料", "Asphalt pavement materials"),
            new(D, "冷再生沥青路面", "Cold recycled asphalt pavement"), new(D, "道路养护", "Road maintenance"),
        ]),
    ];

    public sealed record SkillSeed(string Name, string English, string[] Synonyms, string[] Fields);

    /// <summary>The starter skill vocabulary: canonical term, English alias, synonyms, related disciplines.</summary>
    public static readonly IReadOnlyList<SkillSeed> Skills =
    [
        // 新能源及装备
        new("熔盐泵", "molten salt pump", ["高温熔盐泵", "超高温熔盐泵", "长轴熔盐泵"], ["480", "460"]),
        new("熔盐储热", "molten salt thermal storage", ["熔盐储能", "光热储热", "熔融盐储热"], ["480", "430"]),
        new("光热发电", "concentrated solar power", ["CSP", "太阳能热发电", "塔式光热"], ["480", "470"]),
        new("多晶硅提纯", "polysilicon purification", ["改良西门子法", "电子级多晶硅"], ["530", "430"]),
        new("风机叶片", "wind turbine blade", ["风电叶片", "叶片复合材料"], ["430", "470"]),
        new("风电变流器", "wind power converter", ["风电变频器", "全功率变流器"], ["470", "510"]),
        new("电池管理系统", "battery management system", ["BMS", "储能BMS"], ["470", "510"]),
        new("磷酸铁锂", "lithium iron phosphate", ["LFP", "LiFePO4"], ["430", "530"]),
        new("液流电池", "flow battery", ["全钒液流电池", "钒电池"], ["480", "530"]),
        new("电解水制氢", "water electrolysis", ["碱性电解槽", "PEM电解槽", "绿氢制备"], ["480", "530"]),
        new("氢气提纯", "hydrogen purification", ["富余氢气提纯", "副产氢提纯", "变压吸附提氢", "PSA提氢"], ["530", "480"]),
        new("储氢容器", "hydrogen storage vessel", ["高压储氢瓶", "IV型储氢瓶", "储氢罐"], ["460", "430"]),
        new("燃料电池", "fuel cell", ["氢燃料电池", "PEMFC", "质子交换膜燃料电池"], ["480", "530"]),
        new("光伏组件", "photovoltaic module", ["PV组件", "太阳能电池组件"], ["480", "510"]),
        new("电站智能运维", "intelligent plant operation and maintenance", ["新能源电站运维", "智能运维"], ["470", "520"]),
        new("风光功率预测", "wind and solar power forecasting", ["功率预测", "新能源功率预测"], ["470", "520"]),
        new("高温合金", "superalloy", ["镍基高温合金", "耐热合金"], ["430", "450"]),
        new("构网型储能", "grid-forming energy storage", ["构网型变流器"], ["470"]),
        // 石化化工
        new("加氢催化剂", "hydrogenation catalyst", ["加氢精制催化剂", "加氢裂化催化剂"], ["530", "150"]),
        new("乙烯裂解", "ethylene cracking", ["蒸汽裂解", "裂解炉"], ["530"]),
        new("聚烯烃", "polyolefin", ["聚乙烯", "聚丙烯", "茂金属聚烯烃"], ["530", "430"]),
        new("特种橡胶", "specialty rubber", ["丁腈橡胶", "氢化丁腈橡胶", "HNBR"], ["530", "430"]),
        new("润滑油添加剂", "lubricant additive", ["高端润滑油", "润滑油复合剂"], ["530"]),
        new("化工过程安全", "chemical process safety", ["HAZOP", "过程安全管理"], ["620", "530"]),
        new("VOCs治理", "VOC abatement", ["挥发性有机物治理", "VOCs回收"], ["610", "530"]),
        new("分子筛", "molecular sieve", ["沸石分子筛", "分子筛吸附剂"], ["530", "150"]),
        new("膜分离", "membrane separation", ["气体膜分离", "膜法分离"], ["530"]),
        // 有色冶金
        new("镍钴冶炼", "nickel-cobalt smelting", ["镍钴湿法冶金", "红土镍矿冶炼", "镍冶炼"], ["450"]),
        new("高镍三元正极", "high-nickel NCM cathode", ["NCM811", "高镍三元材料", "三元正极材料"], ["430", "530"]),
        new("电池前驱体", "battery precursor", ["三元前驱体", "镍钴锰氢氧化物"], ["430", "530"]),
        new("电解铝节能", "energy-saving aluminium electrolysis", ["铝电解节能", "低电压铝电解", "电解槽节能"], ["450", "480"]),
        new("铝合金加工", "aluminium alloy processing", ["高强铝合金", "铝型材挤压"], ["430", "450"]),
        new("铅锌冶炼", "lead-zinc smelting", ["锌冶炼", "铅冶炼"], ["450"]),
        new("稀贵金属回收", "precious metal recovery", ["贵金属提取", "铂族金属回收"], ["450", "530"]),
        new("冶炼渣利用", "smelting slag utilisation", ["有色冶炼渣", "冶炼废渣综合利用"], ["450", "610"]),
        new("选矿", "mineral processing", ["浮选", "选矿工艺"], ["440", "450"]),
        new("湿法冶金", "hydrometallurgy", ["浸出", "溶剂萃取"], ["450", "530"]),
        // 钢铁
        new("手撕钢", "ultra-thin stainless steel foil", ["超薄精密不锈钢带", "精密不锈钢箔", "0.015mm不锈钢箔"], ["450", "430"]),
        new("冷轧工艺", "cold rolling", ["二十辊轧机", "森吉米尔轧机", "冷轧"], ["450", "460"]),
        new("钢渣资源化", "steel slag valorisation", ["钢渣固废资源化", "钢渣综合利用", "钢渣微粉"], ["450", "610"]),
        new("高炉智能化", "intelligent blast furnace", ["高炉专家系统", "智慧高炉"], ["450", "520"]),
        new("氢冶金", "hydrogen metallurgy", ["氢基直接还原", "富氢冶炼"], ["450", "480"]),
        new("烧结烟气治理", "sintering flue gas treatment", ["烧结脱硫脱硝", "超低排放"], ["610", "450"]),
        new("表面缺陷检测", "surface defect detection", ["带钢表面缺陷检测", "表面质量检测"], ["520", "460"]),
        new("热处理", "heat treatment", ["光亮退火", "连续退火"], ["450", "430"]),
        // 新材料
        new("稀土永磁", "rare-earth permanent magnet", ["钕铁硼", "NdFeB", "烧结钕铁硼"], ["430", "450"]),
        new("先进陶瓷", "advanced ceramics", ["结构陶瓷", "碳化硅陶瓷", "氮化硅陶瓷"], ["430"]),
        new("碳纤维复合材料", "carbon fibre composite", ["CFRP", "碳纤维"], ["430"]),
        new("硅碳负极", "silicon-carbon anode", ["硅基负极", "Si/C负极"], ["430", "530"]),
        new("高纯金属", "high-purity metal", ["高纯镍", "超高纯金属", "5N金属"], ["450", "430"]),
        new("耐磨涂层", "wear-resistant coating", ["热喷涂涂层", "硬质涂层"], ["430", "460"]),
        new("增材制造", "additive manufacturing", ["3D打印", "金属3D打印", "激光选区熔化"], ["460", "430"]),
        new("粉末冶金", "powder metallurgy", ["金属注射成形"], ["450", "430"]),
        new("高温密封", "high-temperature sealing", ["高温密封件", "机械密封"], ["460", "430"]),
        new("材料腐蚀防护", "corrosion protection", ["高温腐蚀", "防腐涂层", "耐蚀材料"], ["430", "150"]),
        // 先进装备制造
        new("数控系统", "CNC system", ["数控机床控制系统", "五轴数控"], ["460", "520"]),
        new("精密轴承", "precision bearing", ["高端轴承", "高温轴承"], ["460"]),
        new("工业机器人", "industrial robot", ["机械臂", "协作机器人"], ["460", "520"]),
        new("石油钻机", "oil drilling rig", ["钻采装备", "自动化钻机"], ["460", "440"]),
        new("高压开关", "high-voltage switchgear", ["GIS", "气体绝缘开关设备"], ["470"]),
        new("故障诊断", "fault diagnosis", ["设备故障诊断", "预测性维护"], ["460", "520"]),
        new("数字孪生", "digital twin", ["孪生建模"], ["520", "460"]),
        new("工业传感器", "industrial sensor", ["传感器", "智能传感器"], ["510", "460"]),
        new("机器视觉", "machine vision", ["视觉检测", "工业视觉"], ["520", "510"]),
        new("再制造", "remanufacturing", ["激光熔覆再制造", "装备再制造"], ["460", "430"]),
        new("液压系统", "hydraulic system", ["液压传动", "电液控制"], ["460"]),
        new("转子动力学", "rotor dynamics", ["转子振动", "轴系动力学"], ["460", "130"]),
        // 生物医药（含中医药）
        new("中药材质量控制", "TCM herb quality control", ["中药质量标准", "道地药材质量控制", "指纹图谱"], ["360", "350"]),
        new("中药配方颗粒", "TCM dispensing granules", ["配方颗粒", "单味中药颗粒"], ["360", "350"]),
        new("道地药材种植", "authentic herb cultivation", ["中药材规范化种植", "GAP种植"], ["360", "210"]),
        new("中药提取", "TCM extraction", ["有效成分提取", "超临界萃取"], ["360", "530"]),
        new("药物制剂", "pharmaceutical formulation", ["制剂工艺", "缓释制剂"], ["350"]),
        new("疫苗研发", "vaccine development", ["疫苗", "兽用疫苗"], ["350", "310"]),
        new("生物发酵", "bio-fermentation", ["发酵工程", "合成生物学发酵"], ["180", "530"]),
        new("医疗器械", "medical device", ["医疗设备", "植介入器械"], ["320", "460"]),
        new("药品追溯", "drug traceability", ["药品追溯码", "医药追溯"], ["350", "520"]),
        new("分子诊断", "molecular diagnostics", ["PCR检测", "核酸检测"], ["310", "180"]),
        new("农药残留检测", "pesticide residue testing", ["农残检测", "重金属检测"], ["150", "550"]),
        // 数字信息（算力）
        new("数据中心液冷", "data centre liquid cooling", ["液冷", "浸没式液冷", "冷板液冷"], ["480", "520"]),
        new("算力调度", "computing power scheduling", ["算力网络", "东数西算", "算力调度平台"], ["520"]),
        new("工业互联网标识解析", "industrial internet identifier resolution", ["标识解析", "标识解析二级节点", "Handle标识"], ["520", "510"]),
        new("工业互联网平台", "industrial internet platform", ["IIoT平台", "工业物联网平台"], ["520"]),
        new("大模型", "large language model", ["LLM", "行业大模型", "大语言模型"], ["520"]),
        new("边缘计算", "edge computing", ["边缘智能"], ["520", "510"]),
        new("数据安全", "data security", ["隐私计算", "数据脱敏"], ["520"]),
        new("时序数据库", "time-series database", ["工业时序数据库"], ["520"]),
        new("5G专网", "5G private network", ["5G行业专网", "5G+工业互联网"], ["510"]),
        new("PUE优化", "PUE optimisation", ["数据中心能效", "数据中心节能"], ["480", "520"]),
        new("知识图谱", "knowledge graph", ["工业知识图谱"], ["520"]),
        // 航空航天
        new("惯性导航", "inertial navigation", ["惯导", "光纤陀螺", "MEMS陀螺"], ["590", "510"]),
        new("航天电连接器", "aerospace electrical connector", ["电连接器", "高可靠连接器"], ["510", "590"]),
        new("卫星遥感", "satellite remote sensing", ["遥感", "遥感影像解译"], ["590", "170"]),
        new("航天测控", "space tracking, telemetry and command", ["测控通信", "TT&C"], ["590", "510"]),
        new("钛合金加工", "titanium alloy machining", ["钛合金", "钛合金精密成形"], ["430", "460"]),
        new("真空镀膜", "vacuum coating", ["磁控溅射", "薄膜沉积"], ["430", "140"]),
        // 核产业
        new("乏燃料后处理", "spent fuel reprocessing", ["后处理", "PUREX流程"], ["490"]),
        new("放射性废物处理", "radioactive waste treatment", ["核废物处理", "放射性废物固化", "玻璃固化"], ["490", "610"]),
        new("辐射防护", "radiation protection", ["辐射屏蔽", "辐射监测"], ["490", "620"]),
        new("重离子治疗", "heavy-ion therapy", ["重离子放疗", "碳离子治疗"], ["490", "320"]),
        new("同位素制备", "isotope production", ["医用同位素", "放射性同位素"], ["490", "150"]),
        new("辐照加工", "radiation processing", ["电子束辐照", "辐照改性"], ["490"]),
        new("核级阀门", "nuclear-grade valve", ["核级泵阀", "核电阀门"], ["490", "460"]),
        new("远程操作机器人", "remote handling robot", ["遥操作机械手", "热室机械手"], ["460", "490"]),
        // 煤化工
        new("煤矿智能化", "intelligent coal mining", ["智慧矿山", "智能化采煤", "智能矿山"], ["440", "520"]),
        new("智能综采", "intelligent fully-mechanised mining", ["智能综采工作面", "综采自动化"], ["440", "460"]),
        new("煤气化", "coal gasification", ["气流床气化", "水煤浆气化"], ["530", "480"]),
        new("煤制烯烃", "coal-to-olefins", ["MTO", "甲醇制烯烃"], ["530"]),
        new("煤焦油加工", "coal tar processing", ["煤焦油深加工", "煤焦油加氢"], ["530"]),
        new("高盐废水处理", "high-salinity wastewater treatment", ["零排放", "分盐结晶", "ZLD"], ["610", "530"]),
        new("二氧化碳捕集", "carbon capture", ["CCUS", "碳捕集"], ["610", "480"]),
        new("瓦斯防治", "gas outburst prevention", ["瓦斯抽采", "矿井瓦斯治理"], ["440", "620"]),
        new("矿用机器人", "mining robot", ["巡检机器人", "矿井巡检机器人"], ["440", "460"]),
        // 现代寒旱特色农业
        new("马铃薯育种", "potato breeding", ["马铃薯脱毒种薯", "种薯繁育"], ["210", "180"]),
        new("玉米制种", "hybrid maize seed production", ["玉米种子", "杂交玉米制种"], ["210"]),
        new("水肥一体化", "integrated water and fertiliser management", ["滴灌水肥一体化", "节水灌溉"], ["210", "570"]),
        new("马铃薯淀粉加工", "potato starch processing", ["马铃薯精深加工", "变性淀粉"], ["550"]),
        new("冷链保鲜", "cold-chain preservation", ["预冷保鲜", "冷链物流"], ["550", "580"]),
        new("肉品加工", "meat processing", ["牛羊肉精深加工", "冷鲜肉加工"], ["550"]),
        new("果品贮藏", "fruit storage", ["苹果贮藏保鲜", "气调贮藏"], ["550", "210"]),
        new("农产品溯源", "agricultural product traceability", ["区块链溯源", "农产品追溯"], ["550", "520"]),
        new("秸秆资源化", "straw utilisation", ["秸秆综合利用", "秸秆饲料化"], ["210", "610"]),
        new("地膜回收", "plastic mulch recycling", ["残膜回收", "废旧地膜回收"], ["210", "610"]),
        new("智慧农业", "smart agriculture", ["农业物联网", "精准农业"], ["210", "520"]),
        // 绿色建材
        new("冷再生沥青", "cold recycled asphalt", ["冷再生", "乳化沥青冷再生", "泡沫沥青冷再生"], ["580", "560"]),
        new("固废基胶凝材料", "solid-waste-based binder", ["低碳胶凝材料", "地聚物"], ["430", "560"]),
        new("装配式构件", "prefabricated component", ["预制构件", "装配式建筑"], ["560"]),
        new("路面养护", "pavement maintenance", ["预防性养护", "道路养护"], ["580"]),
        new("沥青改性", "asphalt modification", ["改性沥青", "SBS改性沥青"], ["580", "530"]),
        new("路基检测", "subgrade inspection", ["无损检测", "探地雷达检测"], ["580", "560"]),
    ];

    public static async Task SeedAsync(AppDbContext db, CancellationToken ct = default)
    {
        var knownFields = (await db.Fields.Select(f => f.Code).ToListAsync(ct)).ToHashSet();
        foreach (var (code, name, english) in Fields)
            if (knownFields.Add(code))
                db.Fields.Add(new ResearchField { Code = code, Name = name, EnglishName = english });

        var chains = await db.Chains.Include(c => c.Nodes).ToListAsync(ct);
        var nextChainOrder = chains.Count == 0 ? 1 : chains.Max(c => c.SortOrder) + 1;
        foreach (var seed in Chains)
        {
            var chain = chains.FirstOrDefault(c => c.Name == seed.Name);
            if (chain is null)
            {
                chain = new IndustryChain
                {
                    Name = seed.Name, EnglishName = seed.English, Description = seed.Description, SortOrder = nextChainOrder++,
                };
                db.Chains.Add(chain);
                chains.Add(chain);
            }
            var nextNodeOrder = chain.Nodes.Count == 0 ? 1 : chain.Nodes.Max(n => n.SortOrder) + 1;
            foreach (var node in seed.Nodes)
                if (!chain.Nodes.Any(n => n.Name == node.Name))
                    chain.Nodes.Add(new ChainNode
                    {
                        Name = node.Name, EnglishName = node.English, Segment = node.Segment, SortOrder = nextNodeOrder++,
                    });
        }

        var knownSkills = (await db.Skills.Select(s => s.Name).ToListAsync(ct)).ToHashSet();
        foreach (var s in Skills)
            if (knownSkills.Add(s.Name))
                db.Skills.Add(new Skill { Name = s.Name, EnglishName = s.English, Synonyms = [.. s.Synonyms], FieldCodes = [.. s.Fields] });

        await db.SaveChangesAsync(ct);
    }
}
