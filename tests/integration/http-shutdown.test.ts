import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createReferenceData } from "../support/admin-fixtures";
import { makeProduct } from "../support/buying";
import { startServer, type RunningServer } from "../support/server";

/** A form POST whose body arrives in two parts: the second only when the test says so. */
function slowPost(server: RunningServer, path: string, body: string) {
  const { hostname, port } = new URL(server.url);
  let finish!: () => void;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      { hostname, port, path, method: "POST", agent: false, headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += String(d)));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.write(body.slice(0, 10));
    finish = () => req.end(body.slice(10));
  });
  return { answer, finish: () => finish() };
}

function connects(url: string) {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(Number(new URL(url).port), "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((r) => setTimeout(r, 50));
}

describe("stopping the server (SIGTERM)", () => {
  it("answers the requests in flight, refuses new connections, closes idle ones and exits cleanly", async () => {
    const ref = await createReferenceData();
    const product = await makeProduct(ref, { stock: 100 });
    const server = await startServer({ SHUTDOWN_GRACE_MS: "30000" });
    // An idle keep-alive connection must not hold the exit up.
    const idle = new http.Agent({ keepAlive: true });
    await new Promise((resolve) => http.get(`${server.url}/healthz`, { agent: idle }, (res) => res.resume().on("end", resolve)));

    const inFlight = [1, 2, 3].map(() => slowPost(server, "/cart", `intent=add&productId=${product.id}&quantity=1`));
    await new Promise((r) => setTimeout(r, 300)); // the requests' headers have reached the server
    server.child.kill("SIGTERM");
    await until(() => server.output().includes("SIGTERM: finishing requests in flight"));

    expect(await connects(server.url)).toBe(false);
    for (const request of inFlight) request.finish();
    const answers = await Promise.all(inFlight.map((r) => r.answer));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toContain("</html>");
    }
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('"msg":"Stopped"');
    expect(server.output()).not.toContain("still in flight after the grace period");
    idle.destroy();
    // What the three visitors were told is on disk: three carts with the product in them.
    expect(await prisma.cartLine.count({ where: { productId: product.id } })).toBe(3);
  });

  it("gives up on a request that never finishes once the grace period is over", async () => {
    const server = await startServer({ SHUTDOWN_GRACE_MS: "1000" });
    const stuck = slowPost(server, "/login", "username=someone&password=never-finished");
    stuck.answer.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain("still in flight after the grace period");
    await expect(stuck.answer).rejects.toThrow();
  });
});
