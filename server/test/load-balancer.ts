// A round-robin HTTP load balancer (plain node:http) in front of several app instances, for tests
// of the deployment shape: PUBLIC_BASE_URL points here, so what Twilio and Stripe send back
// (SMS status callbacks, Stripe webhooks) lands on any instance, as behind a real balancer.
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export type LoadBalancer = {
  url: string;
  port: number;
  forwarded: number;
  failed: number;
  close(): Promise<void>;
};

/** Listens on `port` (0 = any free port) and forwards each request to the next of `targets` (ports on 127.0.0.1). */
export async function startLoadBalancer(targets: number[], port = 0): Promise<LoadBalancer> {
  let next = 0;
  const server = createServer((req, res) => {
    const target = targets[next++ % targets.length]!;
    const upstream = request(
      { host: "127.0.0.1", port: target, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        lb.forwarded += 1;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (err) => {
      lb.failed += 1;
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`Load balancer: instance on port ${target} failed: ${err.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const lb: LoadBalancer = {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    forwarded: 0,
    failed: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return lb;
}
