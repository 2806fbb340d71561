// A tiny local SMTP server for tests: accepts mail like a real server, or refuses the next N
// messages with "451 try again later" so retries can be proved without any network.
import net from "node:net";

export type FakeSmtp = {
  url: string;
  port: number;
  messages: { to: string[]; data: string }[];
  failNext(n: number): void;
  close(): Promise<void>;
};

export async function startFakeSmtp(port = 0): Promise<FakeSmtp> {
  const messages: FakeSmtp["messages"] = [];
  let failures = 0;
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    let to: string[] = [];
    let data = "";
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 fake-smtp ESMTP ready");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end === -1) return;
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push({ to, data });
          reply("250 2.0.0 queued");
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl === -1) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === "EHLO" || cmd === "HELO") reply("250 fake-smtp");
        else if (cmd === "MAIL") {
          to = [];
          reply("250 2.1.0 ok");
        } else if (cmd === "RCPT") {
          if (failures > 0) {
            failures -= 1;
            reply("451 4.3.0 mailbox busy, try again later");
          } else {
            to.push(line.replace(/^RCPT TO:\s*/i, "").replace(/[<>]/g, ""));
            reply("250 2.1.5 ok");
          }
        } else if (cmd === "DATA") {
          inData = true;
          data = "";
          reply("354 end with <CRLF>.<CRLF>");
        } else if (cmd === "QUIT") {
          reply("221 bye");
          socket.end();
        } else reply("250 ok");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as net.AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    messages,
    failNext: (n) => {
      failures = n;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
