// A local stand-in for Anthropic's Messages API (POST /v1/messages on 127.0.0.1, random port)
// for tests: it exercises the real @ai-sdk/anthropic provider code. The answer goes back the way
// the request asked for structured output: as the forced `json` tool's input, or as text.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type AnthropicSeen = {
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
};
export type AnthropicReply = (res: ServerResponse, body: Record<string, unknown>) => void;

export async function fakeAnthropic(reply: AnthropicReply) {
  const seen: AnthropicSeen[] = [];
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
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Messages API answer carrying `json` (an object) the way the request expects it. */
export function messagesAnswer(
  res: ServerResponse,
  request: Record<string, unknown>,
  json: unknown,
  status = 200,
) {
  const tools = (request.tools as { name: string }[] | undefined) ?? [];
  const viaTool = tools.some((t) => t.name === "json");
  res.writeHead(status, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: "msg_test",
      type: "message",
      role: "assistant",
      model: String(request.model),
      content: viaTool
        ? [{ type: "tool_use", id: "toolu_test", name: "json", input: json }]
        : [{ type: "text", text: JSON.stringify(json) }],
      stop_reason: viaTool ? "tool_use" : "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 10 },
    }),
  );
}

export function anthropicError(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ type: "error", error: { type: "api_error", message } }));
}
