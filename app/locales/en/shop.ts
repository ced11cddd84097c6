import type zh from "../zh/shop";

export default {} satisfies typeof zh;
