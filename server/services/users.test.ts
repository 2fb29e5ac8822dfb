// Users: hashed passwords, sign-in checks, and the first-admin bootstrap.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../log";
import { createRepositories } from "../storage/repositories";
import { closeTestDatabases, resetDatabase, testDatabase } from "../storage/test-database";
import { createUsersService } from "./users";

const log = createLogger("silent");
afterAll(closeTestDatabases);

async function service() {
  const database = await testDatabase();
  await resetDatabase(database);
  const repos = createRepositories(database.db);
  return { repos, users: createUsersService(repos) };
}

describe("users service", () => {
  beforeEach(async () => resetDatabase(await testDatabase()));

  it("stores a bcrypt hash, never the password, and authenticates only the right password", async () => {
    const { repos, users } = await service();
    await users.create({ email: "Ada@Example.com", password: "correct horse", role: "user" });
    const row = await repos.users.findByEmail("ada@example.com");
    expect(row?.password_hash).toMatch(/^\$2[aby]\$10\$/);
    expect(row?.password_hash).not.toContain("correct horse");
    expect(await users.authenticate("ada@example.com", "correct horse")).toMatchObject({ kind: "user", role: "user" });
    expect(await users.authenticate("ada@example.com", "wrong")).toBeNull();
    expect(await users.authenticate("nobody@example.com", "correct horse")).toBeNull();
  });

  it("creates the admin from the environment once", async () => {
    const { users } = await service();
    const printed: string[] = [];
    expect(await users.bootstrapAdmin({ email: "root@x.io", password: "root-password", log, print: (t) => printed.push(t) })).toMatchObject({ role: "admin" });
    expect(await users.bootstrapAdmin({ email: "root@x.io", password: "root-password", log })).toBeNull();
    expect(printed).toEqual([]);
    expect(await users.authenticate("root@x.io", "root-password")).not.toBeNull();
  });

  it("generates and prints a password once when none is configured", async () => {
    const { users } = await service();
    const printed: string[] = [];
    await users.bootstrapAdmin({ log, print: (t) => printed.push(t) });
    expect(printed).toHaveLength(1);
    const password = /password: (\S+)/.exec(printed[0]!)?.[1];
    expect(password).toBeDefined();
    expect(await users.authenticate("admin@localhost", password!)).toMatchObject({ role: "admin" });
    await users.bootstrapAdmin({ log, print: (t) => printed.push(t) });
    expect(printed).toHaveLength(1);
  });
});
