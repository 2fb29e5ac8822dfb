// The `fail` operator: fails with its message (retries apply), for tests and demos.
import type { z } from "zod";
import type { DAG_OPERATORS } from "@/lib/api/dag-operators";
import type { Operator } from "./operator";

export const fail: Operator<z.infer<typeof DAG_OPERATORS.fail.params>> = async (params) => {
  throw new Error(params.message);
};
