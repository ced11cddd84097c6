import type zh from "../zh/orders";

export default {} satisfies typeof zh;
