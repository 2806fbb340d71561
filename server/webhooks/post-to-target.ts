// One POST to a webhook endpoint over node:http(s), with the target guard on the connection
// itself: the host is resolved by `guardedLookup` (every address checked before connecting), an IP
// literal is checked as written, and the socket's remote address is checked once more when it
// connects. No redirects are followed; the answer's body is read (at most `maxBodyChars`) only
// from a 2xx answer of a public address, so nothing an internal service says reaches the log.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type Socket } from "node:net";
import {
  guardedLookup,
  InternalTargetError,
  isInternalAddress,
  targetHost,
  urlRefusal,
  type Resolve,
} from "./target-guard";

export type PostResult = { status: number; body: string | null; remoteAddress: string | null };

export type PostOptions = {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: Resolve;
  maxBodyChars: number;
};

async function readBody(res: IncomingMessage, maxChars: number): Promise<string> {
  let text = "";
  res.setEncoding("utf8");
  for await (const chunk of res as AsyncIterable<string>) {
    text += chunk;
    if (text.length > maxChars) {
      res.destroy();
      return `${Array.from(text).slice(0, maxChars).join("")}…`;
    }
  }
  return text;
}

/** Posts `body` to `url`; rejects with InternalTargetError when the target is (or turns out to be) internal. */
export function postToTarget(url: string, opts: PostOptions): Promise<PostResult> {
  const refusal = urlRefusal(url);
  if (refusal) return Promise.reject(new Error(refusal));
  const host = targetHost(url);
  if (!opts.allowPrivate && isIP(host) && isInternalAddress(host)) {
    return Promise.reject(
      new InternalTargetError(`${host} is an internal address: webhooks go to public addresses only.`),
    );
  }
  const send = new URL(url).protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<PostResult>((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...opts.headers, "content-length": Buffer.byteLength(opts.body).toString() },
        lookup: guardedLookup({ allowPrivate: opts.allowPrivate, resolve: opts.resolve }),
        signal: AbortSignal.timeout(opts.timeoutMs),
        agent: false,
      },
      (res) => {
        const remoteAddress = res.socket?.remoteAddress ?? null;
        const status = res.statusCode ?? 0;
        const publicPeer = remoteAddress !== null && !isInternalAddress(remoteAddress);
        if (status >= 200 && status < 300 && publicPeer) {
          readBody(res, opts.maxBodyChars).then(
            (body) => resolve({ status, body, remoteAddress }),
            () => resolve({ status, body: null, remoteAddress }),
          );
        } else {
          res.resume();
          resolve({ status, body: null, remoteAddress });
        }
      },
    );
    req.on("socket", (socket: Socket) => {
      socket.once("connect", () => {
        const peer = socket.remoteAddress;
        if (!opts.allowPrivate && (!peer || isInternalAddress(peer)))
          req.destroy(
            new InternalTargetError(
              `${host} connected to an internal address (${peer ?? "unknown"}): webhooks go to public addresses only.`,
            ),
          );
      });
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}
