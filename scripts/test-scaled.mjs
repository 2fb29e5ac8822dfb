// The integration suite on the scaled-out engines: every vitest file under server/ and app/api runs
// with TEST_STACK=scaled (PostgreSQL from TEST_DATABASE_URL, the Redis bus from TEST_REDIS_URL).
// Without those two the run is skipped, saying so.
import { spawnSync } from "node:child_process";

const missing = ["TEST_DATABASE_URL", "TEST_REDIS_URL"].filter((name) => !process.env[name]);
if (missing.length > 0) {
  console.log(`test:scaled skipped: set ${missing.join(" and ")} to run the integration suite on PostgreSQL and Redis`);
  process.exit(0);
}
const result = spawnSync("npx", ["vitest", "run", "server", "app/api"], {
  stdio: "inherit",
  env: { ...process.env, TEST_STACK: "scaled" },
});
process.exit(result.status ?? 1);
