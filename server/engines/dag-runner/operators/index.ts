// Every DAG operator by name; each checks its params with lib/api/dag-operators.ts before it runs.
import { DAG_OPERATORS, isDagOperator, type DagOperatorName } from "@/lib/api/dag-operators";
import { delay } from "./delay";
import { fail } from "./fail";
import { httpRequest } from "./http-request";
import { notify } from "./notify";
import { PermanentStepError, type Operator, type OperatorContext } from "./operator";
import { processFile } from "./process-file";

const OPERATORS: { [K in DagOperatorName]: Operator<never> } = {
  delay,
  http_request: httpRequest,
  process_file: processFile,
  notify,
  fail,
};

/** Runs `operator` with `params` (templated already); bad params or an unknown operator fail for good. */
export async function runOperator(operator: string, params: unknown, ctx: OperatorContext): Promise<void> {
  if (!isDagOperator(operator)) throw new PermanentStepError(`unknown operator "${operator}"`);
  const parsed = DAG_OPERATORS[operator].params.safeParse(params);
  if (!parsed.success) {
    throw new PermanentStepError(`invalid params: ${parsed.error.issues.map((i) => `${i.path.join(".") || "params"} ${i.message}`).join("; ")}`);
  }
  await (OPERATORS[operator] as Operator<unknown>)(parsed.data, ctx);
}

export { PermanentStepError, type OperatorContext };
