// Production build: Next's build, then the custom server bundled by esbuild into dist/server.mjs.
import { spawnSync } from "node:child_process";
import { build } from "esbuild";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const next = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
if (next.status !== 0) process.exit(next.status ?? 1);

await build({
  entryPoints: ["server/index.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: "info",
  tsconfig: "tsconfig.json",
});
