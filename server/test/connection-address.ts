// Route handlers called in process have no socket: this stamps a request the way the server's
// connection hook does (server/http/client-address.ts `stampPeerAddresses`), with the address the
// request came from, so per-address limits can be tested without a real server.
import { PEER_HEADER } from "@/server/http/client-address";

const g = globalThis as unknown as { __leadrescuePeerSecret?: string };

export function connectionHeader(ip: string): Record<string, string> {
  g.__leadrescuePeerSecret ??= "test-connection-secret-0123456789";
  return { [PEER_HEADER]: `${g.__leadrescuePeerSecret} ${ip}` };
}
