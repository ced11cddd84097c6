/**
 * Demo employees and pickup points for the online hall. Pure data, like catalogue.ts. People, phone
 * numbers and street addresses are made up; the places are real districts of 长春市 (Changchun),
 * where 中国一汽 is based.
 */

/** The one password every demo employee signs in with (local demo only). */
export const DEMO_EMPLOYEE_PASSWORD = "hall-employee-2026";

export type DemoEmployee = {
  employeeNo: string;
  name: string;
  mobile: string;
  address: { recipient: string; mobile: string; province: string; city: string; district: string; detail: string };
};

export const DEMO_EMPLOYEES: DemoEmployee[] = [
  {
    employeeNo: "E10001",
    name: "张伟",
    mobile: "13800010001",
    address: { recipient: "张伟", mobile: "13800010001", province: "吉林省", city: "长春市", district: "汽车经济技术开发区", detail: "东风大街 2259 号 一汽家属区 3 栋 2 单元 501 室" },
  },
  {
    employeeNo: "E10002",
    name: "李娜",
    mobile: "13800010002",
    address: { recipient: "李娜", mobile: "13800010002", province: "吉林省", city: "长春市", district: "朝阳区", detail: "红旗街 1118 号 红旗小区 6 栋 1 单元 302 室" },
  },
  {
    employeeNo: "E10003",
    name: "王强",
    mobile: "13800010003",
    address: { recipient: "王强", mobile: "13800010003", province: "吉林省", city: "长春市", district: "绿园区", detail: "青年路 3366 号 锦绣家园 12 栋 4 单元 801 室" },
  },
];

/** On the demo roster but not registered: they register with a code from /admin/outbox. */
export const DEMO_ROSTER_ONLY = [
  { employeeNo: "E10004", name: "赵敏", mobile: "13800010004", department: "采购部" },
  { employeeNo: "E10005", name: "孙丽", mobile: "13800010005", department: "研发总院" },
] as const;

export type DemoPickupPoint = {
  code: string;
  nameZh: string;
  nameEn: string;
  addressZh: string;
  addressEn: string;
  kind: "COMPANY" | "OFFLINE_HALL";
  sortOrder: number;
};

export const DEMO_PICKUP_POINTS: DemoPickupPoint[] = [
  {
    code: "HQ",
    nameZh: "一汽总部自提点",
    nameEn: "FAW headquarters pickup point",
    addressZh: "吉林省长春市汽车经济技术开发区东风大街 8899 号 总部 1 号门收发室（工作日 8:30–17:30）",
    addressEn: "Mail room at Gate 1, FAW headquarters, 8899 Dongfeng Street, Automotive Economic & Technological Development Zone, Changchun, Jilin (weekdays 8:30–17:30)",
    kind: "COMPANY",
    sortOrder: 1,
  },
  {
    code: "RDI",
    nameZh: "研发总院自提点",
    nameEn: "R&D Institute pickup point",
    addressZh: "吉林省长春市汽车经济技术开发区新红旗大街 1 号 研发总院东门快递服务站（工作日 8:30–17:30）",
    addressEn: "Parcel desk at the east gate, FAW R&D Institute, 1 Xinhongqi Street, Automotive Economic & Technological Development Zone, Changchun, Jilin (weekdays 8:30–17:30)",
    kind: "COMPANY",
    sortOrder: 2,
  },
  {
    code: "HALL",
    nameZh: "一汽扶贫馆线下馆",
    nameEn: "FAW Poverty-Relief Hall (offline hall)",
    addressZh: "吉林省长春市汽车经济技术开发区东风大街 8899 号 一汽扶贫馆线下馆服务台（每天 9:00–18:00）",
    addressEn: "Service desk, FAW Poverty-Relief Hall offline hall, 8899 Dongfeng Street, Automotive Economic & Technological Development Zone, Changchun, Jilin (daily 9:00–18:00)",
    kind: "OFFLINE_HALL",
    sortOrder: 3,
  },
];
