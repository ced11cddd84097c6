import type zh from "../zh/account";

export default {} satisfies typeof zh;
