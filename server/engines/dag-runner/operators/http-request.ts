// The `http_request` operator: calls a URL on an allowed host (DAG_HTTP_ALLOW; loopback by default)
// and checks the status. Redirects are not followed, so an allowed host cannot bounce it elsewhere.
import type { z } from "zod";
import type { DAG_OPERATORS } from "@/lib/api/dag-operators";
import { PermanentStepError, type Operator } from "./operator";

export const httpRequest: Operator<z.infer<typeof DAG_OPERATORS.http_request.params>> = async (params, ctx) => {
  const url = new URL(params.url);
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (!ctx.httpAllow.includes(host)) {
    throw new PermanentStepError(`host ${host} is not allowed; add it to DAG_HTTP_ALLOW (allowed: ${ctx.httpAllow.join(", ")})`);
  }
  const res = await fetch(url, { method: params.method, headers: params.headers, body: params.body, redirect: "manual", signal: ctx.signal });
  await res.body?.cancel();
  if (res.status !== params.expected_status) throw new Error(`${params.method} ${url.origin}${url.pathname} answered ${res.status}, expected ${params.expected_status}`);
};
