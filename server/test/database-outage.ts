// Database outages for tests: a PostgreSQL address that refuses connections, and one that
// accepts them and never answers (a hung database).
import { createServer, type Server, type Socket } from "node:net";
import { openDatabase, type Database } from "@/server/db/engine";

/** A PostgreSQL "server" that refuses connections: the port was free a moment ago. */
export async function refusingDatabase(): Promise<Database> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return openDatabase({ url: `postgresql://postgres@127.0.0.1:${port}/down` });
}

/** A PostgreSQL "server" that accepts connections and never answers: a hung database. */
export async function hangingDatabase(): Promise<{ db: Database; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => void sockets.add(s));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  const hung = await openDatabase({ url: `postgresql://postgres@127.0.0.1:${port}/hung` });
  return {
    db: hung,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      await hung.close().catch(() => undefined);
    },
  };
}
