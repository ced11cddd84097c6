import http from "node:http";
import net from "node:net";
import { decode } from "turbo-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

// The real server with its production limits, except uploads: 2 MB here so a test need not send 40.
const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;
let server: RunningServer;
let baseline: number;

beforeAll(async () => {
  server = await startServer({ UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES), HTTP_HEADERS_TIMEOUT_MS: "2000" });
  await fetch(`${server.url}/products`); // warm: the first render loads the app
  baseline = server.rssBytes();
});
afterAll(() => server?.stop());

type Answer = { status: number; body: string; sentBytes: number };

/**
 * Streams a body of up to `totalBytes` in 64 KB chunks (chunked, no Content-Length unless given),
 * and stops sending as soon as the server answers — as a hostile client would not, but a test must.
 */
function streamBody(path: string, totalBytes: number, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sentBytes = 0;
    let answered = false;
    const req = http.request({ hostname, port, path, method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers } }, (res) => {
      answered = true;
      let body = "";
      res.on("data", (d) => (body += String(d)));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode!, body, sentBytes });
      });
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("request bodies at the edge", () => {
  for (const path of ["/cart", "/register", "/login", "/webhooks/stripe"]) {
    it(`a 1.5 GB chunked body to ${path} is cut at the limit with 413, memory stays flat and others are served meanwhile`, async () => {
      const giant = streamBody(path, 1.5 * 1024 ** 3);
      const meanwhile = await fetch(`${server.url}/products`);
      expect(meanwhile.status).toBe(200);
      const answer = await giant;
      expect(answer.status).toBe(413);
      expect(answer.sentBytes).toBeLessThan(64 * 1024 * 1024);
      expect(server.rssBytes() - baseline).toBeLessThan(100 * 1024 * 1024);
    });
  }

  it("answers a declared Content-Length over the limit before reading any of it", async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const socket = net.connect(Number(new URL(server.url).port), "127.0.0.1", () => {
        socket.write(`POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1073741824\r\n\r\nusername=`);
      });
      let raw = "";
      socket.on("data", (d) => {
        raw += String(d);
        if (raw.includes("</html>")) {
          socket.destroy();
          resolve({ status: Number(raw.slice(9, 12)), body: raw });
        }
      });
      socket.on("error", reject);
    });
    expect(answer.status).toBe(413);
    // The page in the visitor's language (Chinese by default), with the id to quote.
    expect(answer.body).toContain("提交的内容过大");
    expect(answer.body).toMatch(/请求编号：[0-9a-f-]{36}/);
  });

  it("refuses a huge form field and answers in English when the visitor chose English", async () => {
    const response = await fetch(`${server.url}/login?lang=en`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "x".repeat(1024 * 1024), password: "y" }),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("What you sent is too large");
  });

  it("lets ordinary forms through: a bad sign-in is the sign-in page's own 400", async () => {
    const response = await fetch(`${server.url}/login`, { method: "POST", body: new URLSearchParams({ username: "nobody", password: "wrong-password" }), redirect: "manual" });
    expect(response.status).toBe(400);
  });

  it("gives an upload route its own larger limit, and a browser that sends a too-large file in full still reads the 413 page", async () => {
    const file = (bytes: number) => {
      const form = new FormData();
      form.set("file", new Blob([Buffer.alloc(bytes, "x")], { type: "text/csv" }), "products.csv");
      return form;
    };
    // 1 MB: over the form limit, under the upload limit — reaches the route (which sends visitors to sign in).
    const allowed = await fetch(`${server.url}/admin/products/import`, { method: "POST", body: file(1024 * 1024), redirect: "manual" });
    expect(allowed.status).toBe(302);
    // 6 MB, sent whole by the client (fetch reads the answer only after sending): the page, not a reset.
    const tooLarge = await fetch(`${server.url}/admin/products/import`, { method: "POST", body: file(3 * UPLOAD_MAX_BYTES), redirect: "manual" });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain("最多接受 2 MB");
    // The same file to an ordinary form route is over its smaller limit.
    const elsewhere = await fetch(`${server.url}/account`, { method: "POST", body: file(1024 * 1024), redirect: "manual" });
    expect(elsewhere.status).toBe(413);
  });

  it("counts single-fetch data requests against the page they belong to, and answers them as a route error Remix can show", async () => {
    const toData = await streamBody("/cart.data", 10 * 1024 * 1024);
    expect(toData.status).toBe(413);
    // Decoded as Remix's browser code decodes it: { error: ErrorResponse } — the page's error boundary shows it.
    const decoded = await decode(new Response(toData.body).body!, {
      plugins: [(type, ...rest) => (type === "ErrorResponse" ? { value: { data: rest[0], status: rest[1], statusText: rest[2] } } : false)],
    });
    await decoded.done;
    expect(decoded.value).toEqual({ error: { data: { limitBytes: 256 * 1024 }, status: 413, statusText: "Payload Too Large" } });
  });
});

describe("headers and slow clients", () => {
  it("refuses a URL and headers over 16 KB with 431", async () => {
    const response = await fetch(`${server.url}/products?q=${"x".repeat(20 * 1024)}`);
    expect(response.status).toBe(431);
  });

  it("closes a connection whose headers never finish (slowloris)", async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(new URL(server.url).port), "127.0.0.1", () => socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
      let raw = "";
      const drip = setInterval(() => socket.write("a"), 500);
      socket.on("data", (d) => (raw += String(d)));
      socket.on("close", () => {
        clearInterval(drip);
        resolve(raw);
      });
      socket.on("error", () => undefined);
    });
    expect(outcome).toMatch(/^HTTP\/1\.1 408/);
  });
});
