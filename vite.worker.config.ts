// The table worker (app/workers/table-file.worker.ts) compiled beside the server bundle, where
// app/utils/uploaded-table.server.ts looks for it: build/workers/table-file.worker.js. ADR 017.
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tsconfigPaths()],
  publicDir: false,
  build: {
    ssr: "app/workers/table-file.worker.ts",
    outDir: "build/workers",
    emptyOutDir: true,
    target: "node20",
    rollupOptions: { output: { entryFileNames: "table-file.worker.js", format: "es" } },
  },
});
