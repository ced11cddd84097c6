// The browser's files from build/client. The build writes a .br (brotli 11) and a .gz (gzip 9) next to
// each script, stylesheet and SVG (vite.config.ts); each is sent in the best encoding the browser
// accepts, smaller than what the compression middleware makes on the fly at its fast levels.
import expressStaticGzip from "express-static-gzip";

const precompressed = (root, serveStatic) =>
  expressStaticGzip(root, { enableBrotli: true, orderPreference: ["br", "gzip"], index: false, serveStatic });

/**
 * /assets/*: hashed, so cached for a year. They get only the headers that matter for a script or a
 * stylesheet (ADR 031): the document policies (CSP, framing, referrer…) govern the page that loads
 * them, and repeating ~1 KB of them on each of a page's files cost a first visit more than 10 KB.
 */
export function builtAssets() {
  const serve = precompressed("build/client/assets", { immutable: true, maxAge: "1y" });
  return (req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    serve(req, res, next);
  };
}

/** Everything else under build/client (favicon, category images): after the security headers. */
export function publicFiles() {
  return precompressed("build/client", { maxAge: "1h" });
}
