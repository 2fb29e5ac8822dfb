// The `process_file` operator: submits the document as a processing job of this run (`run_id`) and
// waits until it is processed; a failed or cancelled job fails the step.
import type { z } from "zod";
import type { DAG_OPERATORS } from "@/lib/api/dag-operators";
import type { Operator } from "./operator";

export const processFile: Operator<z.infer<typeof DAG_OPERATORS.process_file.params>> = async (params, ctx) => {
  const job = await ctx.jobs.create({
    ownerId: ctx.run.owner_id,
    filename: params.filename,
    bytes: new TextEncoder().encode(params.content),
    runId: ctx.run.run_id,
  });
  let done;
  try {
    done = await ctx.jobs.waitUntilFinished(job.job_id, { signal: ctx.signal });
  } catch (err) {
    if (ctx.signal.aborted) await ctx.jobs.cancel(job.job_id).catch(() => {}); // the run stopped: so does its job
    throw err;
  }
  if (done.status !== "completed") throw new Error(`job ${job.job_id} (${params.filename}) ${done.status}${done.error ? `: ${done.error}` : ""}`);
};
