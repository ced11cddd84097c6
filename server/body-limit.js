// Request body limits, enforced while the body streams (ADR 015). A declared Content-Length over the
// limit is refused before anything is read; a chunked body is counted as it arrives and cut at the
// limit. Either way the visitor gets 413 and a page saying so, never a 500 or a reset connection.
import { Transform } from "node:stream";
import { pagePath } from "./routes.js";

// While the rest of a refused body is still arriving it is read and thrown away, so a browser that
// finishes its upload can read the 413 page; after this long the connection is closed regardless.
const DISCARD_FOR_MS = 10_000;
// …and no more than twice the route's limit (at least 32 MB): a browser that picked a file somewhat
// over the limit still gets its page, while past that the server stops reading (the client's sends
// stall), writes its answer and half-closes, so a giant body costs the server a bounded amount of reading.
const discardAtMost = (limit) => Math.max(32 * 1024 * 1024, 2 * limit);

/** The one table of limits: upload routes take files, the Stripe webhook a small JSON event, every other route a form. */
export function bodyLimits(env) {
  const upload = env.UPLOAD_MAX_BYTES;
  const table = [
    { path: /^\/webhooks\/stripe$/, limit: env.WEBHOOK_MAX_BYTES },
    { path: /^\/admin\/products\/import$/, limit: upload },
    { path: /^\/admin\/ledger\/imports$/, limit: upload },
    { path: /^\/admin\/gift-boxes\/orders\/[^/]+$/, limit: upload },
    { path: /^\/org\/order$/, limit: upload },
    { path: /^\/org\/gifts$/, limit: upload },
    { path: /^\/admin\/roster$/, limit: upload },
    { path: /^\/admin\/products\/photos$/, limit: upload },
    { path: /^\/admin\/products\/[^/]+\/photos$/, limit: upload },
  ];
  return (path) => {
    const page = pagePath(path).replace(/\/$/, "") || "/";
    return table.find((row) => row.path.test(page))?.limit ?? env.FORM_MAX_BYTES;
  };
}

function hasBody(req) {
  const length = req.headers["content-length"];
  return length !== undefined ? length !== "0" : req.headers["transfer-encoding"] !== undefined;
}

/**
 * Express middleware. Puts the counted body on `req.limitedBody` for the Remix handler to read;
 * `refuse(req, res, limit)` writes the 413 answer.
 */
export function enforceBodyLimits({ limitFor, refuse }) {
  return (req, res, next) => {
    if (!hasBody(req)) return next();
    const limit = limitFor(req.path);
    const declared = Number(req.headers["content-length"]);
    if (declared > limit) {
      discardRest(req, res, limit);
      refuse(req, res, limit);
      return;
    }
    let seen = 0;
    const counted = new Transform({
      transform(chunk, _encoding, done) {
        seen += chunk.length;
        if (seen <= limit) return done(null, chunk);
        req.unpipe(counted);
        discardRest(req, res, limit);
        refuse(req, res, limit);
        done(new PayloadTooLargeError(limit));
      },
    });
    req.pipe(counted);
    req.limitedBody = counted;
    // A route that answers without reading the whole body: throw the rest away, keep the connection usable.
    res.once("finish", () => {
      if (req.complete || res.locals.refused) return;
      req.unpipe(counted);
      discardRest(req, res, limit);
    });
    next();
  };
}

export class PayloadTooLargeError extends Error {
  constructor(limit) {
    super(`Request body over ${limit} bytes`);
    this.status = 413;
  }
}

function discardRest(req, res, limit) {
  if (req.complete) return void req.resume();
  const socket = req.socket;
  const cutoff = setTimeout(() => socket.destroy(), DISCARD_FOR_MS);
  cutoff.unref();
  let discarded = 0;
  const count = (chunk) => {
    discarded += chunk.length;
    if (discarded <= discardAtMost(limit)) return;
    req.off("data", count);
    req.pause();
    // Half-close once the answer is out: a client that reads while sending (every browser, curl) sees
    // the 413; the cutoff above then frees the socket. Closing outright would reset it and lose the answer.
    if (res.writableFinished) socket.end();
    else res.once("finish", () => socket.end());
  };
  req.on("data", count);
  req.resume();
  req.once("end", () => clearTimeout(cutoff));
  req.once("close", () => clearTimeout(cutoff));
}
