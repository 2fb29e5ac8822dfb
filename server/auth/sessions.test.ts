// Sessions on two instances of one cluster (one database, one bus): a session resolves on either, a
// forged or ended one on neither, and a sign-out on one ends the other's cached copy at once. The
// clock stands still, so the cache never expires by itself here.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createMemoryBus } from "../bus/memory-bus";
import { busSignals } from "../cluster/signals";
import { createLogger } from "../log";
import { createRepositories } from "../storage/repositories";
import { closeTestDatabases, resetDatabase, testDatabase } from "../storage/test-database";
import { createSessionStore, type SessionStore } from "./sessions";

const SECRET = "a-sessions-test-secret-of-forty-characters";
const frozen = new Date("2026-12-01T12:00:00Z");

afterAll(closeTestDatabases);

describe("sessions across instances", () => {
  let a: SessionStore;
  let b: SessionStore;
  let userId: string;

  beforeEach(async () => {
    const database = await testDatabase("pglite");
    await resetDatabase(database);
    const repos = createRepositories(database.db);
    const bus = createMemoryBus();
    const log = createLogger("silent");
    a = createSessionStore(repos, SECRET, { now: () => frozen, signals: busSignals({ bus, instanceId: "inst_a", log }) });
    b = createSessionStore(repos, SECRET, { now: () => frozen, signals: busSignals({ bus, instanceId: "inst_b", log }) });
    userId = (await repos.users.insert({ id: "usr_1", email: "ada@x.io", password_hash: "h", role: "user" })).id;
  });

  it("resolves a session started on one instance on the other, and never a forged cookie", async () => {
    const { cookieValue } = await a.create(userId);
    expect(await b.resolve(cookieValue)).toMatchObject({ kind: "user", id: userId, email: "ada@x.io" });
    expect(await b.resolve(`${cookieValue.slice(0, -2)}xx`)).toBeNull();
    expect(await b.resolve(undefined)).toBeNull();
  });

  it("ends a signed-out session on every instance at once, although the others had it cached", async () => {
    const { cookieValue } = await a.create(userId);
    const { cookieValue: other } = await a.create(userId);
    expect(await b.resolve(cookieValue)).not.toBeNull(); // now cached on b
    expect(await b.resolve(other)).not.toBeNull();

    await a.destroy(cookieValue);
    // The signal travels on the bus's control channel, delivered on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(await a.resolve(cookieValue)).toBeNull();
    expect(await b.resolve(cookieValue)).toBeNull();
    // Only that session: the user's other one goes on.
    expect(await b.resolve(other)).not.toBeNull();
  });
});
