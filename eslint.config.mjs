// Lint: TypeScript rules, and import rules that enforce DESIGN.md's boundaries between layers.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });
const server = (message) => ({ group: ["@/server", "@/server/*", "**/server/**"], message });

export default tseslint.config(
  { ignores: [".next/**", "dist/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", Buffer: "readonly", performance: "readonly", window: "readonly", document: "readonly", navigator: "readonly", location: "readonly", fetch: "readonly", Response: "readonly", Request: "readonly", setImmediate: "readonly", queueMicrotask: "readonly", requestAnimationFrame: "readonly", cancelAnimationFrame: "readonly" } },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
  // The protocol is the contract both sides share: zod and itself, nothing else.
  {
    files: ["lib/protocol/**"],
    ignores: ["lib/protocol/**/*.test.ts"],
    rules: restrict([{ regex: "^(?!zod$|\\./|\\.\\./(?!\\.\\./))", message: "lib/protocol imports only zod and its own files." }]),
  },
  // Browser code never reaches the server's modules.
  {
    files: ["components/**", "lib/realtime/**", "lib/query/**", "lib/utils.ts", "lib/api/**", "app/**/page.tsx", "app/**/layout.tsx", "app/**/not-found.tsx", "app/providers.tsx"],
    rules: restrict([server("Pages, components and browser libraries must not import server/: go through app/api.")]),
  },
  // The hub knows sockets, users, topics and the bus; never services or storage.
  {
    files: ["server/hub/**"],
    ignores: ["server/hub/**/*.test.ts"],
    rules: restrict([
      { group: ["**/services/**", "@/server/services/*", "**/storage/**", "@/server/storage/*"], message: "server/hub imports bus, auth and protocol only." },
    ]),
  },
  // Services use storage, the bus and the protocol; never the hub.
  {
    files: ["server/services/**"],
    rules: restrict([{ group: ["**/hub/**", "@/server/hub/*"], message: "services publish on the bus; they never talk to the hub." }]),
  },
  // Routes reach services through the registry only (plus stateless helpers such as cookies).
  {
    files: ["app/api/**", "app/metrics/**"],
    ignores: ["app/api/**/*.test.ts"],
    rules: restrict([
      {
        group: ["@/server/services/*", "@/server/storage/*", "@/server/bus/*", "@/server/hub/*", "**/server/services/**", "**/server/storage/**"],
        message: "app/api reaches services through getRegistry() from @/server/registry.",
      },
    ]),
  },
);
