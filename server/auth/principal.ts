// Who is asking: a signed-in user (session cookie) or an outside program (API key).
export type Role = "user" | "admin";

export interface Principal {
  kind: "user" | "api_key";
  /** The user's id, or the API key's id. */
  id: string;
  /** The user's email, or `api-key:<name>` for a key. */
  email: string;
  role: Role;
}

export function isAdmin(principal: Principal | null | undefined): boolean {
  return principal?.kind === "user" && principal.role === "admin";
}
