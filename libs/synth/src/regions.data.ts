/**
 * Real GB/T 2260 district codes (a few provinces, weighted roughly by how many
 * enterprises they register) with the names the generator puts into company
 * names and penalty document numbers.
 */
import { cumulative } from './prng';
export interface Region {
  code: string;
  /** City short name as used in company names, e.g. 杭州. */
  city: string;
  /** District short name as used in company names, e.g. 西湖 (of 西湖区). */
  district: string;
  /** Full district name, e.g. 西湖区. */
  districtFull: string;
  /** Authority abbreviation of penalty document numbers, e.g. 杭西 (杭西市监处罚〔2025〕12号). */
  docPrefix: string;
  /** Relative number of enterprises. */
  weight: number;
}

type Row = [code: string, city: string, districtFull: string, docPrefix: string, weight: number];

// prettier-ignore
const ROWS: readonly Row[] = [
  // 浙江
  ['330102', '杭州', '上城区', '杭上', 4], ['330105', '杭州', '拱墅区', '杭拱', 4],
  ['330106', '杭州', '西湖区', '杭西', 5], ['330108', '杭州', '滨江区', '杭滨', 4],
  ['330109', '杭州', '萧山区', '杭萧', 5], ['330110', '杭州', '余杭区', '杭余', 6],
  ['330203', '宁波', '海曙区', '甬海', 3], ['330212', '宁波', '鄞州区', '甬鄞', 4],
  ['330302', '温州', '鹿城区', '温鹿', 3], ['330602', '绍兴', '越城区', '绍越', 2],
  // 上海
  ['310101', '上海', '黄浦区', '沪黄', 3], ['310104', '上海', '徐汇区', '沪徐', 3],
  ['310105', '上海', '长宁区', '沪长', 2], ['310106', '上海', '静安区', '沪静', 3],
  ['310112', '上海', '闵行区', '沪闵', 4], ['310115', '上海', '浦东新区', '沪浦', 8],
  // 广东
  ['440104', '广州', '越秀区', '穗越', 3], ['440106', '广州', '天河区', '穗天', 5],
  ['440304', '深圳', '福田区', '深福', 5], ['440305', '深圳', '南山区', '深南', 5],
  ['440306', '深圳', '宝安区', '深宝', 6], ['440604', '佛山', '禅城区', '佛禅', 2],
  // 北京
  ['110101', '北京', '东城区', '京东', 2], ['110102', '北京', '西城区', '京西', 2],
  ['110105', '北京', '朝阳区', '京朝', 6], ['110106', '北京', '丰台区', '京丰', 3],
  ['110108', '北京', '海淀区', '京海', 5],
  // 江苏
  ['320102', '南京', '玄武区', '宁玄', 2], ['320106', '南京', '鼓楼区', '宁鼓', 2],
  ['320214', '无锡', '新吴区', '锡新', 2], ['320505', '苏州', '虎丘区', '苏虎', 2],
  ['320506', '苏州', '吴中区', '苏吴', 3], ['320508', '苏州', '姑苏区', '苏姑', 2],
  // 山东
  ['370102', '济南', '历下区', '济历', 2], ['370202', '青岛', '市南区', '青南', 2],
  ['370212', '青岛', '崂山区', '青崂', 1],
  // 湖北
  ['420102', '武汉', '江岸区', '汉岸', 2], ['420106', '武汉', '武昌区', '汉昌', 2],
  ['420111', '武汉', '洪山区', '汉洪', 2],
  // 四川
  ['510104', '成都', '锦江区', '蓉锦', 2], ['510105', '成都', '青羊区', '蓉青', 2],
  ['510107', '成都', '武侯区', '蓉武', 3],
  // 辽宁 (丹东: the city of the published tier distribution)
  ['210602', '丹东', '元宝区', '丹元', 1], ['210603', '丹东', '振兴区', '丹振', 1],
  ['210604', '丹东', '振安区', '丹安', 1],
];

/** 浦东新区 -> 浦东, 西湖区 -> 西湖. */
function shortDistrict(full: string): string {
  return full.endsWith('新区') ? full.slice(0, -2) : full.slice(0, -1);
}

export const REGIONS: readonly Region[] = ROWS.map(
  ([code, city, districtFull, docPrefix, weight]) => ({
    code,
    city,
    district: shortDistrict(districtFull),
    districtFull,
    docPrefix,
    weight,
  }),
);

export const REGION_TABLE = cumulative(REGIONS.map((r) => r.weight));
