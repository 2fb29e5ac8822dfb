// POST /api/events, served by the custom server itself rather than through Next's router: it is the
// hot path of outside publishers (the benchmark showed Next's routing at half of its cost). Same
// contract as every route: Bearer API key, 202 with the ids, or 400/401/413 with `{error}`.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "../registry";

/** Largest request body accepted (a batch of 1,000 quotes is well under 1 MiB). */
export const MAX_INGEST_BODY_BYTES = 4 * 1024 * 1024;

export async function handleIngest(req: IncomingMessage, res: ServerResponse, registry: Registry): Promise<void> {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim();
  const principal = bearer ? await registry.apiKeys.resolve(bearer) : null;
  if (!principal) {
    req.resume();
    return send(res, 401, error("unauthenticated", bearer ? "the API key is invalid or revoked" : "send an API key as Authorization: Bearer <key>"));
  }
  const body = await readBody(req, MAX_INGEST_BODY_BYTES);
  if (body === "too_large") return send(res, 413, error("payload_too_large", `the body is larger than ${MAX_INGEST_BODY_BYTES} bytes`));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return send(res, 400, error("invalid_json", "the request body is not valid JSON"));
  }
  try {
    send(res, 202, await registry.services.ingest.ingest(parsed));
  } catch (err) {
    if (err instanceof Error && err.name === "ServiceError" && (err as { code?: string }).code === "validation_failed") {
      return send(res, 400, error("validation_failed", err.message, (err as { issues?: unknown[] }).issues));
    }
    registry.log.error({ err }, "ingest failed");
    send(res, 500, error("internal", "the server could not complete the request"));
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string | "too_large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? "too_large" : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function error(code: string, message: string, issues?: unknown[]) {
  return { error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}) } };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
