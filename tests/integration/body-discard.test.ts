import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import { enforceBodyLimits } from "../../server/body-limit.js";

// The edge's middleware alone, with a 413 answer that takes a second to render (as a cold page can):
// meanwhile a hostile client keeps sending at loopback speed. The server must stop reading, not
// swallow the body for as long as the answer takes.
const LIMIT = 64 * 1024;
let server: http.Server;
let port: number;
let readByServer = 0;

beforeAll(async () => {
  const app = express();
  app.use((req, _res, next) => {
    req.on("data", (chunk: Buffer) => (readByServer += chunk.length));
    next();
  });
  app.use(
    enforceBodyLimits({
      limitFor: () => LIMIT,
      refuse: (_req: unknown, res: express.Response) => {
        res.locals.refused = true;
        setTimeout(() => res.status(413).type("text/plain").send("too large"), 1000);
      },
    }),
  );
  // A route reading the body, as the Remix handler does.
  app.use((req: express.Request & { limitedBody?: NodeJS.ReadableStream }) => {
    req.limitedBody?.on("data", () => undefined);
    req.limitedBody?.on("error", () => undefined);
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

it("stops reading a refused body after a bounded amount, and still delivers the slow 413 to the client", async () => {
  const chunk = Buffer.alloc(256 * 1024, "a");
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    let answered = false;
    const req = http.request({ host: "127.0.0.1", port, path: "/cart", method: "POST" }, (res) => {
      answered = true;
      let body = "";
      res.on("data", (d) => (body += String(d)));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode!, body });
      });
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered) if (!req.write(chunk)) return void req.once("drain", pump);
    };
    pump();
  });
  expect(answer).toEqual({ status: 413, body: "too large" });
  // The limit, the 32 MB the server may throw away after a small limit, and one read in flight.
  expect(readByServer).toBeLessThan(LIMIT + 32 * 1024 * 1024 + 2 * 1024 * 1024);
});
