// Users service: accounts, sign-in checks, and the first admin on an empty database.
import type { Logger } from "../log";
import { newId, randomSecret } from "../ids";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "../auth/passwords";
import type { Principal, Role } from "../auth/principal";
import type { Repositories } from "../storage/repositories";
import { ServiceError } from "./errors";

export interface PublicUser {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  created_at: string;
}

export function createUsersService(repos: Repositories) {
  return {
    async create(input: { email: string; password: string; role: Role; id?: string }): Promise<PublicUser> {
      const email = input.email.trim().toLowerCase();
      if (await repos.users.findByEmail(email)) {
        throw new ServiceError("conflict", "a user with this email already exists", [{ path: "email", message: "is already taken" }]);
      }
      const row = await repos.users.insert({ id: input.id ?? newId("usr"), email, password_hash: await hashPassword(input.password), role: input.role });
      return toPublic(row);
    },

    /** The principal for a correct email and password of an enabled user; null otherwise. */
    async authenticate(email: string, password: string): Promise<Principal | null> {
      const row = await repos.users.findByEmail(email.trim().toLowerCase());
      if (!row) return verifyAgainstNothing(password).then(() => null);
      if (!(await verifyPassword(password, row.password_hash)) || row.disabled) return null;
      return { kind: "user", id: row.id, email: row.email, role: row.role };
    },

    async get(id: string): Promise<PublicUser | null> {
      const row = await repos.users.findById(id);
      return row ? toPublic(row) : null;
    },

    /**
     * Makes sure an admin exists. With SWITCHBOARD_ADMIN_EMAIL/PASSWORD it creates that account;
     * otherwise admin@localhost with a generated password, printed once to the terminal (never logged).
     */
    async bootstrapAdmin(options: { email?: string; password?: string; log: Logger; print?: (text: string) => void }): Promise<PublicUser | null> {
      if ((await repos.users.countAdmins()) > 0) return null;
      const email = options.email ?? "admin@localhost";
      const password = options.password ?? randomSecret(12);
      const existing = await repos.users.findByEmail(email);
      if (existing) {
        options.log.warn({ email }, "no admin exists and the bootstrap email belongs to a non-admin user; create an admin with SWITCHBOARD_ADMIN_EMAIL");
        return null;
      }
      const user = await this.create({ email, password, role: "admin" });
      options.log.info({ email }, "created the first admin account");
      if (!options.password) {
        const print = options.print ?? ((text: string) => process.stdout.write(text));
        print(`\n  Switchboard admin account created\n    email:    ${email}\n    password: ${password}\n  (shown once; set SWITCHBOARD_ADMIN_EMAIL and SWITCHBOARD_ADMIN_PASSWORD to choose your own)\n\n`);
      }
      return user;
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;

function toPublic(row: { id: string; email: string; role: Role; disabled: boolean; created_at: Date }): PublicUser {
  return { id: row.id, email: row.email, role: row.role, disabled: row.disabled, created_at: row.created_at.toISOString() };
}
