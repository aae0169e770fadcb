/** Word lists for company names, person names and record texts. */
import { cumulative } from './prng';

/** Characters of trade names (字号); two are drawn per company. */
export const TRADE_CHARS: readonly string[] = [
  ...'明辉华盛鑫源泰恒达通宏丰瑞兴隆嘉佳信诚德和安康宁顺利永金银美新创宇博远星海天中正立成广耀景晨悦欣凯骏峰岚云志晟昊睿泓弘鸿铭卓越晶旭昕锦煜晖翔腾飞启航致联汇合众益元亨祥福禾乐优品尚卓君豪',
];

/** Surnames weighted roughly by frequency (the first ones are the most common). */
export const SURNAMES: readonly string[] = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];

export const GIVEN_CHARS: readonly string[] = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉玲萍红鹏飞宇浩然子涵欣怡梓轩雨桐思远志强海燕春梅晓东俊杰佳琪一鸣嘉怡博文天佑婷婷',
];

export interface EnterpriseType {
  name: string;
  /** USCC position 2: 1 enterprise, 2 individual business, 3 farmers' cooperative. */
  kind: '1' | '2' | '3';
  suffix: string;
  weight: number;
  /** Companies have shareholders and executives; sole traders only an operator. */
  shareholders: [min: number, max: number];
  executives: [min: number, max: number];
}

export const ENTERPRISE_TYPES: readonly EnterpriseType[] = [
  {
    name: '有限责任公司（自然人投资或控股）',
    kind: '1',
    suffix: '有限公司',
    weight: 46,
    shareholders: [2, 3],
    executives: [1, 2],
  },
  {
    name: '有限责任公司（自然人独资）',
    kind: '1',
    suffix: '有限公司',
    weight: 28,
    shareholders: [1, 1],
    executives: [0, 1],
  },
  {
    name: '有限责任公司（非自然人投资或控股的法人独资）',
    kind: '1',
    suffix: '有限公司',
    weight: 8,
    shareholders: [0, 0],
    executives: [1, 2],
  },
  {
    name: '股份有限公司（非上市、自然人投资或控股）',
    kind: '1',
    suffix: '股份有限公司',
    weight: 3,
    shareholders: [2, 3],
    executives: [2, 3],
  },
  {
    name: '个体工商户',
    kind: '2',
    suffix: '经营部',
    weight: 11,
    shareholders: [0, 0],
    executives: [0, 0],
  },
  {
    name: '农民专业合作社',
    kind: '3',
    suffix: '专业合作社',
    weight: 4,
    shareholders: [1, 2],
    executives: [0, 1],
  },
];

export const ENTERPRISE_TYPE_TABLE = cumulative(ENTERPRISE_TYPES.map((t) => t.weight));

export const VIOLATION_TYPES: readonly string[] = [
  '虚假宣传',
  '无照经营',
  '食品安全',
  '价格违法',
  '商标侵权',
  '产品质量',
  '不正当竞争',
  '计量违法',
  '未按规定公示信息',
  '特种设备安全',
  '广告违法',
  '合同违法',
];
export const VIOLATION_TABLE = cumulative([16, 8, 10, 10, 7, 12, 5, 4, 9, 3, 10, 6]);

export const ABNORMAL_REASONS = {
  annualReport: '未依照《企业信息公示暂行条例》第八条规定的期限公示年度报告',
  unreachable: '通过登记的住所或者经营场所无法联系',
  concealment: '公示企业信息隐瞒真实情况、弄虚作假',
  order: '未在市场监督管理部门依照《企业信息公示暂行条例》第十条规定责令的期限内公示有关企业信息',
} as const;

export const SERIOUS_REASONS = {
  abnormalThreeYears: '被列入经营异常名录届满3年仍未履行相关义务',
  other: [
    '提交虚假材料或者采取其他欺诈手段隐瞒重要事实，取得公司变更或者注销登记',
    '因食品安全严重违法行为受到较重行政处罚',
    '一年内因同一性质违法行为受到三次以上较重行政处罚',
    '拒不履行生效行政处罚决定',
  ],
} as const;

export const JUDGMENT_REASONS: readonly string[] = [
  '有履行能力而拒不履行生效法律文书确定义务',
  '违反财产报告制度',
  '违反限制消费令',
  '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行',
];

export const HONOR_TITLES: readonly string[] = [
  '守合同重信用企业',
  '诚信示范企业',
  '放心消费示范单位',
  '消费者满意单位',
  '专精特新中小企业',
  '高新技术企业',
  '质量诚信标杆企业',
];
