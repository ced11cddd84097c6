import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig(({ isSsrBuild }) => ({
  server: { port: 3000 },
  build: {
    rollupOptions: {
      onwarn(warning, warn) {
        // Resource routes (CSV and XLSX downloads, the Stripe webhook, logout) have no component:
        // their browser chunk is empty by design.
        if (warning.code === "EMPTY_BUNDLE") return;
        // zod 4 puts some /*#__PURE__*/ annotations where Rollup cannot use them; it drops them, nothing else.
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("/node_modules/")) return;
        warn(warning);
      },
    },
  },
  plugins: [
    tailwindcss(),
    remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          // Off: every page carries the whole route manifest (one cached file, 3.7 KB gzipped) instead of
          // asking /__manifest for each new path. Remix 2's lazy discovery races with navigations: a
          // fetcher.load to a route not yet discovered while a form's redirect loads turns the page into a
          // 404 (remix-run/remix#10263, fixed only in React Router 7.6; ADR 032).
          v3_lazyRouteDiscovery: false,
          v3_routeConfig: true,
        },
      }),
    tsconfigPaths(),
    // The browser's files, also as .br (quality 11) and .gz (level 9) next to each: the server sends
    // these instead of compressing on the fly at a fast level (server/static-files.js).
    !isSsrBuild && compression({ algorithms: ["brotliCompress", "gzip"] }),
  ],
}));
