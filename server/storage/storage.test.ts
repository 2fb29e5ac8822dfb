// Storage on PGlite and, when TEST_DATABASE_URL is set, on PostgreSQL: the same migrations and queries.
import { sql } from "kysely";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "./db";
import { migrate } from "./migrate";
import { migrations } from "./migrations";
import { createRepositories } from "./repositories";
import { closeTestDatabases, resetDatabase, testDatabase, testDrivers } from "./test-database";

afterAll(closeTestDatabases);

describe.each(testDrivers())("storage on %s", (driver) => {
  beforeEach(async () => resetDatabase(await testDatabase(driver)));

  it("applies every migration once; a second run applies none", async () => {
    const database = await testDatabase(driver);
    expect(database.driver).toBe(driver);
    expect(await migrate(database.db)).toEqual([]);
    expect(await database.ping()).toBeGreaterThanOrEqual(0);
  });

  it("stores users with unique emails and finds them case-insensitively by lower-cased email", async () => {
    const repos = createRepositories((await testDatabase(driver)).db);
    const user = await repos.users.insert({ id: "usr_1", email: "ada@example.com", password_hash: "h", role: "admin" });
    expect(user.created_at).toBeInstanceOf(Date);
    expect(user.disabled).toBe(false);
    expect((await repos.users.findByEmail("ADA@example.com"))?.id).toBe("usr_1");
    await expect(repos.users.insert({ id: "usr_2", email: "ada@example.com", password_hash: "h", role: "user" })).rejects.toThrow();
    expect(await repos.users.count()).toBe(1);
    expect(await repos.users.countAdmins()).toBe(1);
  });

  it("finds a session's user only while it is unexpired, and forgets it once deleted", async () => {
    const repos = createRepositories((await testDatabase(driver)).db);
    await repos.users.insert({ id: "usr_1", email: "a@x.io", password_hash: "h", role: "user" });
    const now = new Date("2026-01-01T00:00:00Z");
    await repos.sessions.insert({ token_hash: "t1", user_id: "usr_1", expires_at: new Date(now.getTime() + 1000) });
    expect((await repos.sessions.findUser("t1", now))?.email).toBe("a@x.io");
    expect(await repos.sessions.findUser("t1", new Date(now.getTime() + 2000))).toBeUndefined();
    await repos.sessions.delete("t1");
    expect(await repos.sessions.findUser("t1", now)).toBeUndefined();
  });

  it("keeps API keys hashed and stops finding a revoked one", async () => {
    const repos = createRepositories((await testDatabase(driver)).db);
    await repos.apiKeys.insert({ id: "key_1", name: "ingest", prefix: "sbk_abc", key_hash: "hash1", created_by: null });
    expect((await repos.apiKeys.findActiveByHash("hash1"))?.name).toBe("ingest");
    expect(await repos.apiKeys.revoke("key_1", new Date())).toBeDefined();
    expect(await repos.apiKeys.findActiveByHash("hash1")).toBeUndefined();
    expect(await repos.apiKeys.revoke("key_1", new Date())).toBeUndefined();
  });

  it("keeps the first writer's setting and the latest value per topic and type", async () => {
    const repos = createRepositories((await testDatabase(driver)).db);
    expect(await repos.settings.getOrInsert("secret", "a")).toBe("a");
    expect(await repos.settings.getOrInsert("secret", "b")).toBe("a");
    const now = new Date();
    await repos.latestValues.upsertMany([{ topic: "market:AAPL", type: "market_data", data: { price: 1 } }], now);
    await repos.latestValues.upsertMany([{ topic: "market:AAPL", type: "market_data", data: { price: 2 } }], now);
    const values = await repos.latestValues.listByTopicPrefix("market:");
    expect(values).toHaveLength(1);
    expect(values[0]?.data).toEqual({ price: 2 });
  });

  it("runs concurrent transactions without interleaving them", async () => {
    const { db } = await testDatabase(driver);
    const repos = createRepositories(db);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          const r = createRepositories(trx);
          await r.settings.getOrInsert(`k${i}`, String(i));
          await r.users.insert({ id: `usr_${i}`, email: `u${i}@x.io`, password_hash: "h", role: "user" });
        }),
      ),
    );
    expect(await repos.users.count()).toBe(8);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("the PostgreSQL pool", () => {
  it("keeps at most poolSize connections however many queries wait", async () => {
    const schema = `sbpool_${process.pid}`;
    const database = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, schema, poolSize: 2, migrate: false });
    try {
      const results = await Promise.all(Array.from({ length: 6 }, () => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(database.db)));
      const backends = new Set(results.map((r) => r.rows[0]!.pid));
      expect(results).toHaveLength(6);
      expect(backends.size).toBeLessThanOrEqual(2);
    } finally {
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(database.db);
      await database.close();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("migrations on PostgreSQL", () => {
  it("apply once when several instances boot together on an empty database", async () => {
    for (let round = 0; round < 5; round++) {
      const schema = `sbboot_${process.pid}_${round}`;
      const setup = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, schema, migrate: false });
      const instances = await Promise.all([0, 1, 2].map(() => openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, schema, migrate: false })));
      try {
        const applied = await Promise.all(instances.map((instance) => migrate(instance.db)));
        expect(applied.flat().sort()).toEqual(migrations.map((m) => m.id).sort());
      } finally {
        await Promise.all(instances.map((instance) => instance.close()));
        await sql.raw(`drop schema if exists ${schema} cascade`).execute(setup.db);
        await setup.close();
      }
    }
  });
});
