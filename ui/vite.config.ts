import { defineConfig } from "vitest/config";

// Tauri serves ui/dist from its own protocol; the dev server is only for `tauri dev`.
export default defineConfig({
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    target: "safari16", // WebKitGTK 2.4x
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // No inline <script> or inline assets: the CSP allows only files from the app.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
});
