// The `notify` operator: a notification (the bell) to the run's owner, linking to the run.
import type { z } from "zod";
import type { DAG_OPERATORS } from "@/lib/api/dag-operators";
import { PermanentStepError, type Operator } from "./operator";

export const notify: Operator<z.infer<typeof DAG_OPERATORS.notify.params>> = async (params, ctx) => {
  if (!ctx.run.owner_id) throw new PermanentStepError("the run has no owner to notify (it was triggered with an API key)");
  await ctx.notifications.notify(ctx.run.owner_id, {
    title: params.title,
    message: params.message,
    level: params.level,
    link: `/dags/${ctx.run.dag_id}/runs/${ctx.run.run_id}`,
  });
};
