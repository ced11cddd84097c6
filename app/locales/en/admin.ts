import type zh from "../zh/admin";

export default {} satisfies typeof zh;
