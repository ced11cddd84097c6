// Security headers (helmet) with a Content-Security-Policy nonce per request, and the refusal of
// state-changing requests from other sites (ADR 015).
import { randomBytes } from "node:crypto";
import helmet from "helmet";

/**
 * Scripts run only from the hall's own files or with this request's nonce (Remix's inline hydration
 * and scroll scripts get it through the load context). Styles: our stylesheet, plus inline style
 * *attributes*, which React writes for positions and sizes (charts, progress bars) and which cannot run
 * code; <style> elements stay limited to our own. Forms may post to the hall and to Stripe's hosted
 * checkout (a redirect after a form post counts as the form's target).
 */
export function securityHeaders({ production }) {
  const policy = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", "data:"],
        formAction: ["'self'", "https://checkout.stripe.com"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        styleSrcElem: ["'self'"],
        styleSrcAttr: ["'unsafe-inline'"],
      },
    },
    // HSTS only where the hall is served over HTTPS for real; a development http://localhost must stay reachable.
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
  });
  return (req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    policy(req, res, next);
  };
}

/**
 * A form posted from another site is refused before it reaches any action. SameSite=Lax cookies
 * already keep the session off such requests; this also stops them for anonymous actions.
 */
export function refuseCrossSitePosts() {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.get("origin");
    const site = req.get("sec-fetch-site");
    if (origin ? !sameHost(origin, req.get("host")) : site === "cross-site") {
      res.status(403).type("text/plain").send("Cross-site request refused");
      return;
    }
    next();
  };
}

function sameHost(origin, host) {
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" or garbage: an opaque origin is never ours
  }
}
