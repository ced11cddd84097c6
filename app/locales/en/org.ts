import type zh from "../zh/org";

export default {} satisfies typeof zh;
