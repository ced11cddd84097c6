/**
 * Demo catalogue for the 中国一汽扶贫馆 online hall.
 *
 * Pure and deterministic: no database access and no Math.random. The same data comes out on every
 * run (a seeded mulberry32 generator drives the ~1,000 first-secretary-endorsed products), so tests
 * can rely on it. Facts about the three assigned counties come from the source article
 * (/work/shared/seed); products, villages, suppliers, people and phone numbers are demo data.
 */

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export type CountyKind = "ASSIGNED" | "TIBET" | "JILIN";
export type SupplierKind = "COOPERATIVE" | "COMPANY";
export type SupplierStatus = "PENDING" | "ADMITTED" | "SUSPENDED";

export type CategorySlug =
  | "rice"
  | "grains"
  | "beef-meat"
  | "eggs-poultry"
  | "fungi"
  | "nuts"
  | "fruit"
  | "vegetables"
  | "herbs"
  | "ginseng"
  | "honey"
  | "kimchi"
  | "tea-drinks"
  | "snacks"
  | "silk";

export type DemoCounty = {
  slug: string;
  nameZh: string;
  nameEn: string;
  provinceZh: string;
  provinceEn: string;
  kind: CountyKind;
  storyZh: string;
  storyEn: string;
  sortOrder: number;
};

export type DemoCategory = {
  slug: CategorySlug;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
};

export type DemoSupplier = {
  name: string;
  kind: SupplierKind;
  countySlug: string;
  contactName: string;
  contactPhone: string;
  status: SupplierStatus;
  statusReason: string;
};

export type DemoEndorsement = {
  secretaryName: string;
  village: string;
  township: string;
  countySlug: string;
  dispatchingUnit: string;
  words: string;
};

export type DemoProduct = {
  sku: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  categorySlug: CategorySlug;
  countySlug: string;
  /** Unique within the county (Supplier has @@unique([countyId, name])). */
  supplierName: string;
  township: string;
  village: string;
  spec: string;
  priceFen: number;
  stock: number;
  descriptionZh: string;
  descriptionEn: string;
  originStatement: string;
  featured: boolean;
  imageUrl: string;
  /** Only the first-secretary-endorsed products carry one. */
  endorsement: DemoEndorsement | null;
};

export type DemoEndorsedProduct = DemoProduct & { endorsement: DemoEndorsement };

/** totpSecret: the demo administrator's authenticator key (base32), stated in the README for local use only (ADR 027). */
export const DEMO_ADMIN = { username: "admin", password: "hall-admin-2026", name: "扶贫办管理员", totpSecret: "FUPINHALLDEMOADMINTOTPSECRETKEYS" } as const;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------

/** mulberry32: a tiny, fast 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick() from an empty list");
  return item;
}

function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** Picks `count` distinct items (count ≤ items.length), in a deterministic order. */
function pickDistinct<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    const i = Math.floor(rng() * pool.length);
    const [item] = pool.splice(i, 1);
    if (item !== undefined) out.push(item);
  }
  return out;
}

function pad4(n: number): string {
  return String(n).padStart(4, "0");
}

function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export function categoryImageUrl(slug: CategorySlug): string {
  return `/images/categories/${slug}.svg`;
}

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

export const categories: DemoCategory[] = [
  // "米面粮油" rather than "大米…": the category name is indexed with every product, and a search
  // for 大米 should find rice, not soybean oil.
  { slug: "rice", nameZh: "米面粮油", nameEn: "Rice & Cooking Oil", sortOrder: 1 },
  { slug: "grains", nameZh: "杂粮杂豆", nameEn: "Grains & Beans", sortOrder: 2 },
  { slug: "beef-meat", nameZh: "肉类", nameEn: "Meat", sortOrder: 3 },
  { slug: "eggs-poultry", nameZh: "禽蛋", nameEn: "Eggs & Poultry", sortOrder: 4 },
  { slug: "fungi", nameZh: "菌菇木耳", nameEn: "Mushrooms & Fungus", sortOrder: 5 },
  { slug: "nuts", nameZh: "坚果炒货", nameEn: "Nuts & Seeds", sortOrder: 6 },
  { slug: "fruit", nameZh: "水果", nameEn: "Fruit", sortOrder: 7 },
  { slug: "vegetables", nameZh: "蔬菜山野菜", nameEn: "Vegetables & Wild Greens", sortOrder: 8 },
  { slug: "herbs", nameZh: "中药材", nameEn: "Medicinal Herbs", sortOrder: 9 },
  { slug: "ginseng", nameZh: "人参滋补", nameEn: "Ginseng & Tonics", sortOrder: 10 },
  { slug: "honey", nameZh: "蜂蜜", nameEn: "Honey", sortOrder: 11 },
  { slug: "kimchi", nameZh: "朝鲜族风味", nameEn: "Korean-Style Foods", sortOrder: 12 },
  { slug: "tea-drinks", nameZh: "茶饮", nameEn: "Tea & Drinks", sortOrder: 13 },
  { slug: "snacks", nameZh: "特色食品", nameEn: "Local Specialities", sortOrder: 14 },
  { slug: "silk", nameZh: "蚕丝制品", nameEn: "Silk Products", sortOrder: 15 },
];

// ---------------------------------------------------------------------------------------------
// Counties
// ---------------------------------------------------------------------------------------------

const JILIN_ZH = "吉林省";
const JILIN_EN = "Jilin";
const ENDORSED_SENTENCE_ZH = "中国一汽携手吉林省委组织部，邀请这里的第一书记代言产品进驻扶贫馆。";
const ENDORSED_SENTENCE_EN =
  "Its first-secretary-endorsed goods came to the hall through FAW's work with the Jilin provincial organisation department.";

type Region = "west" | "east" | "korean" | "central" | "deer";

/** What the generator needs to know about each Jilin county beyond the County row. */
type JilinCountyInfo = {
  slug: string;
  nameZh: string;
  nameEn: string;
  shortZh: string;
  shortEn: string;
  prefectureZh: string;
  prefectureEn: string;
  regions: Region[];
  specialties: BaseKey[];
  aboutZh: string;
  aboutEn: string;
};

const jilinCounties: JilinCountyInfo[] = [
  {
    slug: "tongyu", nameZh: "通榆县", nameEn: "Tongyu County", shortZh: "通榆", shortEn: "Tongyu",
    prefectureZh: "白城市", prefectureEn: "Baicheng", regions: ["west"],
    specialties: ["millet", "sunflower-seeds", "mung-beans", "sorghum-rice", "broomcorn-millet"],
    aboutZh: "地处科尔沁草原东部，杂粮杂豆和葵花籽是当地的主打产品。",
    aboutEn: "it lies on the eastern edge of the Horqin grassland and is known for grains, beans and sunflower seeds.",
  },
  {
    slug: "wangqing", nameZh: "汪清县", nameEn: "Wangqing County", shortZh: "汪清", shortEn: "Wangqing",
    prefectureZh: "延边朝鲜族自治州", prefectureEn: "Yanbian", regions: ["east", "korean"],
    specialties: ["black-fungus", "kimchi", "cold-noodles", "hazel-mushrooms"],
    aboutZh: "林区面积大，黑木耳种植是许多村的增收产业。",
    aboutEn: "a heavily forested county where black fungus growing supports many villages.",
  },
  {
    slug: "antu", nameZh: "安图县", nameEn: "Antu County", shortZh: "安图", shortEn: "Antu",
    prefectureZh: "延边朝鲜族自治州", prefectureEn: "Yanbian", regions: ["east", "korean"],
    specialties: ["linden-honey", "dried-blueberries", "pine-nuts", "black-fungus"],
    aboutZh: "位于长白山北麓，出产椴树蜜、蓝莓和松子等林下产品。",
    aboutEn: "on the northern slopes of Changbai Mountain, with linden honey, blueberries and pine nuts.",
  },
  {
    slug: "jingyu", nameZh: "靖宇县", nameEn: "Jingyu County", shortZh: "靖宇", shortEn: "Jingyu",
    prefectureZh: "白山市", prefectureEn: "Baishan", regions: ["east"],
    specialties: ["ginseng", "schisandra", "linden-honey", "hazel-mushrooms"],
    aboutZh: "长白山区的山区县，人参和五味子等林下种植较多。",
    aboutEn: "a mountain county in the Changbai range where ginseng and schisandra are grown under the forest.",
  },
  {
    slug: "daan", nameZh: "大安市", nameEn: "Da'an City", shortZh: "大安", shortEn: "Da'an",
    prefectureZh: "白城市", prefectureEn: "Baicheng", regions: ["west"],
    specialties: ["rice", "mung-beans", "salted-duck-eggs", "sunflower-oil"],
    aboutZh: "嫩江流经境内，水田和杂粮并重。",
    aboutEn: "the Nen River runs through it, feeding paddy fields alongside dry-land grains.",
  },
  {
    slug: "taonan", nameZh: "洮南市", nameEn: "Taonan City", shortZh: "洮南", shortEn: "Taonan",
    prefectureZh: "白城市", prefectureEn: "Baicheng", regions: ["west"],
    specialties: ["mung-beans", "millet", "sunflower-seeds", "beef-jerky"],
    aboutZh: "吉林西部的杂粮产区，绿豆和小米远近闻名。",
    aboutEn: "a grain-growing area in western Jilin, known for mung beans and millet.",
  },
  {
    slug: "longjing", nameZh: "龙井市", nameEn: "Longjing City", shortZh: "龙井", shortEn: "Longjing",
    prefectureZh: "延边朝鲜族自治州", prefectureEn: "Yanbian", regions: ["east", "korean"],
    specialties: ["apple-pears", "kimchi", "rice-cakes", "rice"],
    aboutZh: "朝鲜族聚居地，苹果梨和朝鲜族风味食品是特色。",
    aboutEn: "home to many Korean-ethnic families, with apple-pears and Korean-style foods.",
  },
  {
    slug: "tumen", nameZh: "图们市", nameEn: "Tumen City", shortZh: "图们", shortEn: "Tumen",
    prefectureZh: "延边朝鲜族自治州", prefectureEn: "Yanbian", regions: ["east", "korean"],
    specialties: ["kimchi", "cold-noodles", "rice", "perilla-seeds"],
    aboutZh: "地处图们江畔，朝鲜族民俗风味浓郁。",
    aboutEn: "on the Tumen River, rich in Korean-ethnic food traditions.",
  },
  {
    slug: "shulan", nameZh: "舒兰市", nameEn: "Shulan City", shortZh: "舒兰", shortEn: "Shulan",
    prefectureZh: "吉林市", prefectureEn: "Jilin City", regions: ["east", "central"],
    specialties: ["rice", "black-fungus", "free-range-eggs"],
    aboutZh: "水稻种植历史悠久，山区也出产木耳等山货。",
    aboutEn: "long known for its rice, with fungus and other mountain goods from its hills.",
  },
  {
    slug: "huadian", nameZh: "桦甸市", nameEn: "Huadian City", shortZh: "桦甸", shortEn: "Huadian",
    prefectureZh: "吉林市", prefectureEn: "Jilin City", regions: ["east"],
    specialties: ["schisandra", "ginseng", "linden-honey", "lions-mane"],
    aboutZh: "森林覆盖率高，林下中药材和蜂蜜是重要产业。",
    aboutEn: "well forested, with under-forest herbs and honey as key industries.",
  },
  {
    slug: "fusong", nameZh: "抚松县", nameEn: "Fusong County", shortZh: "抚松", shortEn: "Fusong",
    prefectureZh: "白山市", prefectureEn: "Baishan", regions: ["east"],
    specialties: ["ginseng", "pine-nuts", "schisandra", "aralia-shoots"],
    aboutZh: "著名的人参产区，长白山林下资源丰富。",
    aboutEn: "a renowned ginseng-growing county with abundant Changbai Mountain forest produce.",
  },
  {
    slug: "changbai", nameZh: "长白朝鲜族自治县", nameEn: "Changbai Korean Autonomous County", shortZh: "长白",
    shortEn: "Changbai", prefectureZh: "白山市", prefectureEn: "Baishan", regions: ["east", "korean"],
    specialties: ["ginseng", "kimchi", "dried-blueberries", "bracken"],
    aboutZh: "地处鸭绿江畔，朝鲜族风味和长白山山货兼而有之。",
    aboutEn: "on the Yalu River, offering both Korean-style foods and Changbai Mountain produce.",
  },
  {
    slug: "jian", nameZh: "集安市", nameEn: "Ji'an City", shortZh: "集安", shortEn: "Ji'an",
    prefectureZh: "通化市", prefectureEn: "Tonghua", regions: ["east"],
    specialties: ["ginseng", "wild-grape-juice", "linden-honey", "shiitake"],
    aboutZh: "鸭绿江边的山城，人参和山葡萄是当地名产。",
    aboutEn: "a hill town on the Yalu River known for ginseng and wild grapes.",
  },
  {
    slug: "lishu", nameZh: "梨树县", nameEn: "Lishu County", shortZh: "梨树", shortEn: "Lishu",
    prefectureZh: "四平市", prefectureEn: "Siping", regions: ["central"],
    specialties: ["corn-grits", "soybeans", "rice", "sweet-corn", "soybean-oil"],
    aboutZh: "位于松辽平原黑土地带，是重要的玉米和大豆产区。",
    aboutEn: "on the black soil of the Songliao Plain, a major corn and soybean area.",
  },
  {
    slug: "yitong", nameZh: "伊通满族自治县", nameEn: "Yitong Manchu Autonomous County", shortZh: "伊通",
    shortEn: "Yitong", prefectureZh: "四平市", prefectureEn: "Siping", regions: ["central"],
    specialties: ["sticky-bean-buns", "black-pork", "soybeans", "soybean-paste"],
    aboutZh: "满族聚居地，粘豆包、大酱等传统吃食很有名。",
    aboutEn: "home to many Manchu families and their traditional sticky bean buns and soybean paste.",
  },
  {
    slug: "dongfeng", nameZh: "东丰县", nameEn: "Dongfeng County", shortZh: "东丰", shortEn: "Dongfeng",
    prefectureZh: "辽源市", prefectureEn: "Liaoyuan", regions: ["central", "deer"],
    specialties: ["deer-antler", "rice", "free-range-chicken", "black-pork"],
    aboutZh: "梅花鹿养殖历史悠久，农牧业发达。",
    aboutEn: "with a long history of sika deer farming alongside crops and livestock.",
  },
  {
    slug: "qianan", nameZh: "乾安县", nameEn: "Qian'an County", shortZh: "乾安", shortEn: "Qian'an",
    prefectureZh: "松原市", prefectureEn: "Songyuan", regions: ["west"],
    specialties: ["millet", "sunflower-seeds", "oat-rice", "mung-beans"],
    aboutZh: "吉林西部的旱作农业区，杂粮品质好。",
    aboutEn: "a dry-farming area of western Jilin with fine grains.",
  },
  {
    slug: "changling", nameZh: "长岭县", nameEn: "Changling County", shortZh: "长岭", shortEn: "Changling",
    prefectureZh: "松原市", prefectureEn: "Songyuan", regions: ["west"],
    specialties: ["sunflower-seeds", "millet", "sorghum-rice", "buckwheat-flour"],
    aboutZh: "草原与农田交错，葵花和杂粮种植广泛。",
    aboutEn: "where grassland meets farmland, with sunflowers and grains widely grown.",
  },
  {
    slug: "qianguo", nameZh: "前郭尔罗斯蒙古族自治县", nameEn: "Qian Gorlos Mongol Autonomous County", shortZh: "前郭",
    shortEn: "Qianguo", prefectureZh: "松原市", prefectureEn: "Songyuan", regions: ["west"],
    specialties: ["rice", "salted-duck-eggs", "free-range-eggs", "sunflower-oil"],
    aboutZh: "蒙古族自治县，查干湖畔水田广布。",
    aboutEn: "a Mongol autonomous county with paddy fields around Chagan Lake.",
  },
  {
    slug: "dunhua", nameZh: "敦化市", nameEn: "Dunhua City", shortZh: "敦化", shortEn: "Dunhua",
    prefectureZh: "延边朝鲜族自治州", prefectureEn: "Yanbian", regions: ["east", "korean"],
    specialties: ["soybeans", "black-fungus", "dried-blueberries", "bracken"],
    aboutZh: "延边面积最大的县级市，大豆和山货是特色。",
    aboutEn: "the largest county-level city in Yanbian, known for soybeans and mountain produce.",
  },
];

export const counties: DemoCounty[] = [
  {
    slug: "zhenlai",
    nameZh: "镇赉县",
    nameEn: "Zhenlai County",
    provinceZh: JILIN_ZH,
    provinceEn: JILIN_EN,
    kind: "ASSIGNED",
    storyZh:
      "镇赉县位于吉林省西北部，是中国一汽的定点扶贫县。2019年，中国一汽在镇赉县投入1260万元建设肉牛养殖产业扶贫基地，项目惠及59个非贫困村的1.3万名建档立卡贫困人口。一汽还在这里建设了“一汽小镇”，并与当地政府开展住房安全“回头看”，让住房更有保障。",
    storyEn:
      "Zhenlai County in north-western Jilin is one of FAW's assigned poverty-relief counties. In 2019 FAW invested 12.6 million yuan in a beef-cattle breeding base here, reaching 13,000 registered poor residents across 59 villages. FAW also built a \"FAW Town\" in the county and, with the local government, re-checked the safety of rural housing.",
    sortOrder: 1,
  },
  {
    slug: "helong",
    nameZh: "和龙市",
    nameEn: "Helong City",
    provinceZh: JILIN_ZH,
    provinceEn: JILIN_EN,
    kind: "ASSIGNED",
    storyZh:
      "和龙市位于吉林省延边朝鲜族自治州，地处长白山东麓、图们江畔，是中国一汽的定点扶贫县。2019年10月，具有鲜明汽车文化特征和浓郁朝鲜族风情的第11个“一汽小镇”在柳洞村落成。一汽投入750万元开发旅游，建设旅游综合体和朝鲜族特色民宿，并支持头道镇延安村旅游综合体项目。",
    storyEn:
      "Helong City lies in Jilin's Yanbian Korean Autonomous Prefecture, at the eastern foot of Changbai Mountain on the Tumen River, and is one of FAW's assigned counties. In October 2019 the 11th \"FAW Town\", with a strong motoring theme and Korean-ethnic style, opened in Liudong Village. FAW put 7.5 million yuan into tourism here, including Korean-style guesthouses and a tourism complex in Yan'an Village, Toudao Town.",
    sortOrder: 2,
  },
  {
    slug: "fengshan",
    nameZh: "凤山县",
    nameEn: "Fengshan County",
    provinceZh: "广西壮族自治区",
    provinceEn: "Guangxi",
    kind: "ASSIGNED",
    storyZh:
      "凤山县位于广西壮族自治区河池市，是中国一汽定点帮扶的深度贫困县。一汽在文里村打造了100亩中草药产业示范基地和210亩高山生态种养殖基地，采用“公司+合作社+贫困户”模式，带动99名劳动力就业。一汽还为110户养蚕贫困户每户补助1万元自建蚕房，每户每年增收约4000元。",
    storyEn:
      "Fengshan County in Hechi, Guangxi, was the deepest-poverty county FAW assisted. In Wenli Village FAW set up a 100-mu medicinal herb demonstration base and a 210-mu highland planting and breeding base, run as \"company + co-operative + poor households\" and employing 99 local workers. FAW also gave 110 silkworm-raising households 10,000 yuan each to build their own silkworm houses, adding about 4,000 yuan a year to each household's income.",
    sortOrder: 3,
  },
  {
    slug: "zuogong",
    nameZh: "左贡县",
    nameEn: "Zogang County",
    provinceZh: "西藏自治区",
    provinceEn: "Tibet",
    kind: "TIBET",
    storyZh:
      "左贡县位于西藏自治区昌都市，是中国一汽对口支援的县。2019年，一汽向左贡县和芒康县投入援藏资金3030万元，用于新农村建设、基础设施、教育、医疗和培训就业，当年年底两县实现脱贫摘帽。",
    storyEn:
      "Zogang County in Chamdo, Tibet, receives FAW's paired support. In 2019 FAW put 30.3 million yuan into Zogang and Markam for village building, infrastructure, schools, health care and job training; both counties left the poverty list at the end of that year.",
    sortOrder: 4,
  },
  {
    slug: "mangkang",
    nameZh: "芒康县",
    nameEn: "Markam County",
    provinceZh: "西藏自治区",
    provinceEn: "Tibet",
    kind: "TIBET",
    storyZh:
      "芒康县位于西藏自治区昌都市，与左贡县一起得到中国一汽对口支援。援藏资金主要用于新农村建设、基础设施、教育、医疗和培训就业，2019年底芒康县实现脱贫摘帽。",
    storyEn:
      "Markam County in Chamdo, Tibet, receives FAW's paired support together with Zogang. The funds went to village building, infrastructure, schools, health care and job training, and Markam left the poverty list at the end of 2019.",
    sortOrder: 5,
  },
  ...jilinCounties.map(
    (c, i): DemoCounty => ({
      slug: c.slug,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      provinceZh: JILIN_ZH,
      provinceEn: JILIN_EN,
      kind: "JILIN",
      storyZh: `${c.nameZh}隶属吉林省${c.prefectureZh}，${c.aboutZh}${ENDORSED_SENTENCE_ZH}`,
      storyEn: `${c.nameEn} is in ${c.prefectureEn}, Jilin: ${c.aboutEn} ${ENDORSED_SENTENCE_EN}`,
      sortOrder: 10 + i,
    }),
  ),
];

function countyBySlug(slug: string): DemoCounty {
  const county = counties.find((c) => c.slug === slug);
  if (!county) throw new Error(`Unknown county ${slug}`);
  return county;
}

// ---------------------------------------------------------------------------------------------
// People (demo names) and phone numbers
// ---------------------------------------------------------------------------------------------

const SURNAMES = [
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
  "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "肖", "田", "董", "袁", "于", "金",
  "崔", "朴", "姜", "孟", "付", "白", "常", "鲁", "贾", "范", "吕", "丁", "尹", "关",
] as const;

const GIVEN_NAMES = [
  "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "丽", "静", "敏", "鑫", "丹", "鹏", "辉", "颖",
  "秀英", "海燕", "志刚", "建国", "春雷", "晓东", "立新", "玉梅", "桂芝", "宏伟", "德福", "振华", "文博",
  "浩然", "雪松", "冬梅", "红霞", "国庆", "宇航", "思远", "佳琪", "志强", "凤霞", "东旭", "成林", "晓峰",
  "丽娟", "永军", "庆丰", "春燕", "长海", "亚楠", "铁军", "艳华", "世杰", "立伟", "明哲", "美玲", "光耀",
  "金山", "秀兰", "博文",
] as const;

function personName(rng: Rng): string {
  return pick(rng, SURNAMES) + pick(rng, GIVEN_NAMES);
}

/** Clearly fake numbers: 1380000 followed by a running four-digit number. */
function demoPhone(n: number): string {
  return `1380000${pad4(n)}`;
}

// ---------------------------------------------------------------------------------------------
// Suppliers
// ---------------------------------------------------------------------------------------------

// Flagship suppliers of the three assigned counties (written by hand).
const S = {
  zlRice: "镇赉县丰收水稻种植专业合作社",
  zlBeef: "镇赉县牧源肉牛养殖专业合作社",
  zlFood: "镇赉县嫩江湾食品有限公司",
  zlGrain: "镇赉县永丰杂粮种植专业合作社",
  hlYanan: "和龙市延安民俗农产品专业合作社",
  hlLiudong: "和龙市柳洞民俗食品专业合作社",
  hlForest: "和龙市长白山林下产品有限公司",
  hlFood: "和龙市海兰江食品有限公司",
  fsHerb: "凤山县文里中草药种植专业合作社",
  fsHighland: "凤山县文里高山生态种养专业合作社",
  fsSilk: "凤山县金茧丝绸有限公司",
  fsWalnut: "凤山县长洲核桃种植专业合作社",
  fsTea: "凤山县三门海富硒茶业有限公司",
  fsFarm: "凤山县富硒农产品有限公司",
} as const;

type Role = "grow" | "raise" | "process";

const SUPPLIER_STEMS = [
  "丰源", "金穗", "绿野", "沃土", "兴农", "惠民", "聚丰", "福满", "益农", "康源", "禾丰", "鑫农", "山里红",
  "黑土地", "青山", "林海", "源生", "富民", "百川", "瑞丰", "裕农", "田园", "北国", "雪原", "昌盛", "恒丰",
  "宏达", "嘉禾", "天润", "春华",
] as const;

/** Which supplier of a county handles a product, by what it does. */
const roleSuppliers = new Map<string, Record<Role, string>>([
  ["zhenlai", { grow: S.zlGrain, raise: S.zlBeef, process: S.zlFood }],
  ["helong", { grow: S.hlYanan, raise: S.hlForest, process: S.hlFood }],
]);

const SUSPENDED_SUPPLIER = {
  name: "通榆县瀚海杂粮种植专业合作社",
  countySlug: "tongyu",
  reason: "抽检发现包装标签与实际产地不符，整改期间暂停销售。",
} as const;

function buildSuppliers(): DemoSupplier[] {
  const rng = mulberry32(832);
  let phones = 0;
  const admitted = (name: string, kind: SupplierKind, countySlug: string): DemoSupplier => ({
    name,
    kind,
    countySlug,
    contactName: personName(rng),
    contactPhone: demoPhone(++phones),
    status: "ADMITTED",
    statusReason: "",
  });

  const list: DemoSupplier[] = [
    admitted(S.zlRice, "COOPERATIVE", "zhenlai"),
    admitted(S.zlBeef, "COOPERATIVE", "zhenlai"),
    admitted(S.zlFood, "COMPANY", "zhenlai"),
    admitted(S.zlGrain, "COOPERATIVE", "zhenlai"),
    admitted(S.hlYanan, "COOPERATIVE", "helong"),
    admitted(S.hlLiudong, "COOPERATIVE", "helong"),
    admitted(S.hlForest, "COMPANY", "helong"),
    admitted(S.hlFood, "COMPANY", "helong"),
    admitted(S.fsHerb, "COOPERATIVE", "fengshan"),
    admitted(S.fsHighland, "COOPERATIVE", "fengshan"),
    admitted(S.fsSilk, "COMPANY", "fengshan"),
    admitted(S.fsWalnut, "COOPERATIVE", "fengshan"),
    admitted(S.fsTea, "COMPANY", "fengshan"),
    admitted(S.fsFarm, "COMPANY", "fengshan"),
  ];

  jilinCounties.forEach((c, i) => {
    // Three distinct stems per county, chosen deterministically from the list.
    const stems = pickDistinct(rng, SUPPLIER_STEMS, 3);
    const [a = `${i}`, b = `${i}`, d = `${i}`] = stems;
    const roles: Record<Role, string> = {
      grow: `${c.nameZh}${a}种植专业合作社`,
      raise: `${c.nameZh}${b}养殖专业合作社`,
      process: `${c.nameZh}${d}食品有限公司`,
    };
    roleSuppliers.set(c.slug, roles);
    list.push(admitted(roles.grow, "COOPERATIVE", c.slug));
    list.push(admitted(roles.raise, "COOPERATIVE", c.slug));
    list.push(admitted(roles.process, "COMPANY", c.slug));
  });

  // Not yet admitted: applied, waiting for the county's recommendation and the hall's review.
  list.push({
    ...admitted("镇赉县嘎什根乡鲜食玉米专业合作社", "COOPERATIVE", "zhenlai"),
    status: "PENDING",
  });
  list.push({
    ...admitted("凤山县袍里乡山茶油专业合作社", "COOPERATIVE", "fengshan"),
    status: "PENDING",
  });
  // Suspended: has a few products, which the hall should not sell while the supplier is suspended.
  list.push({
    ...admitted(SUSPENDED_SUPPLIER.name, "COOPERATIVE", SUSPENDED_SUPPLIER.countySlug),
    status: "SUSPENDED",
    statusReason: SUSPENDED_SUPPLIER.reason,
  });
  return list;
}

export const suppliers: DemoSupplier[] = buildSuppliers();

function originStatement(
  supplier: string,
  countyNameZh: string,
  township: string,
  village: string,
  verb: string,
  note = "",
): string {
  return `本产品由${supplier}在${countyNameZh}${township}${village}${verb}，${note}经${countyNameZh}扶贫办推荐入驻。`;
}

// ---------------------------------------------------------------------------------------------
// Flagship products of the three assigned counties (written by hand)
// ---------------------------------------------------------------------------------------------

type FlagshipRow = {
  slug: string;
  nameZh: string;
  nameEn: string;
  category: CategorySlug;
  supplier: string;
  /**
   * The article does not say which township 柳洞村 and 文里村 belong to; those rows leave the
   * township blank rather than guess.
   */
  township: string;
  village: string;
  spec: string;
  /** Yuan, converted to fen below. */
  price: number;
  stock: number;
  featured?: boolean;
  /** How the supplier made it: 种植, 养殖, 加工, 制作… (used in the origin statement). */
  verb: string;
  descZh: string;
  descEn: string;
  /** Extra sentence for the origin statement, ending with "，". */
  originNote?: string;
};

const ZL_RICE_ZH = "产自嫩江畔的弱碱性土地，一年一季，米粒晶莹，蒸饭软糯有嚼劲。";
const ZL_RICE_EN = "Grown once a year on mildly alkaline land by the Nen River; glossy grains that cook soft and springy.";

const zhenlaiRows: FlagshipRow[] = [
  {
    slug: "zhenlai-weak-alkaline-rice-5kg", nameZh: "镇赉弱碱大米", nameEn: "Zhenlai Weak-Alkaline Rice",
    category: "rice", supplier: S.zlRice, township: "坦途镇", village: "东升村", spec: "5kg/袋", price: 59.8,
    stock: 320, featured: true, verb: "种植", descZh: ZL_RICE_ZH, descEn: ZL_RICE_EN,
  },
  {
    slug: "zhenlai-weak-alkaline-rice-10kg", nameZh: "镇赉弱碱大米", nameEn: "Zhenlai Weak-Alkaline Rice",
    category: "rice", supplier: S.zlRice, township: "坦途镇", village: "东升村", spec: "10kg/袋", price: 109,
    stock: 180, verb: "种植", descZh: `${ZL_RICE_ZH}家庭装，也适合食堂采购。`,
    descEn: `${ZL_RICE_EN} Family size, also suited to canteens.`,
  },
  {
    slug: "zhenlai-organic-rice-5kg", nameZh: "镇赉有机大米", nameEn: "Zhenlai Organic Rice", category: "rice",
    supplier: S.zlRice, township: "坦途镇", village: "东升村", spec: "5kg/盒", price: 128, stock: 95, featured: true,
    verb: "种植", descZh: "稻田不施化肥农药，人工除草，按有机标准种植和加工。",
    descEn: "Grown without synthetic fertiliser or pesticides, weeded by hand and milled to organic standards.",
  },
  {
    slug: "zhenlai-fragrant-rice-5kg", nameZh: "镇赉稻花香大米", nameEn: "Zhenlai Daohuaxiang Fragrant Rice",
    category: "rice", supplier: S.zlRice, township: "坦途镇", village: "东升村", spec: "5kg/袋", price: 79.9,
    stock: 210, verb: "种植", descZh: "稻花香品种，开袋就有清香，最适合蒸白米饭。",
    descEn: "A fragrant Daohuaxiang variety; you can smell it as soon as the bag is opened.",
  },
  {
    slug: "zhenlai-rice-gift-box", nameZh: "镇赉大米礼盒", nameEn: "Zhenlai Rice Gift Box", category: "rice",
    supplier: S.zlRice, township: "坦途镇", village: "东升村", spec: "2.5kg×2/盒", price: 158, stock: 60,
    verb: "种植", descZh: "弱碱大米和稻花香大米组合装，真空小包装，适合节日员工福利。",
    descEn: "Weak-alkaline and fragrant rice in vacuum-packed bags; made for holiday staff gifts.",
  },
  {
    slug: "zhenlai-germ-rice", nameZh: "镇赉胚芽米", nameEn: "Zhenlai Germ Rice", category: "rice",
    supplier: S.zlRice, township: "坦途镇", village: "东升村", spec: "1kg×3/盒", price: 69, stock: 75, verb: "种植",
    descZh: "保留米胚的轻碾米，煮粥软烂，适合老人和孩子。",
    descEn: "Lightly milled to keep the germ; cooks into a soft porridge for young and old.",
  },
  {
    slug: "zhenlai-rice-bran-oil", nameZh: "镇赉米糠油", nameEn: "Zhenlai Rice Bran Oil", category: "rice",
    supplier: S.zlRice, township: "坦途镇", village: "东升村", spec: "2.5L/桶", price: 69, stock: 88, verb: "加工",
    descZh: "用本地稻米碾米后的米糠压榨精炼，烟点高，适合煎炒。",
    descEn: "Pressed from the bran of local rice; a high smoke point for frying.",
  },
  {
    slug: "zhenlai-beef-shank-1kg", nameZh: "镇赉黄牛腱子肉", nameEn: "Zhenlai Beef Shank", category: "beef-meat",
    supplier: S.zlBeef, township: "五棵树镇", village: "团结村", spec: "1kg/袋", price: 118, stock: 140,
    featured: true, verb: "养殖", descZh: "来自镇赉肉牛养殖扶贫基地，谷饲育肥，冷冻锁鲜，适合卤、炖。",
    descEn: "From the Zhenlai beef-cattle poverty-relief base; grain-finished and frozen fresh, ideal for braising.",
  },
  {
    slug: "zhenlai-beef-brisket-1kg", nameZh: "镇赉黄牛腩", nameEn: "Zhenlai Beef Brisket", category: "beef-meat",
    supplier: S.zlBeef, township: "五棵树镇", village: "团结村", spec: "1kg/袋", price: 98, stock: 160, verb: "养殖",
    descZh: "肥瘦相间，炖土豆、炖萝卜都好吃。", descEn: "Marbled brisket for slow stews with potato or radish.",
  },
  {
    slug: "zhenlai-ribeye-steaks", nameZh: "镇赉雪花牛排", nameEn: "Zhenlai Marbled Ribeye Steaks",
    category: "beef-meat", supplier: S.zlBeef, township: "五棵树镇", village: "团结村", spec: "200g×5/盒", price: 268,
    stock: 40, featured: true, verb: "养殖", descZh: "原切眼肉牛排，单片真空包装，每面煎两分钟即可。",
    descEn: "Cut whole from the ribeye, each steak vacuum-packed; two minutes a side in the pan.",
  },
  {
    slug: "zhenlai-beef-rolls", nameZh: "镇赉肥牛卷", nameEn: "Zhenlai Beef Rolls for Hotpot", category: "beef-meat",
    supplier: S.zlBeef, township: "五棵树镇", village: "团结村", spec: "500g×2/袋", price: 89, stock: 120,
    verb: "养殖", descZh: "火锅、涮锅专用，薄切成卷，下锅即熟。", descEn: "Thinly sliced rolls for hotpot; cooked in seconds.",
  },
  {
    slug: "zhenlai-beef-bone-broth", nameZh: "镇赉牛骨汤", nameEn: "Zhenlai Beef Bone Broth", category: "beef-meat",
    supplier: S.zlFood, township: "五棵树镇", village: "团结村", spec: "500g×4/袋", price: 59, stock: 90,
    verb: "加工", descZh: "基地牛骨慢火熬煮八小时，加热即可下面、煮火锅。",
    descEn: "Beef bones from the base simmered for eight hours; heat and use for noodles or hotpot.",
  },
  {
    slug: "zhenlai-hand-torn-beef-jerky", nameZh: "镇赉手撕牛肉干", nameEn: "Zhenlai Hand-Torn Beef Jerky",
    category: "beef-meat", supplier: S.zlFood, township: "五棵树镇", village: "团结村", spec: "250g/袋",
    price: 49.8, stock: 260, verb: "加工", descZh: "选用基地黄牛后腿肉，风干后手撕成条，原味微辣。",
    descEn: "Hind-leg beef from the base, air-dried and torn by hand; mildly spicy.",
  },
  {
    slug: "zhenlai-five-spice-beef-jerky", nameZh: "镇赉五香牛肉干", nameEn: "Zhenlai Five-Spice Beef Jerky",
    category: "beef-meat", supplier: S.zlFood, township: "五棵树镇", village: "团结村", spec: "500g/盒", price: 89,
    stock: 150, verb: "加工", descZh: "五香卤制后烘干，独立小包装，办公室零食。",
    descEn: "Braised in five-spice and dried; individually wrapped for the office.",
  },
  {
    slug: "zhenlai-soy-braised-beef", nameZh: "镇赉酱牛肉", nameEn: "Zhenlai Soy-Braised Beef", category: "beef-meat",
    supplier: S.zlFood, township: "五棵树镇", village: "团结村", spec: "400g/袋", price: 56, stock: 3, verb: "加工",
    descZh: "老汤酱制，开袋切片即食。", descEn: "Braised in a long-kept master stock; slice and serve.",
  },
  {
    slug: "zhenlai-millet-2-5kg", nameZh: "镇赉小米", nameEn: "Zhenlai Millet", category: "grains",
    supplier: S.zlGrain, township: "黑鱼泡镇", village: "永丰村", spec: "2.5kg/袋", price: 39.8, stock: 200,
    verb: "种植", descZh: "当年新米，颗粒金黄，熬粥米油厚。", descEn: "This year's harvest; golden grains for a thick, silky porridge.",
  },
  {
    slug: "zhenlai-mung-beans", nameZh: "镇赉绿豆", nameEn: "Zhenlai Mung Beans", category: "grains",
    supplier: S.zlGrain, township: "黑鱼泡镇", village: "永丰村", spec: "2kg/袋", price: 32, stock: 180, verb: "种植",
    descZh: "颗粒均匀，易煮开花，夏天煮绿豆汤正好。", descEn: "Even beans that burst quickly; right for summer mung-bean soup.",
  },
  {
    slug: "zhenlai-black-soybeans", nameZh: "镇赉黑豆", nameEn: "Zhenlai Black Soybeans", category: "grains",
    supplier: S.zlGrain, township: "黑鱼泡镇", village: "永丰村", spec: "2kg/袋", price: 36, stock: 110, verb: "种植",
    descZh: "青仁黑豆，可打豆浆、煮粥。", descEn: "Green-kernel black soybeans for soy milk or porridge.",
  },
  {
    slug: "zhenlai-corn-grits", nameZh: "镇赉玉米碴", nameEn: "Zhenlai Corn Grits", category: "grains",
    supplier: S.zlGrain, township: "黑鱼泡镇", village: "永丰村", spec: "2.5kg/袋", price: 25, stock: 140, verb: "种植",
    descZh: "东北大碴子，配芸豆熬碴子粥。", descEn: "Coarse northeastern corn grits, cooked with kidney beans.",
  },
  {
    slug: "zhenlai-sunflower-seeds", nameZh: "镇赉葵花籽", nameEn: "Zhenlai Sunflower Seeds", category: "nuts",
    supplier: S.zlGrain, township: "黑鱼泡镇", village: "永丰村", spec: "1kg/袋", price: 35, stock: 230, verb: "种植",
    descZh: "大颗粒原味炒制，不加香精。", descEn: "Large seeds roasted plain, no flavourings.",
  },
  {
    slug: "zhenlai-free-range-eggs", nameZh: "镇赉笨鸡蛋", nameEn: "Zhenlai Free-Range Eggs", category: "eggs-poultry",
    supplier: S.zlGrain, township: "黑鱼泡镇", village: "永丰村", spec: "30枚/箱", price: 45, stock: 80, verb: "养殖",
    descZh: "农户散养，鸡吃玉米和青草长大，蛋黄橙红。", descEn: "From farmyard hens fed on corn and grass; deep orange yolks.",
  },
  {
    slug: "zhenlai-wetland-salted-duck-eggs", nameZh: "镇赉湿地咸鸭蛋", nameEn: "Zhenlai Wetland Salted Duck Eggs",
    category: "eggs-poultry", supplier: S.zlGrain, township: "黑鱼泡镇", village: "永丰村", spec: "20枚/箱", price: 48,
    stock: 0, verb: "养殖", descZh: "湿地放养鸭所产，古法腌制，蛋黄出油。",
    descEn: "From ducks raised on the wetlands, salted the traditional way until the yolks turn rich.",
  },
];

const HL_PEAR_ZH = "延边特产苹果梨，皮薄多汁，酸甜清脆，耐储存。";
const HL_PEAR_EN = "The Yanbian apple-pear: thin-skinned, juicy, sweet-tart and crisp; it keeps well.";

const helongRows: FlagshipRow[] = [
  {
    slug: "helong-apple-pears-5kg", nameZh: "和龙苹果梨", nameEn: "Helong Apple-Pears", category: "fruit",
    supplier: S.hlYanan, township: "头道镇", village: "延安村", spec: "5kg/箱", price: 49.8, stock: 300,
    featured: true, verb: "种植", descZh: HL_PEAR_ZH, descEn: HL_PEAR_EN,
  },
  {
    slug: "helong-apple-pears-10kg", nameZh: "和龙苹果梨", nameEn: "Helong Apple-Pears", category: "fruit",
    supplier: S.hlYanan, township: "头道镇", village: "延安村", spec: "10kg/箱", price: 88, stock: 150, verb: "种植",
    descZh: `${HL_PEAR_ZH}整箱装，适合单位食堂和员工福利。`, descEn: `${HL_PEAR_EN} A full case for canteens and staff gifts.`,
  },
  {
    slug: "helong-apple-pear-gift-box", nameZh: "和龙苹果梨礼盒", nameEn: "Helong Apple-Pear Gift Box", category: "fruit",
    supplier: S.hlYanan, township: "头道镇", village: "延安村", spec: "精选12枚/盒", price: 68, stock: 90, verb: "种植",
    descZh: "单果网套包装，个头匀称。", descEn: "Twelve even-sized pears, each in its own foam net.",
  },
  {
    slug: "yanan-village-soybean-paste", nameZh: "延安村农家大酱", nameEn: "Yan'an Village Farmhouse Soybean Paste",
    category: "snacks", supplier: S.hlYanan, township: "头道镇", village: "延安村", spec: "1kg/桶", price: 28,
    stock: 120, verb: "制作", descZh: "本村黄豆做酱块，自然发酵一年，蘸菜、炖汤都香。",
    descEn: "Village soybeans shaped into blocks and fermented for a year; for dipping and stews.",
  },
  {
    slug: "helong-black-fungus-250g", nameZh: "和龙长白山黑木耳", nameEn: "Helong Changbai Mountain Black Fungus",
    category: "fungi", supplier: S.hlForest, township: "八家子镇", village: "新兴村", spec: "250g/袋", price: 45,
    stock: 260, featured: true, verb: "种植", descZh: "菌包露天栽培，朵小肉厚，泡发率高。",
    descEn: "Grown outdoors on substrate bags; small, thick ears that swell well when soaked.",
  },
  {
    slug: "helong-black-fungus-500g", nameZh: "和龙黑木耳", nameEn: "Helong Black Fungus", category: "fungi",
    supplier: S.hlForest, township: "八家子镇", village: "新兴村", spec: "500g/盒", price: 82, stock: 120, verb: "种植",
    descZh: "秋耳礼盒装，凉拌、炒肉都好吃。", descEn: "Autumn-picked fungus in a gift box; for salads and stir-fries.",
  },
  {
    slug: "helong-hazel-mushrooms", nameZh: "和龙榛蘑", nameEn: "Helong Hazel Mushrooms", category: "fungi",
    supplier: S.hlForest, township: "八家子镇", village: "新兴村", spec: "250g/袋", price: 59, stock: 70, verb: "采集",
    descZh: "林下采集晾晒，小鸡炖蘑菇的主角。", descEn: "Gathered in the forest and sun-dried; the star of chicken-and-mushroom stew.",
  },
  {
    slug: "helong-korean-pine-nuts-500g", nameZh: "和龙红松松子", nameEn: "Helong Korean Pine Nuts", category: "nuts",
    supplier: S.hlForest, township: "福洞镇", village: "龙水村", spec: "500g/袋", price: 98, stock: 85, featured: true,
    verb: "采集", descZh: "长白山红松林采摘，手工开口，颗粒饱满，松香浓郁。",
    descEn: "Picked in Changbai Mountain pine forests and opened by hand; plump, with a rich pine aroma.",
  },
  {
    slug: "helong-pine-nut-kernels", nameZh: "和龙松子仁", nameEn: "Helong Pine Nut Kernels", category: "nuts",
    supplier: S.hlForest, township: "福洞镇", village: "龙水村", spec: "250g/罐", price: 68, stock: 60, verb: "采集",
    descZh: "去壳松仁，可直接吃，也可做菜、煮粥。", descEn: "Shelled kernels to eat as they are or add to dishes and porridge.",
  },
  {
    slug: "helong-fresh-blueberries", nameZh: "和龙蓝莓", nameEn: "Helong Fresh Blueberries", category: "fruit",
    supplier: S.hlForest, township: "八家子镇", village: "新兴村", spec: "125g×4/盒", price: 79, stock: 0, verb: "种植",
    descZh: "七八月采收，冷链直发，季节性供应。", descEn: "Picked in July and August and shipped cold; seasonal.",
  },
  {
    slug: "helong-dried-blueberries", nameZh: "和龙蓝莓干", nameEn: "Helong Dried Blueberries", category: "fruit",
    supplier: S.hlForest, township: "八家子镇", village: "新兴村", spec: "250g/袋", price: 45, stock: 120, verb: "加工",
    descZh: "整颗蓝莓低温烘干，酸甜有嚼劲。", descEn: "Whole blueberries dried at low heat; sweet-tart and chewy.",
  },
  {
    slug: "helong-blueberry-jam", nameZh: "和龙蓝莓果酱", nameEn: "Helong Blueberry Jam", category: "snacks",
    supplier: S.hlForest, township: "八家子镇", village: "新兴村", spec: "300g/瓶", price: 35, stock: 100, verb: "加工",
    descZh: "蓝莓果粒熬制，低糖配方，抹面包、拌酸奶。", descEn: "Cooked with whole berries and less sugar; for toast or yoghurt.",
  },
  {
    slug: "helong-linden-honey", nameZh: "和龙椴树蜜", nameEn: "Helong Linden Honey", category: "honey",
    supplier: S.hlForest, township: "福洞镇", village: "龙水村", spec: "500g/瓶", price: 68, stock: 140, verb: "生产",
    descZh: "长白山椴树花期采收的成熟蜜，天冷结晶洁白细腻。",
    descEn: "Ripe honey from the Changbai linden bloom; it sets white and smooth in the cold.",
  },
  {
    slug: "helong-changbai-ginseng", nameZh: "和龙长白山人参", nameEn: "Helong Changbai Mountain Ginseng",
    category: "ginseng", supplier: S.hlForest, township: "福洞镇", village: "龙水村", spec: "50g/盒", price: 128,
    stock: 45, verb: "种植", descZh: "整支晒干的园参，可炖汤、泡酒。", descEn: "Whole cultivated roots, sun-dried, for soups and infusions.",
  },
  {
    slug: "liudong-korean-kimchi", nameZh: "柳洞村朝鲜族辣白菜", nameEn: "Liudong Village Korean-Style Kimchi",
    category: "kimchi", supplier: S.hlLiudong, township: "", village: "柳洞村", spec: "1kg/盒", price: 32.8, stock: 190,
    featured: true, verb: "制作", descZh: "朝鲜族阿妈妮按家传方子腌制，酸辣爽口，冷藏发货。",
    descEn: "Made by Korean-ethnic grandmothers to a family recipe; tangy and spicy, shipped chilled.",
  },
  {
    slug: "liudong-bellflower-root-pickle", nameZh: "柳洞村桔梗咸菜", nameEn: "Liudong Village Spicy Bellflower Root",
    category: "kimchi", supplier: S.hlLiudong, township: "", village: "柳洞村", spec: "500g/盒", price: 26.8, stock: 130,
    verb: "制作", descZh: "桔梗根手撕拌制，朝鲜族传统小菜。",
    descEn: "Hand-shredded bellflower root in a chilli dressing, a Korean-style side dish.",
  },
  {
    slug: "liudong-rice-cake-soybean", nameZh: "柳洞村朝鲜族打糕（黄豆面）",
    nameEn: "Liudong Village Korean Rice Cake (Roasted Soybean)", category: "kimchi", supplier: S.hlLiudong,
    township: "", village: "柳洞村", spec: "800g/袋", price: 36, stock: 150, verb: "制作",
    descZh: "糯米蒸熟后用木槌反复捶打，裹上炒黄豆面。",
    descEn: "Steamed glutinous rice pounded with wooden mallets and rolled in roasted soybean flour.",
  },
  {
    slug: "liudong-rice-cake-red-bean", nameZh: "柳洞村朝鲜族打糕（红豆）",
    nameEn: "Liudong Village Korean Rice Cake (Red Bean)", category: "kimchi", supplier: S.hlLiudong, township: "",
    village: "柳洞村", spec: "800g/袋", price: 38, stock: 110, verb: "制作",
    descZh: "手工捶打的糯米打糕，外裹红豆沙，冷冻保存。", descEn: "Hand-pounded rice cake coated in red bean; keep frozen.",
  },
  {
    slug: "liudong-azalea-blossom-tea", nameZh: "柳洞村金达莱花茶", nameEn: "Liudong Village Azalea Blossom Tea",
    category: "tea-drinks", supplier: S.hlLiudong, township: "", village: "柳洞村", spec: "50g/罐", price: 38, stock: 90,
    verb: "制作", descZh: "春天采摘山上的金达莱花，低温烘干，冲泡清香。",
    descEn: "Azalea blossoms picked on the hills in spring and dried gently; a light floral tea.",
  },
  {
    slug: "helong-dongcheng-rice", nameZh: "和龙东城大米", nameEn: "Helong Dongcheng Rice", category: "rice",
    supplier: S.hlFood, township: "东城镇", village: "光东村", spec: "5kg/袋", price: 69.9, stock: 200, verb: "加工",
    descZh: "海兰江水灌溉的稻田所产，米香浓郁。", descEn: "From paddies watered by the Hailan River; richly fragrant.",
  },
  {
    slug: "helong-korean-cold-noodles", nameZh: "和龙朝鲜族冷面", nameEn: "Helong Korean-Style Cold Noodles",
    category: "kimchi", supplier: S.hlFood, township: "东城镇", village: "光东村", spec: "1.5kg/袋（含汤料）",
    price: 29.9, stock: 220, verb: "加工", descZh: "荞麦面条配酸甜冷面汤料，冰镇后最好吃。",
    descEn: "Buckwheat noodles with a sweet-sour broth base; best served icy.",
  },
  {
    slug: "helong-korean-chilli-paste", nameZh: "和龙朝鲜族辣酱", nameEn: "Helong Korean-Style Chilli Paste",
    category: "kimchi", supplier: S.hlFood, township: "东城镇", village: "光东村", spec: "500g/瓶", price: 22, stock: 140,
    verb: "加工", descZh: "辣椒面、糯米和黄豆酱发酵制成，拌饭炒菜皆宜。",
    descEn: "Fermented from chilli, glutinous rice and soybean paste; for bibimbap and stir-fries.",
  },
  {
    slug: "helong-yanbian-yellow-cattle-beef", nameZh: "和龙延边黄牛肉", nameEn: "Helong Yanbian Yellow Cattle Beef",
    category: "beef-meat", supplier: S.hlFood, township: "东城镇", village: "光东村", spec: "1kg/袋", price: 128,
    stock: 70, verb: "加工", descZh: "延边黄牛分割冷冻，肉质细嫩，适合炖煮和烧烤。",
    descEn: "Yanbian yellow cattle, cut and frozen; tender meat for stews and barbecue.",
  },
];

const WENLI_HERB_ZH = "来自文里村100亩中草药产业示范基地。";
const WENLI_HERB_EN = "From Wenli Village's 100-mu medicinal herb demonstration base.";
const HERB_ADVICE_ZH = "中药材请遵医嘱使用。";
const HERB_ADVICE_EN = "Use medicinal herbs on a doctor's advice.";
const WENLI_HIGHLAND_ZH = "来自文里村210亩高山生态种养殖基地。";
const WENLI_HIGHLAND_EN = "From Wenli Village's 210-mu highland planting and breeding base.";
const SILK_NOTE = "蚕茧收购自凤山县养蚕脱贫户，";

const fengshanRows: FlagshipRow[] = [
  {
    slug: "fengshan-walnuts-1kg", nameZh: "凤山核桃", nameEn: "Fengshan Walnuts", category: "nuts",
    supplier: S.fsWalnut, township: "长洲镇", village: "长洲村", spec: "1kg/袋", price: 58, stock: 300, featured: true,
    verb: "种植", descZh: "山地核桃自然成熟，壳薄仁满，香而不涩。",
    descEn: "Mountain walnuts left to ripen naturally; thin shells, full kernels, no bitterness.",
  },
  {
    slug: "fengshan-walnut-kernels", nameZh: "凤山核桃仁", nameEn: "Fengshan Walnut Kernels", category: "nuts",
    supplier: S.fsWalnut, township: "长洲镇", village: "长洲村", spec: "500g/罐", price: 68, stock: 150, verb: "种植",
    descZh: "人工剥壳取仁，可直接食用或做点心。", descEn: "Shelled by hand; eat as they are or bake with them.",
  },
  {
    slug: "fengshan-thin-shell-walnut-gift-box", nameZh: "凤山薄壳核桃礼盒", nameEn: "Fengshan Thin-Shell Walnut Gift Box",
    category: "nuts", supplier: S.fsWalnut, township: "长洲镇", village: "长洲村", spec: "2kg/盒", price: 118, stock: 80,
    verb: "种植", descZh: "精选大果，附核桃夹，适合节日送礼。", descEn: "Large selected walnuts with a nutcracker; a holiday gift.",
  },
  {
    slug: "wenli-honeysuckle", nameZh: "文里村金银花", nameEn: "Wenli Village Honeysuckle", category: "herbs",
    supplier: S.fsHerb, township: "", village: "文里村", spec: "100g/罐", price: 38, stock: 200, featured: true,
    verb: "种植", descZh: `${WENLI_HERB_ZH}花蕾期采摘、低温烘干，可泡茶。`,
    descEn: `${WENLI_HERB_EN} Picked in bud and dried at low heat; brew as tea.`,
  },
  {
    slug: "wenli-shandougen", nameZh: "文里村山豆根", nameEn: "Wenli Village Shandougen (Sophora Root)", category: "herbs",
    supplier: S.fsHerb, township: "", village: "文里村", spec: "500g/袋", price: 45, stock: 60, verb: "种植",
    descZh: `${WENLI_HERB_ZH}切片晒干。${HERB_ADVICE_ZH}`, descEn: `${WENLI_HERB_EN} Sliced and sun-dried. ${HERB_ADVICE_EN}`,
  },
  {
    slug: "wenli-spatholobus-stem", nameZh: "文里村鸡血藤", nameEn: "Wenli Village Spatholobus Stem", category: "herbs",
    supplier: S.fsHerb, township: "", village: "文里村", spec: "500g/袋", price: 32, stock: 80, verb: "种植",
    descZh: `${WENLI_HERB_ZH}藤茎切片晒干。${HERB_ADVICE_ZH}`, descEn: `${WENLI_HERB_EN} Stems sliced and sun-dried. ${HERB_ADVICE_EN}`,
  },
  {
    slug: "wenli-asparagus-root", nameZh: "文里村天冬", nameEn: "Wenli Village Asparagus Root (Tiandong)", category: "herbs",
    supplier: S.fsHerb, township: "", village: "文里村", spec: "250g/袋", price: 42, stock: 50, verb: "种植",
    descZh: `${WENLI_HERB_ZH}块根蒸制后晒干。${HERB_ADVICE_ZH}`, descEn: `${WENLI_HERB_EN} Roots steamed and dried. ${HERB_ADVICE_EN}`,
  },
  {
    slug: "fengshan-reishi-slices", nameZh: "凤山灵芝切片", nameEn: "Fengshan Reishi Slices", category: "herbs",
    supplier: S.fsHerb, township: "", village: "文里村", spec: "100g/袋", price: 88, stock: 40, verb: "种植",
    descZh: "段木栽培赤灵芝，切片便于煲汤泡水。", descEn: "Red reishi grown on logs, sliced for soups and infusions.",
  },
  {
    slug: "wenli-highland-vegetable-box", nameZh: "文里村高山蔬菜箱", nameEn: "Wenli Village Highland Vegetable Box",
    category: "vegetables", supplier: S.fsHighland, township: "", village: "文里村", spec: "5kg/箱", price: 59, stock: 70,
    featured: true, verb: "种植", descZh: `${WENLI_HIGHLAND_ZH}当季高山蔬菜组合，每周采摘直发。`,
    descEn: `${WENLI_HIGHLAND_EN} A box of seasonal highland vegetables, picked and shipped weekly.`,
  },
  {
    slug: "wenli-highland-sweet-potatoes", nameZh: "文里村高山红薯", nameEn: "Wenli Village Highland Sweet Potatoes",
    category: "vegetables", supplier: S.fsHighland, township: "", village: "文里村", spec: "5kg/箱", price: 39.9,
    stock: 160, verb: "种植", descZh: "高山沙壤土种植，蒸熟后软糯香甜。", descEn: "Grown in sandy highland soil; soft and sweet when steamed.",
  },
  {
    slug: "wenli-highland-dried-chillies", nameZh: "文里村高山干辣椒", nameEn: "Wenli Village Highland Dried Chillies",
    category: "vegetables", supplier: S.fsHighland, township: "", village: "文里村", spec: "250g/袋", price: 18.8,
    stock: 210, verb: "种植", descZh: "高山朝天椒自然晒干，香辣够味。", descEn: "Highland chillies sun-dried whole; fragrant and hot.",
  },
  {
    slug: "fengshan-highland-ginger", nameZh: "凤山高山小黄姜", nameEn: "Fengshan Highland Ginger", category: "vegetables",
    supplier: S.fsHighland, township: "", village: "文里村", spec: "2.5kg/箱", price: 29.9, stock: 130, verb: "种植",
    descZh: "山地小黄姜，姜味浓、纤维细。", descEn: "Small yellow mountain ginger; strong flavour, fine fibre.",
  },
  {
    slug: "fengshan-black-goat-meat", nameZh: "凤山黑山羊肉", nameEn: "Fengshan Black Goat Meat", category: "beef-meat",
    supplier: S.fsHighland, township: "", village: "文里村", spec: "1kg/袋", price: 138, stock: 55, verb: "养殖",
    descZh: `${WENLI_HIGHLAND_ZH}高山放养黑山羊，肉质细嫩少膻味，适合炖煮和火锅。`,
    descEn: `${WENLI_HIGHLAND_EN} Hill-grazed black goats; tender and mild, for stews and hotpot.`,
  },
  {
    slug: "wenli-highland-free-range-chicken", nameZh: "文里村高山土鸡", nameEn: "Wenli Village Highland Free-Range Chicken",
    category: "eggs-poultry", supplier: S.fsHighland, township: "", village: "文里村", spec: "约1.5kg/只", price: 118,
    stock: 45, verb: "养殖", descZh: "山林散养一年以上，冷冻真空包装。", descEn: "Free-ranging in the hills for over a year; vacuum-packed and frozen.",
  },
  {
    slug: "wenli-free-range-eggs", nameZh: "文里村土鸡蛋", nameEn: "Wenli Village Free-Range Eggs", category: "eggs-poultry",
    supplier: S.fsHighland, township: "", village: "文里村", spec: "30枚/箱", price: 45, stock: 90, verb: "养殖",
    descZh: "高山散养土鸡所产，个头小、蛋黄大。", descEn: "Laid by highland free-range hens; small eggs with big yolks.",
  },
  {
    slug: "fengshan-silk-quilt-spring-autumn", nameZh: "凤山桑蚕丝被（春秋被）",
    nameEn: "Fengshan Mulberry Silk Quilt (Spring/Autumn)", category: "silk", supplier: S.fsSilk, township: "凤城镇",
    village: "", spec: "200×230cm 1.5kg/条", price: 599, stock: 35, featured: true, verb: "生产",
    originNote: SILK_NOTE, descZh: "长丝桑蚕丝手工拉制，轻盈透气。蚕茧来自凤山县养蚕户。",
    descEn: "Long-fibre mulberry silk stretched by hand; light and breathable. The cocoons come from Fengshan's silkworm-raising households.",
  },
  {
    slug: "fengshan-silk-quilt-winter", nameZh: "凤山桑蚕丝被（冬被）", nameEn: "Fengshan Mulberry Silk Quilt (Winter)",
    category: "silk", supplier: S.fsSilk, township: "凤城镇", village: "", spec: "200×230cm 2.5kg/条", price: 799, stock: 20,
    verb: "生产", originNote: SILK_NOTE, descZh: "加厚冬被，保暖不闷，全棉面料。",
    descEn: "A thick winter quilt, warm without stuffiness, in a cotton cover.",
  },
  {
    slug: "fengshan-silk-pillow", nameZh: "凤山蚕丝枕", nameEn: "Fengshan Silk Pillow", category: "silk",
    supplier: S.fsSilk, township: "凤城镇", village: "", spec: "48×74cm/个", price: 168, stock: 50, verb: "生产",
    originNote: SILK_NOTE, descZh: "蚕丝填充，柔软回弹。", descEn: "Silk-filled, soft and springy.",
  },
  {
    slug: "fengshan-silk-scarf", nameZh: "凤山真丝围巾", nameEn: "Fengshan Silk Scarf", category: "silk",
    supplier: S.fsSilk, township: "凤城镇", village: "", spec: "180×55cm/条", price: 128, stock: 4, verb: "生产",
    originNote: SILK_NOTE, descZh: "桑蚕丝织造，手感顺滑，多色可选。", descEn: "Woven mulberry silk, smooth to the touch.",
  },
  {
    slug: "fengshan-selenium-green-tea", nameZh: "凤山富硒绿茶", nameEn: "Fengshan Selenium-Rich Green Tea",
    category: "tea-drinks", supplier: S.fsTea, township: "砦牙乡", village: "", spec: "100g/罐", price: 88, stock: 120,
    featured: true, verb: "种植", descZh: "高山云雾茶园，富硒土壤种植，清明前采摘。",
    descEn: "From misty highland gardens on selenium-rich soil, picked before Qingming.",
  },
  {
    slug: "fengshan-selenium-tea-gift-box", nameZh: "凤山富硒茶礼盒", nameEn: "Fengshan Selenium-Rich Tea Gift Box",
    category: "tea-drinks", supplier: S.fsTea, township: "砦牙乡", village: "", spec: "250g/盒", price: 168, stock: 60,
    verb: "种植", descZh: "绿茶、红茶双拼礼盒。", descEn: "A gift box of green and black tea.",
  },
  {
    slug: "fengshan-selenium-rice", nameZh: "凤山富硒大米", nameEn: "Fengshan Selenium-Rich Rice", category: "rice",
    supplier: S.fsFarm, township: "凤城镇", village: "", spec: "5kg/袋", price: 69, stock: 140, verb: "种植",
    descZh: "山区梯田种植，富硒土壤，米饭香软。", descEn: "Grown on terraced paddies in selenium-rich soil; soft and fragrant.",
  },
  {
    slug: "fengshan-camellia-oil", nameZh: "凤山山茶油", nameEn: "Fengshan Camellia Oil", category: "rice",
    supplier: S.fsFarm, township: "凤城镇", village: "", spec: "500ml/瓶", price: 89, stock: 100, verb: "压榨",
    descZh: "山茶籽冷榨，适合凉拌和煲汤。", descEn: "Cold-pressed from camellia seeds; for dressings and soups.",
  },
  {
    slug: "fengshan-wildflower-honey", nameZh: "凤山百花蜜", nameEn: "Fengshan Wildflower Honey", category: "honey",
    supplier: S.fsFarm, township: "凤城镇", village: "", spec: "500g/瓶", price: 78, stock: 75, verb: "生产",
    descZh: "山区蜂农土法养蜂，一年一取的成熟蜜。", descEn: "From hill beekeepers' traditional hives, harvested once a year.",
  },
];

function buildFlagship(countySlug: string, skuPrefix: string, rows: FlagshipRow[]): DemoProduct[] {
  const county = countyBySlug(countySlug);
  return rows.map((row, i) => ({
    sku: `${skuPrefix}-${pad4(i + 1)}`,
    slug: row.slug,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    categorySlug: row.category,
    countySlug,
    supplierName: row.supplier,
    township: row.township,
    village: row.village,
    spec: row.spec,
    priceFen: yuanToFen(row.price),
    stock: row.stock,
    descriptionZh: row.descZh,
    descriptionEn: row.descEn,
    originStatement: originStatement(row.supplier, county.nameZh, row.township, row.village, row.verb, row.originNote),
    featured: row.featured ?? false,
    imageUrl: categoryImageUrl(row.category),
    endorsement: null,
  }));
}

export const flagshipProducts: DemoProduct[] = [
  ...buildFlagship("zhenlai", "ZL", zhenlaiRows),
  ...buildFlagship("helong", "HL", helongRows),
  ...buildFlagship("fengshan", "FS", fengshanRows),
];

// ---------------------------------------------------------------------------------------------
// First-secretary-endorsed products (generated)
// ---------------------------------------------------------------------------------------------

type BaseKey =
  | "millet" | "rice" | "black-fungus" | "linden-honey" | "wildflower-honey" | "ginseng" | "pine-nuts"
  | "hazelnuts" | "soybeans" | "mung-beans" | "adzuki-beans" | "corn-grits" | "sticky-bean-buns"
  | "cold-noodles" | "kimchi" | "dried-blueberries" | "hazel-mushrooms" | "lions-mane" | "schisandra"
  | "free-range-eggs" | "free-range-chicken" | "black-pork" | "sunflower-seeds" | "pumpkin-seeds"
  | "sorghum-rice" | "buckwheat-flour" | "deer-antler" | "broomcorn-millet" | "perilla-seeds" | "shiitake"
  | "bracken" | "aralia-shoots" | "sweet-corn" | "dried-tofu" | "soybean-oil" | "sunflower-oil"
  | "apple-pears" | "wild-grape-juice" | "dandelion-tea" | "beef-jerky" | "salted-duck-eggs"
  | "soybean-paste" | "potato-noodles" | "oat-rice" | "rice-cakes";

type ProductBase = {
  key: BaseKey;
  zh: string;
  en: string;
  category: CategorySlug;
  role: Role;
  verb: string;
  /** "all", or a region a county must have for the product to come from there. */
  region: Region | "all";
  /** [spec, lowest yuan, highest yuan] */
  specs: [string, number, number][];
  /** Phrases a first secretary might use about it. */
  qualities: string[];
  descZh: string;
  descEn: string;
  /** Optional name prefixes: [zh, en]. */
  adjectives?: [string, string][];
};

const bases: ProductBase[] = [
  {
    key: "millet", zh: "小米", en: "Millet", category: "grains", role: "grow", verb: "种植", region: "all",
    specs: [["2.5kg/袋", 32, 58], ["5kg/箱", 62, 98]], qualities: ["颗粒金黄、熬粥有米油", "在黑土地上自然晾晒"],
    descZh: "当年新小米，颗粒金黄，熬粥有厚厚一层米油。", descEn: "This year's millet; golden grains for a rich porridge.",
    adjectives: [["有机", "Organic"], ["黄金", "Golden"]],
  },
  {
    key: "rice", zh: "大米", en: "Rice", category: "rice", role: "grow", verb: "种植", region: "all",
    specs: [["5kg/袋", 45, 88], ["10kg/袋", 88, 158]], qualities: ["米粒饱满、饭香浓", "一年一季、自然生长"],
    descZh: "一年一季的东北粳米，蒸饭油亮，放凉了也不回生。",
    descEn: "Northeastern japonica rice, one crop a year; glossy when cooked and still soft when cool.",
    adjectives: [["稻花香", "Fragrant"], ["有机", "Organic"], ["长粒香", "Long-Grain"]],
  },
  {
    key: "black-fungus", zh: "黑木耳", en: "Black Fungus", category: "fungi", role: "grow", verb: "种植", region: "east",
    specs: [["250g/袋", 35, 68], ["500g/盒", 68, 128]], qualities: ["朵小肉厚、泡发率高", "是在山林里长出来的"],
    descZh: "秋耳采摘，朵小肉厚，一小把就能泡发一大碗。", descEn: "Autumn-picked, small and thick; a little goes a long way once soaked.",
    adjectives: [["秋", "Autumn"], ["小碗", "Small-Cup"]],
  },
  {
    key: "linden-honey", zh: "椴树蜜", en: "Linden Honey", category: "honey", role: "raise", verb: "生产", region: "east",
    specs: [["500g/瓶", 48, 88], ["1kg/瓶", 88, 158]], qualities: ["结晶洁白、入口清香", "是椴树花开时采的成熟蜜"],
    descZh: "椴树花期采收的成熟蜜，天冷易结晶，属正常现象。", descEn: "Ripe honey from the linden bloom; it crystallises in the cold, which is normal.",
  },
  {
    key: "wildflower-honey", zh: "山花蜜", en: "Wildflower Honey", category: "honey", role: "raise", verb: "生产",
    region: "all", specs: [["500g/瓶", 38, 68]], qualities: ["百花酿成、甜而不腻"],
    descZh: "多种山花蜜源，一年只取一次。", descEn: "From many mountain flowers, harvested once a year.",
  },
  {
    key: "ginseng", zh: "人参", en: "Ginseng", category: "ginseng", role: "grow", verb: "种植", region: "east",
    specs: [["50g/盒", 98, 198], ["5支/盒", 128, 298]], qualities: ["参形完整、参味浓", "在林下种了好多年"],
    descZh: "整支晒干，可炖汤、泡酒、切片含服。", descEn: "Whole roots, sun-dried; for soups, infusions or slicing.",
    adjectives: [["林下", "Forest-Grown"], ["长白山", "Changbai"]],
  },
  {
    key: "pine-nuts", zh: "松子", en: "Pine Nuts", category: "nuts", role: "grow", verb: "采集", region: "east",
    specs: [["500g/袋", 68, 128]], qualities: ["颗粒饱满、松香浓"],
    descZh: "红松林采收，手工开口，一咬满口松香。", descEn: "Gathered from Korean pine forests and opened by hand.",
    adjectives: [["红松", "Korean"]],
  },
  {
    key: "hazelnuts", zh: "榛子", en: "Hazelnuts", category: "nuts", role: "grow", verb: "采集", region: "all",
    specs: [["500g/袋", 45, 78]], qualities: ["壳薄仁香"], descZh: "野生平榛，炒制开口，香脆。",
    descEn: "Wild hazelnuts roasted until they split; crisp and fragrant.",
  },
  {
    key: "soybeans", zh: "黄豆", en: "Soybeans", category: "grains", role: "grow", verb: "种植", region: "all",
    specs: [["2.5kg/袋", 22, 38]], qualities: ["颗粒圆润、出浆率高"],
    descZh: "非转基因大豆，打豆浆、生豆芽、炖猪蹄都合适。", descEn: "Non-GMO soybeans for soy milk, sprouts or stews.",
  },
  {
    key: "mung-beans", zh: "绿豆", en: "Mung Beans", category: "grains", role: "grow", verb: "种植", region: "west",
    specs: [["2kg/袋", 26, 42]], qualities: ["粒粒饱满、易煮开花"],
    descZh: "沙土地种植，皮薄易煮开花，夏天解暑正好。", descEn: "Grown on sandy soil; thin skins that burst quickly, right for summer.",
  },
  {
    key: "adzuki-beans", zh: "红小豆", en: "Adzuki Beans", category: "grains", role: "grow", verb: "种植", region: "all",
    specs: [["2kg/袋", 28, 46]], qualities: ["颜色红亮、煮粥沙软"],
    descZh: "颗粒红亮，熬粥做豆沙都好用。", descEn: "Bright red beans for porridge and bean paste.",
  },
  {
    key: "corn-grits", zh: "玉米碴", en: "Corn Grits", category: "grains", role: "process", verb: "加工", region: "all",
    specs: [["2.5kg/袋", 18, 32]], qualities: ["是黑土地玉米现磨的"],
    descZh: "东北大碴子，配芸豆熬碴子粥。", descEn: "Coarse northeastern corn grits for porridge with kidney beans.",
  },
  {
    key: "sticky-bean-buns", zh: "粘豆包", en: "Sticky Bean Buns", category: "snacks", role: "process", verb: "制作",
    region: "all", specs: [["1kg/袋", 25, 39]], qualities: ["黄米面皮、红豆馅，是过年的味道"],
    descZh: "大黄米面发酵，包红豆馅，冷冻保存，蒸热即食。", descEn: "Fermented millet dough filled with red bean; keep frozen and steam to serve.",
  },
  {
    key: "cold-noodles", zh: "冷面", en: "Cold Noodles", category: "kimchi", role: "process", verb: "加工",
    region: "korean", specs: [["1.5kg/袋", 22, 38]], qualities: ["面条筋道、汤料酸甜"],
    descZh: "荞麦冷面配汤料，冰镇后口感最佳。", descEn: "Buckwheat cold noodles with broth base; best served icy.",
  },
  {
    key: "kimchi", zh: "辣白菜", en: "Kimchi", category: "kimchi", role: "process", verb: "腌制", region: "korean",
    specs: [["1kg/盒", 28, 45]], qualities: ["酸辣爽口，是阿妈妮的手艺"],
    descZh: "本地大白菜按朝鲜族传统方法腌制，冷藏发货。", descEn: "Local napa cabbage pickled the Korean-ethnic way; shipped chilled.",
  },
  {
    key: "dried-blueberries", zh: "蓝莓干", en: "Dried Blueberries", category: "fruit", role: "process", verb: "加工",
    region: "east", specs: [["250g/袋", 38, 68]], qualities: ["果粒完整、酸甜适口"],
    descZh: "长白山区蓝莓低温烘干，无添加色素。", descEn: "Blueberries from the Changbai Mountain area dried at low heat; no added colour.",
  },
  {
    key: "hazel-mushrooms", zh: "榛蘑", en: "Hazel Mushrooms", category: "fungi", role: "grow", verb: "采集", region: "east",
    specs: [["250g/袋", 48, 88]], qualities: ["是山里采的，炖鸡最香"],
    descZh: "林下采集晾晒，小鸡炖蘑菇必不可少。", descEn: "Forest-gathered and dried; essential for chicken-and-mushroom stew.",
  },
  {
    key: "lions-mane", zh: "猴头菇", en: "Lion's Mane Mushrooms", category: "fungi", role: "grow", verb: "种植",
    region: "east", specs: [["200g/袋", 45, 88]], qualities: ["菇体饱满、色泽金黄"],
    descZh: "段木栽培，适合煲汤。", descEn: "Grown on logs; for soups.",
  },
  {
    key: "schisandra", zh: "五味子", en: "Schisandra Berries", category: "herbs", role: "grow", verb: "种植", region: "east",
    specs: [["500g/袋", 48, 88]], qualities: ["颗粒饱满、色泽紫红"],
    descZh: `北五味子晒干，可泡水泡酒。${HERB_ADVICE_ZH}`, descEn: `Northern schisandra, sun-dried, for infusions. ${HERB_ADVICE_EN}`,
  },
  {
    key: "free-range-eggs", zh: "土鸡蛋", en: "Free-Range Eggs", category: "eggs-poultry", role: "raise", verb: "养殖",
    region: "all", specs: [["30枚/箱", 39, 58], ["60枚/箱", 72, 108]], qualities: ["蛋黄橙红，鸡都在林下跑"],
    descZh: "林下散养鸡所产，每日拣蛋，破损包赔。", descEn: "Laid by free-ranging hens and collected daily; breakages replaced.",
    adjectives: [["林下", "Woodland"]],
  },
  {
    key: "free-range-chicken", zh: "笨鸡", en: "Free-Range Chicken", category: "eggs-poultry", role: "raise", verb: "养殖",
    region: "all", specs: [["约1.5kg/只", 88, 138]], qualities: ["散养一年、肉香有嚼劲"],
    descZh: "农户散养一年以上，宰杀后真空冷冻。", descEn: "Farm-raised for over a year, vacuum-packed and frozen.",
  },
  {
    key: "black-pork", zh: "黑猪肉", en: "Black Pork", category: "beef-meat", role: "raise", verb: "养殖", region: "all",
    specs: [["2kg/箱", 128, 198]], qualities: ["是吃粮食长大的，肉香浓"],
    descZh: "本地黑猪，玉米豆粕喂养，分割冷冻装箱。", descEn: "Local black pigs fed on corn and soybean meal; cut and frozen.",
  },
  {
    key: "sunflower-seeds", zh: "葵花籽", en: "Sunflower Seeds", category: "nuts", role: "grow", verb: "种植",
    region: "west", specs: [["1kg/袋", 25, 42]], qualities: ["颗粒大、越嗑越香"],
    descZh: "沙土地葵花，原味炒制。", descEn: "Sunflowers from sandy soil, roasted plain.",
    adjectives: [["原味", "Plain"], ["五香", "Five-Spice"]],
  },
  {
    key: "pumpkin-seeds", zh: "南瓜子", en: "Pumpkin Seeds", category: "nuts", role: "grow", verb: "种植", region: "all",
    specs: [["500g/袋", 28, 45]], qualities: ["片大饱满、原味炒制"],
    descZh: "白瓜子原味炒制，不加香精。", descEn: "White pumpkin seeds roasted plain, no flavourings.",
  },
  {
    key: "sorghum-rice", zh: "高粱米", en: "Sorghum Rice", category: "grains", role: "grow", verb: "种植", region: "west",
    specs: [["2.5kg/袋", 22, 36]], qualities: ["是东北老味道，粒粒饱满"],
    descZh: "可单独蒸饭，也可和大米混煮。", descEn: "Cook on its own or mixed with rice.",
  },
  {
    key: "buckwheat-flour", zh: "荞麦面", en: "Buckwheat Flour", category: "grains", role: "process", verb: "加工",
    region: "west", specs: [["1kg/袋", 18, 32]], qualities: ["石磨研磨、麦香足"],
    descZh: "石磨荞麦粉，可做饸饹、煎饼。", descEn: "Stone-ground buckwheat flour for noodles and pancakes.",
  },
  {
    key: "deer-antler", zh: "鹿茸片", en: "Deer Antler Slices", category: "ginseng", role: "raise", verb: "养殖",
    region: "deer", specs: [["10g/盒", 168, 328]], qualities: ["是梅花鹿茸，切片均匀"],
    descZh: "人工养殖梅花鹿鹿茸，切片烘干。请遵医嘱适量食用。",
    descEn: "From farmed sika deer, sliced and dried. Take in moderation on a doctor's advice.",
  },
  {
    key: "broomcorn-millet", zh: "大黄米", en: "Broomcorn Millet", category: "grains", role: "grow", verb: "种植",
    region: "west", specs: [["2.5kg/袋", 28, 45]], qualities: ["黏糯香甜，包粘豆包最好"],
    descZh: "黍子碾制的黄米，蒸黏饭、包粘豆包都好。", descEn: "Milled broomcorn millet for sticky rice and bean buns.",
  },
  {
    key: "perilla-seeds", zh: "苏子", en: "Perilla Seeds", category: "grains", role: "grow", verb: "种植", region: "all",
    specs: [["500g/袋", 18, 30]], qualities: ["颗粒饱满、油香浓"],
    descZh: "做苏子叶饼、苏子馅的原料。", descEn: "For perilla-seed fillings and pastries.",
  },
  {
    key: "shiitake", zh: "香菇", en: "Shiitake Mushrooms", category: "fungi", role: "grow", verb: "种植", region: "east",
    specs: [["500g/袋", 45, 78]], qualities: ["菇肉厚实、香味浓"],
    descZh: "段木香菇自然晾干，泡发后香味浓郁。", descEn: "Log-grown shiitake, air-dried; richly fragrant once soaked.",
    adjectives: [["花菇", "Flower"]],
  },
  {
    key: "bracken", zh: "蕨菜", en: "Dried Bracken Fern", category: "vegetables", role: "grow", verb: "采集",
    region: "east", specs: [["500g/袋", 28, 48]], qualities: ["是山野菜，春天的味道"],
    descZh: "春季采摘嫩芽，焯水晒干，泡发后炒肉。", descEn: "Young spring shoots, blanched and dried; soak and stir-fry with pork.",
  },
  {
    key: "aralia-shoots", zh: "刺嫩芽", en: "Aralia Shoots", category: "vegetables", role: "grow", verb: "采集",
    region: "east", specs: [["250g/袋", 38, 68]], qualities: ["是山野菜之王，鲜嫩清香"],
    descZh: "长白山春季山野菜，速冻保鲜，蘸酱、炒蛋都好吃。", descEn: "A Changbai spring delicacy, quick-frozen; dip in sauce or scramble with eggs.",
  },
  {
    key: "sweet-corn", zh: "粘玉米", en: "Waxy Corn", category: "vegetables", role: "grow", verb: "种植", region: "all",
    specs: [["10穗/箱", 35, 58]], qualities: ["软糯香甜、一口爆浆"],
    descZh: "乳熟期采摘，真空包装，加热即食。", descEn: "Picked at the milk stage and vacuum-packed; heat and eat.",
    adjectives: [["黑", "Black"], ["白", "White"]],
  },
  {
    key: "dried-tofu", zh: "干豆腐", en: "Dried Tofu Sheets", category: "snacks", role: "process", verb: "制作",
    region: "all", specs: [["1kg/袋", 18, 28]], qualities: ["薄而有韧劲、豆香浓"],
    descZh: "本地黄豆卤水点制，卷大葱蘸酱是东北吃法。", descEn: "Made from local soybeans; roll with spring onion and dip, northeastern style.",
  },
  {
    key: "soybean-oil", zh: "大豆油", en: "Soybean Oil", category: "rice", role: "process", verb: "压榨", region: "all",
    specs: [["5L/桶", 68, 98]], qualities: ["物理压榨、豆香浓"],
    descZh: "非转基因大豆物理压榨。", descEn: "Mechanically pressed from non-GMO soybeans.",
  },
  {
    key: "sunflower-oil", zh: "葵花籽油", en: "Sunflower Oil", category: "rice", role: "process", verb: "压榨", region: "west",
    specs: [["5L/桶", 88, 128]], qualities: ["清亮不油烟"], descZh: "本地葵花籽压榨，清亮少油烟。",
    descEn: "Pressed from local sunflower seeds; clear and low-smoke.",
  },
  {
    key: "apple-pears", zh: "苹果梨", en: "Apple-Pears", category: "fruit", role: "grow", verb: "种植", region: "korean",
    specs: [["5kg/箱", 45, 68]], qualities: ["皮薄多汁、酸甜清脆"],
    descZh: "延边特产苹果梨，耐储存。", descEn: "The Yanbian apple-pear; it keeps well.",
  },
  {
    key: "wild-grape-juice", zh: "山葡萄汁", en: "Wild Grape Juice", category: "tea-drinks", role: "process", verb: "加工",
    region: "east", specs: [["330ml×12/箱", 58, 88]], qualities: ["酸甜浓郁、不加色素"],
    descZh: "长白山山葡萄压榨，冰镇更好喝。", descEn: "Pressed from Changbai wild grapes; best chilled.",
  },
  {
    key: "dandelion-tea", zh: "蒲公英茶", en: "Dandelion Tea", category: "tea-drinks", role: "process", verb: "加工",
    region: "all", specs: [["150g/罐", 28, 48]], qualities: ["清香微苦"], descZh: "野生蒲公英采摘晒干，冲泡清香微苦。",
    descEn: "Wild dandelion picked and dried; lightly bitter.",
  },
  {
    key: "beef-jerky", zh: "牛肉干", en: "Beef Jerky", category: "beef-meat", role: "process", verb: "加工", region: "west",
    specs: [["250g/袋", 45, 68]], qualities: ["肉香有嚼劲"], descZh: "本地黄牛肉风干，原味和香辣两种口味。",
    descEn: "Air-dried local beef, plain or spicy.", adjectives: [["手撕", "Hand-Torn"], ["风干", "Air-Dried"]],
  },
  {
    key: "salted-duck-eggs", zh: "咸鸭蛋", en: "Salted Duck Eggs", category: "eggs-poultry", role: "raise", verb: "养殖",
    region: "west", specs: [["20枚/箱", 38, 56]], qualities: ["蛋黄起沙流油"],
    descZh: "湖边放养鸭所产，传统腌制。", descEn: "From ducks raised by the lake, salted the traditional way.",
  },
  {
    key: "soybean-paste", zh: "大酱", en: "Soybean Paste", category: "snacks", role: "process", verb: "制作", region: "all",
    specs: [["1kg/桶", 25, 38]], qualities: ["自然发酵、酱香浓"],
    descZh: "本地黄豆做酱块，自然发酵，蘸菜炖汤都香。", descEn: "Local soybeans fermented naturally; for dipping and stews.",
    adjectives: [["农家", "Farmhouse"]],
  },
  {
    key: "potato-noodles", zh: "土豆粉条", en: "Potato Starch Noodles", category: "snacks", role: "process", verb: "加工",
    region: "all", specs: [["1kg/袋", 22, 35]], qualities: ["久煮不烂、滑溜筋道"],
    descZh: "纯土豆淀粉漏制，猪肉炖粉条的主角。", descEn: "Pure potato starch noodles, the heart of pork-and-noodle stew.",
  },
  {
    key: "oat-rice", zh: "燕麦米", en: "Oat Rice", category: "grains", role: "grow", verb: "种植", region: "west",
    specs: [["2kg/袋", 26, 42]], qualities: ["粒粒饱满、口感Q弹"],
    descZh: "去壳燕麦粒，可与大米同煮。", descEn: "Hulled oat groats to cook with rice.",
  },
  {
    key: "rice-cakes", zh: "打糕", en: "Korean Rice Cakes", category: "kimchi", role: "process", verb: "制作",
    region: "korean", specs: [["800g/袋", 32, 42]], qualities: ["是木槌打出来的，软糯不粘牙"],
    descZh: "糯米蒸熟后捶打成糕，裹黄豆面，冷冻保存。", descEn: "Pounded glutinous rice rolled in soybean flour; keep frozen.",
    adjectives: [["朝鲜族", "Korean-Style"]],
  },
];

function baseByKey(key: BaseKey): ProductBase {
  const base = bases.find((b) => b.key === key);
  if (!base) throw new Error(`Unknown product base ${key}`);
  return base;
}

// Village and township name stems, with pinyin for English names.
const VILLAGE_STEMS: [string, string][] = [
  ["东兴", "Dongxing"], ["红旗", "Hongqi"], ["永安", "Yong'an"], ["新民", "Xinmin"], ["太平", "Taiping"],
  ["兴隆", "Xinglong"], ["胜利", "Shengli"], ["前进", "Qianjin"], ["光明", "Guangming"], ["团结", "Tuanjie"],
  ["长青", "Changqing"], ["富强", "Fuqiang"], ["和平", "Heping"], ["三合", "Sanhe"], ["五星", "Wuxing"],
  ["向阳", "Xiangyang"], ["丰收", "Fengshou"], ["东升", "Dongsheng"], ["新立", "Xinli"], ["保安", "Bao'an"],
  ["福兴", "Fuxing"], ["双山", "Shuangshan"], ["友谊", "Youyi"], ["民主", "Minzhu"], ["复兴", "Fuxing"],
  ["建国", "Jianguo"], ["靠山", "Kaoshan"], ["榆树", "Yushu"], ["柳河", "Liuhe"], ["北山", "Beishan"],
  ["南岗", "Nangang"], ["西沟", "Xigou"], ["东岭", "Dongling"], ["长山", "Changshan"], ["兴华", "Xinghua"],
  ["德胜", "Desheng"], ["宝泉", "Baoquan"], ["新农", "Xinnong"], ["青山", "Qingshan"], ["金星", "Jinxing"],
  ["红光", "Hongguang"], ["永丰", "Yongfeng"], ["平安", "Ping'an"], ["安乐", "Anle"], ["合心", "Hexin"],
  ["朝阳", "Chaoyang"], ["春华", "Chunhua"], ["龙泉", "Longquan"], ["荣华", "Ronghua"], ["中和", "Zhonghe"],
];

const TOWNSHIP_STEMS = [
  "向阳", "新华", "兴隆", "太平", "永吉", "长安", "三道", "五道", "双河", "宝山", "石门", "北岗", "东风",
  "红星", "民乐", "兴安", "新安", "清河", "林海", "松江", "万宝", "富裕", "团山", "四方",
] as const;

/** Real townships of the two assigned Jilin counties, used for their endorsed products. */
const KNOWN_TOWNSHIPS = new Map<string, string[]>([
  ["zhenlai", ["坦途镇", "东屏镇", "五棵树镇", "黑鱼泡镇", "大屯镇", "沿江镇", "建平乡", "嘎什根乡"]],
  ["helong", ["八家子镇", "福洞镇", "南坪镇", "东城镇", "西城镇", "龙城镇", "崇善镇"]],
]);

const PROVINCIAL_UNITS = [
  "吉林省农业农村厅", "吉林省财政厅", "吉林省交通运输厅", "吉林省卫生健康委员会", "吉林省教育厅",
  "吉林省自然资源厅", "吉林省商务厅", "吉林省水利厅", "吉林省林业和草原局", "吉林省委组织部",
  "吉林省委宣传部", "吉林省人力资源和社会保障厅", "吉林省市场监督管理厅", "吉林省统计局", "中国一汽",
  "中国农业银行吉林省分行", "中国建设银行吉林省分行", "中国工商银行吉林省分行", "吉林银行",
  "国网吉林省电力有限公司", "中国移动吉林公司", "吉林大学", "东北师范大学",
] as const;

const CITY_UNIT_SUFFIXES = ["财政局", "农业农村局", "交通运输局", "教育局", "卫生健康委员会", "住房和城乡建设局"] as const;

type Village = {
  name: string;
  stemZh: string;
  stemEn: string;
  township: string;
  secretaryName: string;
  dispatchingUnit: string;
  households: number;
};

type EndorsedCounty = {
  slug: string;
  nameZh: string;
  shortZh: string;
  shortEn: string;
  nameEn: string;
  prefectureZh: string;
  regions: Region[];
  specialties: BaseKey[];
};

const endorsedCountyList: { county: EndorsedCounty; count: number }[] = [
  ...jilinCounties.map((c) => ({ county: c, count: 52 })),
  {
    county: {
      slug: "zhenlai", nameZh: "镇赉县", nameEn: "Zhenlai County", shortZh: "镇赉", shortEn: "Zhenlai",
      prefectureZh: "白城市", regions: ["west"], specialties: ["rice", "beef-jerky", "millet", "mung-beans"],
    },
    count: 12,
  },
  {
    county: {
      slug: "helong", nameZh: "和龙市", nameEn: "Helong City", shortZh: "和龙", shortEn: "Helong",
      prefectureZh: "延边朝鲜族自治州", regions: ["east", "korean"],
      specialties: ["apple-pears", "black-fungus", "kimchi", "pine-nuts"],
    },
    count: 12,
  },
];

function buildVillages(rng: Rng, county: EndorsedCounty): Village[] {
  const townships =
    KNOWN_TOWNSHIPS.get(county.slug) ??
    pickDistinct(rng, TOWNSHIP_STEMS, 5).map((stem) => `${stem}${rng() < 0.65 ? "镇" : "乡"}`);
  const cityUnit = (suffix: string) => `${county.prefectureZh}${suffix}`;
  const villages: Village[] = pickDistinct(rng, VILLAGE_STEMS, 16).map(([stemZh, stemEn]) => ({
    name: `${stemZh}村`,
    stemZh,
    stemEn,
    township: pick(rng, townships),
    secretaryName: personName(rng),
    dispatchingUnit: rng() < 0.7 ? pick(rng, PROVINCIAL_UNITS) : cityUnit(pick(rng, CITY_UNIT_SUFFIXES)),
    households: intBetween(rng, 12, 160),
  }));
  if (county.slug === "helong") {
    // The article's 头道镇延安村, home of the tourism complex FAW funded.
    villages.push({
      name: "延安村", stemZh: "延安", stemEn: "Yan'an", township: "头道镇", secretaryName: personName(rng),
      dispatchingUnit: "中国一汽", households: intBetween(rng, 40, 120),
    });
  }
  return villages;
}

type WordsContext = { village: string; name: string; unit: string; product: string; quality: string; verb: string; households: number };

/** A quality phrase may start with 是 so it reads after "我们村的X"; elsewhere drop the 是. */
const bare = (quality: string) => quality.replace(/^是/, "");

const WORD_TEMPLATES: ((c: WordsContext) => string)[] = [
  (c) => `我是${c.village}第一书记${c.name}。我们村的${c.product}${c.quality}，欢迎大家品尝！`,
  (c) => `我是${c.unit}派驻${c.village}的第一书记${c.name}。这${c.product}是乡亲们自己${c.verb}的，每一批我都亲自把关。`,
  (c) => `${bare(c.quality)}——这就是我们${c.village}的${c.product}。您买一份，乡亲们就多一份收入。`,
  (c) => `作为${c.village}的第一书记，我向大家推荐${c.product}：${bare(c.quality)}。`,
  (c) => `${c.product}是${c.village}的脱贫产业，全村${c.households}户乡亲参与${c.verb}。我替乡亲们谢谢大家！`,
  (c) => `来${c.village}驻村这几年，我最放心推荐的就是${c.product}，${bare(c.quality)}。`,
  (c) => `我们${c.village}的${c.product}${c.quality}，吃过的都说好，欢迎回购。`,
];

function priceFen(rng: Rng, minYuan: number, maxYuan: number): number {
  const yuan = Math.floor(minYuan + rng() * (maxYuan - minYuan));
  const cents = pick(rng, [0, 0, 0, 80, 90, 50] as const);
  return Math.max(100, yuan * 100 + cents);
}

function buildEndorsedProducts(): DemoEndorsedProduct[] {
  const rng = mulberry32(20191017); // 扶贫日, the day the hall opened
  const out: DemoEndorsedProduct[] = [];
  const usedNames = new Set<string>(flagshipProducts.map((p) => `${p.nameZh}|${p.spec}`));
  let suspendedAssigned = 0;

  for (const { county, count } of endorsedCountyList) {
    const countyRow = countyBySlug(county.slug);
    const villages = buildVillages(rng, county);
    const roles = roleSuppliers.get(county.slug);
    if (!roles) throw new Error(`No suppliers for ${county.slug}`);
    const eligible = bases.filter((b) => b.region === "all" || county.regions.includes(b.region));
    // Specialties weigh four times as much as the ordinary goods every county has.
    const weighted: ProductBase[] = [];
    for (const b of eligible) {
      const weight = county.specialties.includes(b.key) ? 4 : 1;
      for (let i = 0; i < weight; i++) weighted.push(b);
    }
    for (const key of county.specialties) {
      if (!eligible.some((b) => b.key === key)) weighted.push(baseByKey(key), baseByKey(key), baseByKey(key), baseByKey(key));
    }

    for (let n = 0; n < count; n++) {
      let made: DemoEndorsedProduct | null = null;
      for (let attempt = 0; attempt < 60 && !made; attempt++) {
        const base = pick(rng, weighted);
        const village = pick(rng, villages);
        const [spec, minYuan, maxYuan] = pick(rng, base.specs);
        const adjective = base.adjectives && rng() < 0.3 ? pick(rng, base.adjectives) : null;
        const productZh = `${adjective?.[0] ?? ""}${base.zh}`;
        const productEn = `${adjective ? `${adjective[1]} ` : ""}${base.en}`;
        const style = rng();
        let nameZh: string;
        let nameEn: string;
        if (style < 0.45) {
          nameZh = `${village.name}${productZh}`;
          nameEn = `${village.stemEn} Village ${productEn}`;
        } else if (style < 0.75) {
          nameZh = `${county.shortZh}${village.stemZh}${productZh}`;
          nameEn = `${county.shortEn} ${village.stemEn} ${productEn}`;
        } else {
          nameZh = `${county.shortZh}${productZh}`;
          nameEn = `${county.shortEn} ${productEn}`;
        }
        const key = `${nameZh}|${spec}`;
        if (usedNames.has(key)) continue;
        usedNames.add(key);

        const index = out.length + 1;
        let supplierName = roles[base.role];
        if (county.slug === SUSPENDED_SUPPLIER.countySlug && base.role === "grow" && suspendedAssigned < 4) {
          supplierName = SUSPENDED_SUPPLIER.name;
          suspendedAssigned += 1;
        }
        const quality = pick(rng, base.qualities);
        const words =
          rng() < 0.04
            ? ""
            : pick(rng, WORD_TEMPLATES)({
                village: village.name,
                name: village.secretaryName,
                unit: village.dispatchingUnit,
                product: base.zh,
                quality,
                verb: base.verb,
                households: village.households,
              });
        const stock = rng() < 0.03 ? 0 : intBetween(rng, 1, 500);
        const withEnglish = rng() < 0.5;
        made = {
          sku: `JL-${pad4(index)}`,
          slug: `jl-${pad4(index)}-${county.slug}-${base.key}`,
          nameZh,
          nameEn: withEnglish ? nameEn : "",
          categorySlug: base.category,
          countySlug: county.slug,
          supplierName,
          township: village.township,
          village: village.name,
          spec,
          priceFen: priceFen(rng, minYuan, maxYuan),
          stock,
          descriptionZh: `${base.descZh}产自${county.nameZh}${village.township}${village.name}，由第一书记${village.secretaryName}代言推荐。`,
          descriptionEn: `${base.descEn} From ${county.nameEn}, Jilin, recommended by the village's first secretary.`,
          originStatement: originStatement(
            supplierName,
            countyRow.nameZh,
            village.township,
            village.name,
            base.verb,
            "由驻村第一书记代言，",
          ),
          featured: false,
          imageUrl: categoryImageUrl(base.category),
          endorsement: {
            secretaryName: village.secretaryName,
            village: village.name,
            township: village.township,
            countySlug: county.slug,
            dispatchingUnit: village.dispatchingUnit,
            words,
          },
        };
      }
      if (!made) throw new Error(`Could not make a unique endorsed product for ${county.slug}`);
      out.push(made);
    }
  }
  return out;
}

let endorsedCache: DemoEndorsedProduct[] | undefined;

/** The first-secretary-endorsed products (1,064), generated deterministically. */
export function endorsedProducts(): DemoEndorsedProduct[] {
  endorsedCache ??= buildEndorsedProducts();
  return endorsedCache;
}

/** Flagship products of the assigned counties, then the endorsed ones. */
export function allDemoProducts(): DemoProduct[] {
  return [...flagshipProducts, ...endorsedProducts()];
}
