// A local stand-in for an OpenAI-compatible chat server (127.0.0.1, random port) for tests: it
// exercises the real @ai-sdk/openai provider code with answers that are slow, wrong or broken.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Seen = { path: string; headers: IncomingMessage["headers"]; body: Record<string, unknown> };
export type Reply = (res: ServerResponse, body: Record<string, unknown>) => void;

/** A local stand-in for an OpenAI-compatible server, on 127.0.0.1 and a random port. */
export async function fakeOpenAI(reply: Reply) {
  const seen: Seen[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      seen.push({ path: req.url ?? "", headers: req.headers, body });
      reply(res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    seen,
    later(ms: number, fn: () => void) {
      const t = setTimeout(fn, ms);
      timers.add(t);
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function chatCompletion(res: ServerResponse, content: string, status = 200) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: "chatcmpl-test",
      object: "chat.completion",
      created: 1_772_000_000,
      model: "fake-llm",
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    }),
  );
}
