// `npm start`: builds when no build exists (or it is older than the sources' lockfile), then serves
// production from the bundled custom server in this same process.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

if (!existsSync(".next/BUILD_ID") || !existsSync("dist/server.mjs")) {
  console.log("No production build found: building first (this takes a minute or two)...");
  const result = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await import(new URL("../dist/server.mjs", import.meta.url).href);
