// A local webhook receiver for tests: records every request (headers, raw body) per path and
// answers with the statuses queued for that path (then 200).
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { path: string; headers: Record<string, string>; body: string; at: number };

export type WebhookReceiver = {
  url(path: string): string;
  received(path?: string): Received[];
  /** The next answers for a path, in order, e.g. [500, 500] then 200s. */
  answer(path: string, statuses: number[], headers?: Record<string, string>): void;
  close(): Promise<void>;
};

const flat = (h: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const log: Received[] = [];
  const queued = new Map<string, { statuses: number[]; headers: Record<string, string> }>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      log.push({
        path,
        headers: flat(req.headers),
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      const q = queued.get(path);
      const status = q?.statuses.shift() ?? 200;
      res.writeHead(status, {
        "content-type": "text/plain",
        ...(q && status >= 300 && status < 400 ? q.headers : {}),
      });
      res.end(status >= 400 ? `failure ${status} `.repeat(300) : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received: (path) => log.filter((r) => !path || r.path === path),
    answer: (path, statuses, headers = {}) => queued.set(path, { statuses: [...statuses], headers }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
