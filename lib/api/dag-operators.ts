// The DAG step operators: what each does and the params it takes (zod), shared by the runner, the
// routes and the definition editor (inline errors). String params may use `{{params.name}}`, filled
// from the run's trigger params before the step runs.
import { z } from "zod";

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;

export const DAG_OPERATORS = {
  delay: {
    label: "Delay",
    description: "Waits a number of milliseconds.",
    params: z.object({ ms: z.number({ error: "must be a number of milliseconds" }).int().min(0, "must be 0 or more").max(3_600_000, "at most one hour") }).strict(),
    example: { ms: 1000 },
  },
  http_request: {
    label: "HTTP request",
    description: "Calls a URL and checks the status; only hosts in DAG_HTTP_ALLOW (loopback by default).",
    params: z
      .object({
        method: z.enum(HTTP_METHODS, { error: `must be one of ${HTTP_METHODS.join(", ")}` }).default("GET"),
        url: z.string().refine(isHttpUrl, "must be an absolute http or https URL"),
        expected_status: z.number().int().min(100).max(599).default(200),
        body: z.string().max(100_000).optional(),
        headers: z.record(z.string(), z.string()).optional(),
      })
      .strict(),
    example: { method: "GET", url: "http://127.0.0.1:3000/api/health", expected_status: 401 },
  },
  process_file: {
    label: "Process a document",
    description: "Submits a document as a processing job and waits until it is processed.",
    params: z
      .object({
        filename: z.string().min(1, "is required").max(255).regex(/\.[A-Za-z0-9]{1,8}$/, "needs an extension (.txt, .md, .csv, .json, .html)"),
        content: z.string().min(1, "is required").max(1_000_000, "at most 1,000,000 characters"),
      })
      .strict(),
    example: { filename: "report.txt", content: "Quarterly revenue rose by 12 percent in Lisbon." },
  },
  notify: {
    label: "Notify",
    description: "Sends a notification to the run's owner (the bell).",
    params: z
      .object({
        title: z.string().min(1, "is required").max(200),
        message: z.string().max(2000).default(""),
        level: z.enum(["info", "success", "warning", "error"]).default("info"),
      })
      .strict(),
    example: { title: "Nightly import finished", message: "All steps succeeded.", level: "success" },
  },
  fail: {
    label: "Fail",
    description: "Fails with a message (for tests and demos of retries and failure handling).",
    params: z.object({ message: z.string().min(1, "is required").max(500) }).strict(),
    example: { message: "Simulated failure" },
  },
} as const;

export type DagOperatorName = keyof typeof DAG_OPERATORS;

/** `{{params.name}}`: filled from the run's trigger params; such a string is checked when the run fills it. */
export const PARAM_TEMPLATE = /\{\{\s*params\.[A-Za-z0-9_]+\s*\}\}/;
export const DAG_OPERATOR_NAMES = Object.keys(DAG_OPERATORS) as [DagOperatorName, ...DagOperatorName[]];

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export function isDagOperator(name: string): name is DagOperatorName {
  return Object.hasOwn(DAG_OPERATORS, name);
}

/** Params of `operator`, parsed (defaults applied); throws a ZodError with paths inside the params. */
export function parseOperatorParams<O extends DagOperatorName>(operator: O, params: unknown): z.infer<(typeof DAG_OPERATORS)[O]["params"]> {
  return DAG_OPERATORS[operator].params.parse(params) as z.infer<(typeof DAG_OPERATORS)[O]["params"]>;
}
