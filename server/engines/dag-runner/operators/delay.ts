// The `delay` operator: waits `ms` milliseconds (cancellable).
import type { z } from "zod";
import type { DAG_OPERATORS } from "@/lib/api/dag-operators";
import { sleep, type Operator } from "./operator";

export const delay: Operator<z.infer<typeof DAG_OPERATORS.delay.params>> = (params, ctx) => sleep(params.ms, ctx.signal);
