// Market conflation under load, measured in a real browser: the production server with the market
// simulator at BENCH_MARKET_RATE quotes/s (2,000 by default: 20 tickers at 100 each), Chromium on /market
// with the whole ticker list watched, and for BENCH_MARKET_SECONDS the page's long tasks
// (PerformanceObserver 'longtask'), its animation frames, the socket frames it received, and the
// server's CPU. Prints the figures. Run after a build: `node --import tsx bench/market-conflation.ts`.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { ensureBuild } from "./targets";
import { cpuMs, freePort, removeOnExit, spawnNode, waitForHttp } from "./spawn";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RATE = Number(process.env.BENCH_MARKET_RATE || 2000);
const SECONDS = Number(process.env.BENCH_MARKET_SECONDS || 20);
const TICKERS = 20;
const ADMIN = { email: "bench@example.com", password: "bench-password-1234" };
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

interface PageFigures {
  longTasks: number[];
  frameGaps: number[];
}

/** Installed in the page: long tasks and animation-frame gaps, collected on `window.__bench`. */
const PAGE_PROBE = `
  (() => {
    const figures = { longTasks: [], frameGaps: [] };
    window.__bench = figures;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) figures.longTasks.push(entry.duration);
    }).observe({ type: "longtask", buffered: false });
    let last = performance.now();
    const loop = (t) => {
      figures.frameGaps.push(t - last);
      last = t;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  })()
`;

async function main() {
  if (!(RATE > 0) || !(SECONDS > 0)) throw new Error("BENCH_MARKET_RATE and BENCH_MARKET_SECONDS must be positive numbers");
  ensureBuild(ROOT);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-market-bench-"));
  removeOnExit(dataDir);
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATA_DIR: dataDir,
    SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
    SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: "warn",
    MARKET_FEED: "simulator",
    MARKET_TICK_RATE: String(RATE / TICKERS),
    MARKET_SEED: "1",
  };
  for (const key of ["DATABASE_URL", "REDIS_URL", "SESSION_SECRET", "SWITCHBOARD_NO_NEXT", "MARKET_TICKERS", "HUB_MARKET_CONFLATE_MS"]) delete env[key];
  // BENCH_CONFLATE_MS=0 measures the same load without conflation, for comparison.
  if (process.env.BENCH_CONFLATE_MS !== undefined) env.HUB_MARKET_CONFLATE_MS = process.env.BENCH_CONFLATE_MS;
  const server = spawnNode("server", ["dist/server.mjs"], env, ROOT);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    await waitForHttp(`${base}/api/health`, server, 120_000);
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify(ADMIN),
    });
    if (login.status !== 200) throw new Error(`login failed: HTTP ${login.status}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("sb_session="));
    if (!cookie) throw new Error("login answered without a session cookie");
    // Watch every ticker, so each batch carries all of them.
    const tickers = ((await (await fetch(`${base}/api/market/tickers`, { headers: { cookie } })).json()) as { items: string[] }).items;
    await fetch(`${base}/api/market/watchlist`, { method: "PUT", headers: { "content-type": "application/json", origin: base, cookie }, body: JSON.stringify({ tickers }) });

    const context = await browser.newContext();
    const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    let frames = 0;
    let batches = 0;
    let quotes = 0;
    let measuring = false;
    page.on("websocket", (ws) =>
      ws.on("framereceived", ({ payload }) => {
        if (!measuring || typeof payload !== "string") return;
        frames += 1;
        if (payload.startsWith('{"type":"market_data_batch"')) {
          batches += 1;
          quotes += (JSON.parse(payload) as { data: unknown[] }).data.length;
        }
      }),
    );
    await page.goto(`${base}/market`);
    await page.getByTestId(`price-${tickers[0]}`).waitFor({ timeout: 30_000 });
    // A string, not a function: tsx would wrap a function's inner closures in a helper the page lacks.
    await page.evaluate(PAGE_PROBE);
    measuring = true;
    const cpuBefore = cpuMs(server.pid);
    const started = Date.now();
    await page.waitForTimeout(SECONDS * 1000);
    const elapsedS = (Date.now() - started) / 1000;
    const serverCpu = (cpuMs(server.pid) - cpuBefore) / (elapsedS * 10);
    measuring = false;
    const figures = await page.evaluate(() => (window as unknown as { __bench: PageFigures }).__bench);

    const gaps = [...figures.frameGaps].sort((a, b) => a - b);
    const pct = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor((p / 100) * gaps.length))] ?? 0;
    const longTotal = figures.longTasks.reduce((a, b) => a + b, 0);
    console.log(`market conflation: ${RATE} quotes/s offered (${TICKERS} tickers), ${elapsedS.toFixed(1)} s measured on /market in Chromium`);
    console.log(`  socket frames received   ${(frames / elapsedS).toFixed(1)}/s (market_data_batch ${(batches / elapsedS).toFixed(1)}/s, ${(quotes / Math.max(1, batches)).toFixed(1)} quotes each)`);
    console.log(`  animation frames         ${(figures.frameGaps.length / elapsedS).toFixed(1)}/s; gap p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${pct(100).toFixed(1)} ms`);
    console.log(
      `  long tasks (>50 ms)      ${figures.longTasks.length} (${(figures.longTasks.length / elapsedS).toFixed(2)}/s), ${longTotal.toFixed(0)} ms in all (${((longTotal / (elapsedS * 1000)) * 100).toFixed(1)}% of the time), longest ${Math.max(0, ...figures.longTasks).toFixed(0)} ms`,
    );
    console.log(`  server CPU               ${serverCpu.toFixed(1)}% of one core`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
