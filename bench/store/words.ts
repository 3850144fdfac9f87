/**
 * Seeded randomness and Chinese text for the store benchmark. The text is built from word lists
 * of the domain (hydropower dams, offshore platforms, deep-sea pipe, LED stage light, VR) with a
 * Zipf-like skew, so the trigram index sees realistic text: a few very common terms, a long tail
 * of rare ones, and trigrams across word boundaries.
 */

/** mulberry32: small, fast, good enough for data generation; the same seed gives the same data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** Zipf-like: index i is chosen with weight 1/(i+1)^s (s≈1), so early entries are common. */
  zipf<T>(list: readonly T[], s = 1): T {
    const table = zipfTable(list.length, s);
    const u = this.next() * (table[table.length - 1] as number);
    let lo = 0;
    let hi = table.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((table[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return list[lo] as T;
  }

  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    const total = entries.reduce((a, [, w]) => a + w, 0);
    let u = this.next() * total;
    for (const [k, w] of entries) {
      u -= w;
      if (u < 0) return k;
    }
    return (entries[entries.length - 1] as [T, number])[0];
  }
}

const zipfTables = new Map<string, number[]>();
function zipfTable(n: number, s: number): number[] {
  const key = `${n}:${s}`;
  let table = zipfTables.get(key);
  if (!table) {
    table = [];
    let acc = 0;
    for (let i = 0; i < n; i++) table.push((acc += 1 / (i + 1) ** s));
    zipfTables.set(key, table);
  }
  return table;
}

// ── Word lists ──────────────────────────────────────────────────────────────────

export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯',
  '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '向', '汤',
  '次仁', '扎西', '格桑', '达瓦',
];
export const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平',
  '刚', '桂英', '建华', '建国', '志强', '海燕', '慧春', '克坚', '军毅', '文博', '晓东', '振华', '国栋', '立新', '卫东',
  '红梅', '永刚', '德明', '宏伟', '海波', '春生', '建军', '玉兰', '鹏飞', '子豪', '宇航', '思远', '卓玛', '央金', '旺堆',
];

export const FIELD_SITES = [
  '瓦托水电站坝址', '雅砻江两河口项目部', '金沙江白鹤滩项目部', '澜沧江托巴项目部', '怒江松塔坝址', '大渡河双江口项目部',
  '雅鲁藏布江大古项目部', '乌东德水电站项目部', '海洋一号平台', '荔湾深水平台', '流花油田平台', '陵水气田平台',
  '文昌油田平台', '涠洲岛终端', '番禺深海管道项目部', '珠江口海管项目部', '渤海湾导管架项目部', '东海平湖平台',
  '南海深水钢管基地', '番禺舞台灯光实验室', '广州数智体育中心', '吉华智能监测中心', '藏东抽水蓄能项目部',
  '川西风电项目部', '青海光伏基地', '新疆煤电一体化项目部', '三峡右岸电厂', '葛洲坝船闸项目部', '滇中引水项目部',
];
export const SITE_CODES_PREFIX = ['WT', 'LHK', 'BHT', 'TB', 'ST', 'SJK', 'DG', 'WDD', 'HY1', 'LW', 'LH', 'LS', 'WC', 'WZ', 'PY',
  'ZJK', 'BH', 'PH', 'NH', 'PYL', 'GZS', 'JH', 'ZD', 'CX', 'QH', 'XJ', 'SX', 'GZB', 'DZ'];

const PLACES = [
  '瓦托', '两河口', '白鹤滩', '托巴', '松塔', '双江口', '大古', '乌东德', '荔湾', '流花', '陵水', '文昌', '涠洲', '番禺',
  '珠江口', '渤海湾', '平湖', '藏东', '川西', '滇中', '金沙江', '雅砻江', '澜沧江', '怒江', '大渡河', '南海', '东海',
];
const STRUCTURES = [
  '大坝', '坝肩', '坝基', '拱坝', '溢洪道', '泄洪洞', '引水隧洞', '地下厂房', '调压井', '导流洞', '尾水渠', '左岸边坡',
  '右岸边坡', '防渗帷幕', '弧形闸门', '导管架', '钢悬链立管', '海底管道', '海底电缆', '直缝埋弧焊管', '环焊缝', '钢管桩',
  '压力钢管', '储油罐', '主变压器', '水轮发电机组', '调速器', '励磁系统', 'GIS开关站', '舞台灯具', 'VR跑步机', '光学模组',
  '蓄能电站上库', '渡槽', '倒虹吸', '船闸闸首', '风机基础', '光伏支架',
];
/** Technical terms: the head of the list is very common, the tail rare (Zipf). */
const TECH = [
  '在线监测', '数据采集', '传感器', '混凝土', '渗流', '变形', '焊接', '自动化', '预警', '无损检测', '温度', '应力',
  '位移', '沉降', '裂缝', '防腐', '振动', '北斗定位', '光纤光栅', '卫星链路', '边缘计算', '数字孪生', '智能巡检', '无人机',
  '有限元分析', '三维激光扫描', '渗压计', '测压管', '量水堰', '多点位移计', '锚索测力计', '倒垂线', '引张线', '静力水准',
  '相控阵超声', '射线检测', '磁粉检测', '涡流检测', '抗压溃', '屈曲强度', '冲击韧性', '焊缝余高', '残余应力', '热处理',
  'X80钢级', '阴极保护', '牺牲阳极', '环氧涂层', '防污涂层', '帷幕灌浆', '固结灌浆', '锚杆支护', '喷射混凝土', '温控防裂',
  '冷却水管', '碾压混凝土', '骨料级配', '水胶比', '坍落度', '抗冻等级', '光束切割', '色温一致性', '散热模组', '步态识别',
  '万向跑步', '动作捕捉', '低时延传输', '扬压力', '坝体浸润线', '库水位', '泄洪雾化', '空化空蚀', '磨蚀破坏', '水锤压力',
  '机组振摆', '轴承温升', '绝缘老化', '局部放电', '油色谱', '谐波治理', '继电保护', '分布式光纤测温', '声发射监测',
  '微震监测', '雷达干涉', '合成孔径雷达', 'GNSS形变', '倾角计', '裂缝计', '钢筋计', '土压力盒', '孔隙水压力', '渗透系数',
  '溃坝洪水演进', '高陡边坡卸荷', '冻融循环', '碱骨料反应', '氯离子侵蚀', '硫酸盐侵蚀', '海生物附着', '涡激振动',
  '疲劳裂纹扩展', '应力腐蚀开裂', '氢致开裂', '全自动超声', '激光电弧复合焊', '窄间隙焊', '管端扩径', '椭圆度控制',
];
const GOALS = [
  '系统研制', '关键技术攻关', '工艺优化', '国产化替代', '智能化改造', '标准编制', '能力提升', '安全保障', '在线监测平台建设',
  '试验验证', '质量提升', '降本增效', '应急处置能力建设', '长期性能评估', '运维模式创新',
];
const ACTIONS = [
  '完成', '开展', '组织', '推进', '调试', '安装', '标定', '校核', '复测', '比对', '分析', '优化', '编制', '评审', '试验',
  '验证', '排查', '整改', '巡检', '维护', '更换', '加固', '采集', '上传', '复核',
];
const OBJECTS = [
  '监测点', '测点数据', '采集模块', '通信链路', '供电系统', '试件', '样管', '焊接工艺评定', '施工方案', '技术方案',
  '检测报告', '试验大纲', '预警阈值', '数据库', '软件模块', '现场记录', '设备台账', '安装记录', '质量记录', '应急预案',
];
const RESULTS = [
  '数据正常', '精度满足要求', '结果符合设计', '合格率达到99%', '误差小于0.1毫米', '各项指标正常', '未发现异常',
  '发现两处异常已处理', '比设计提高15%', '满足DL/T 2096要求', '通过专家评审', '一次合格', '已上传总部', '待复核',
];
const PROBLEMS = [
  '高海拔缺氧，作业效率低', '夜间低温导致设备冻胀', '大风天气无法高处作业', '雨季边坡落石', '道路中断，物资无法进场',
  '卫星链路中断两天，数据未能上传', '供电不稳，采集仪多次重启', '备件短缺，需从成都调运', '人员轮换，交接不充分',
  '个别传感器读数漂移', '海况恶劣，作业窗口短', '台风预警，人员撤离平台', '焊材批次性能波动', '检测设备校准到期',
  '数据异常需要复核', '通信延迟较大', '施工与监测交叉作业干扰', '供货周期延长',
];
const NEXT = [
  '继续完成剩余测点安装', '计划下周完成联调', '准备节点验收材料', '组织专家现场评审', '开展第二轮试验', '复测异常测点',
  '编写阶段总结报告', '协调备件运输', '完善预警模型', '培训运维人员', '与总部核对数据', '安排夜间值守',
];
const SAFETY = [
  '高处作业系好安全带', '进入洞室前检测有害气体', '注意落石，设置警戒区', '海上作业穿救生衣', '动火作业办理许可',
  '吊装作业专人指挥', '注意高原反应，配备氧气', '雷雨天气停止露天作业', '',
];
const ENDINGS = ['。', '；', '，同时'];
/** Very rare terms (about one sentence in 10,000): a search for them must find a handful of rows among millions. */
const RARE = [
  '坝后式厂房', '抗剪断强度复核', '拱冠梁', '横缝灌浆', '导流底孔封堵', '叠梁门', '水垫塘', '铅芯橡胶支座', '深层抗滑稳定',
  '帷幕后排水孔', '坝踵应力', '纵缝键槽', '温度倒灌', '库岸再造', '缆机轨道', '仓面喷雾', '二期冷却', '封拱温度', '海底滑坡',
  '管道悬跨',
];

export const CATEGORIES_BY_WEIGHT = { tech_breakthrough: 30, process: 20, market: 8, green: 12, safety: 22, urgent: 8 } as const;

/** Search terms the benchmark asks for: head (common), middle and tail (rare) of TECH, plus absent ones. */
export const SEARCH_TERMS = {
  common: TECH.slice(0, 6).filter((t) => [...t].length >= 3).concat(['瓦托大坝', '监测点']),
  mid: TECH.slice(20, 40).filter((t) => [...t].length >= 3),
  tail: TECH.slice(TECH.length - 20).filter((t) => [...t].length >= 3),
  rare: RARE.slice(0, 12),
  absent: ['量子通信', '石墨烯电池', '区块链溯源', '核聚变装置'],
  multi: ['混凝土 温控防裂', '瓦托大坝 渗压计', '焊接工艺 残余应力', '在线监测 卫星链路'],
  /** 1–2 character terms: the LIKE fallback, common ones (50 hits come early) and absent ones (full scans) */
  short: ['大坝', '渗流', '焊', '光纤', '台风', '整改', '坝', '涂层'],
  shortAbsent: ['氚', '铀矿', '钍', '锂电'],
};

const sentence = (r: Rng): string => {
  const place = r.chance(0.5) ? r.zipf(PLACES) : '';
  const rare = r.chance(0.0001) ? `，另检查了${r.pick(RARE)}` : '';
  return `在${place}${r.zipf(STRUCTURES)}${r.pick(ACTIONS)}${r.zipf(TECH, 0.9)}${r.pick(OBJECTS)}${rare}，${r.pick(RESULTS)}${r.pick(ENDINGS)}`;
};

const sentences = (r: Rng, min: number, max: number): string => {
  const n = r.int(min, max);
  let out = '';
  for (let i = 0; i < n; i++) out += sentence(r);
  return out.replace(/[；，同时]+$/, '') + (out.endsWith('。') ? '' : '。');
};

export const text = {
  personName: (r: Rng) => r.pick(SURNAMES) + r.pick(GIVEN),
  challengeTitle: (r: Rng) => `${r.zipf(PLACES)}${r.zipf(STRUCTURES)}${r.zipf(TECH, 0.9)}${r.pick(GOALS)}`,
  subTitle: (r: Rng, parent: string) => `${parent.slice(0, 12)}——${r.zipf(TECH, 0.9)}子课题`,
  background: (r: Rng) =>
    `${r.zipf(PLACES)}${r.zipf(STRUCTURES)}位于${r.pick(['海拔4000米', '深水1500米', '高寒峡谷', '台风多发海域', '城市近郊', '强震区'])}，` +
    `${r.pick(PROBLEMS)}。` + sentences(r, 2, 4) + `现有${r.zipf(TECH, 0.9)}手段不能满足${r.pick(GOALS)}需要。`,
  acceptance: (r: Rng) => `${r.zipf(TECH, 0.9)}${r.pick(RESULTS)}，提交${r.pick(OBJECTS)}和${r.pick(OBJECTS)}。`,
  eligibility: (r: Rng) => `具有${r.zipf(TECH, 0.9)}工程经验，${r.pick(['有高海拔作业经历', '有海上作业资质', '持有无损检测二级证书', '团队不少于5人'])}`,
  reward: (r: Rng) => `按期完成奖励${r.int(5, 200)}万元，${r.pick(['团队按份额分配', '另计科技进步奖', '优先推荐评优'])}`,
  boardTitle: (r: Rng, year: number, n: number) =>
    `${year}年度${r.pick(['科技攻关', '安全生产', '绿色发展', '数字化转型', '急难险重', '工艺提升'])}${r.pick(['榜', '揭榜挂帅榜', '攻关榜'])}（第${n}批）`,
  plan: (r: Rng) => `分三阶段实施：${sentences(r, 1, 2)}`,
  pledgeText: (r: Rng, leader: string, title: string) =>
    `立状人${leader}向集团立下军令状：${title}，${sentences(r, 2, 3)}如未完成，愿接受考核。`,
  milestoneTitle: (r: Rng, i: number) => `${['完成方案设计', '完成设备采购', '完成现场安装', '完成联调测试', '完成试运行', '完成验收准备'][i % 6]}（${r.zipf(TECH, 0.9)}）`,
  deliverable: (r: Rng) => r.pick(OBJECTS),
  workDone: (r: Rng) => sentences(r, 1, 4),
  problems: (r: Rng) => (r.chance(0.45) ? r.pick(PROBLEMS) : ''),
  nextSteps: (r: Rng) => r.pick(NEXT),
  safetyNotes: (r: Rng) => (r.chance(0.4) ? r.pick(SAFETY) : ''),
  reason: (r: Rng) => r.pick(['需求变更，撤回本题', '无人揭榜', '外部条件变化，终止攻关', '现场停工待料', '资金调整']),
};
