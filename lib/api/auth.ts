// REST request bodies for sign-in and the admin's user and API-key routes; shared by forms and routes.
import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "must be an email address" }).max(254));

export const loginBody = z.object({
  email: emailSchema,
  password: z.string().min(1, "is required").max(1024),
});

export const createUserBody = z.object({
  email: emailSchema,
  password: z.string().min(8, "must be at least 8 characters").max(1024),
  role: z.enum(["user", "admin"]).default("user"),
});

export const createApiKeyBody = z.object({
  name: z.string().trim().min(1, "is required").max(100),
});

export type LoginBody = z.infer<typeof loginBody>;
export type CreateUserBody = z.infer<typeof createUserBody>;
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;

export interface MeResponse {
  id: string;
  email: string;
  role: "user" | "admin";
}
