// GET /api/jobs: newest first, filtered by status and type, cursor-paginated.
// POST /api/jobs: multipart upload (`file`, optional `client_mutation_id`) -> 201 job; 413 when too large.
import { z } from "zod";
import { listJobsQuery } from "@/lib/api/jobs";
import { getRegistry } from "@/server/registry";
import { requirePrincipal } from "../_lib/auth";
import { HttpError, handle, json } from "../_lib/respond";

export const dynamic = "force-dynamic";

const uploadFields = z.object({
  client_mutation_id: z.string().trim().min(1).max(128).optional(),
});

export const GET = handle(async (req: Request) => {
  await requirePrincipal(req, { apiKey: true });
  const query = listJobsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await getRegistry().services.jobs.list({ statuses: query.status, types: query.type, cursor: query.cursor, limit: query.limit }));
});

export const POST = handle(async (req: Request) => {
  const principal = await requirePrincipal(req, { apiKey: true });
  const registry = getRegistry();
  const limit = registry.env.MAX_UPLOAD_BYTES;
  const tooLarge = () => new HttpError(413, "file_too_large", `the file is larger than the ${formatLimit(limit)} limit`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit + 64 * 1024) throw tooLarge(); // room for the multipart envelope
  if (!(req.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new HttpError(400, "validation_failed", "send the file as multipart/form-data", [{ path: "file", message: "is required" }]);
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new HttpError(400, "validation_failed", "the multipart body could not be read", [{ path: "file", message: "is required" }]);
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new HttpError(400, "validation_failed", "no file was sent", [{ path: "file", message: "is required" }]);
  if (file.size > limit) throw tooLarge();
  const fields = uploadFields.parse({ client_mutation_id: form.get("client_mutation_id") ?? undefined });
  const job = await registry.services.jobs.create({
    ownerId: principal.kind === "user" ? principal.id : null,
    filename: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    clientMutationId: fields.client_mutation_id ?? null,
  });
  return json(job, 201);
});

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
