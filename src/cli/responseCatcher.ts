// A local stand-in for Slack's response_url: a loopback HTTP server that collects the JSON
// messages phase 2 posts, so `slacktrux try` and the demo can show them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import type { SlackMessage } from "../slack/blockKit.js";

export interface ResponseCatcher {
  /** A fresh response_url on this catcher. */
  url: string;
  messages: SlackMessage[];
  /** Resolves with the first message, then waits `settleMs` for any that follow it. */
  waitForMessages(timeoutMs: number, settleMs?: number): Promise<SlackMessage[]>;
  close(): Promise<void>;
}

export async function startResponseCatcher(): Promise<ResponseCatcher> {
  const messages: SlackMessage[] = [];
  const listeners = new Set<() => void>();
  const path = `/commands/${randomBytes(8).toString("hex")}`;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== path) {
        res.writeHead(404).end();
        return;
      }
      try {
        messages.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as SlackMessage);
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      } catch {
        res.writeHead(400).end("invalid JSON");
        return;
      }
      for (const notify of listeners) notify();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${path}`,
    messages,
    waitForMessages(timeoutMs, settleMs = 250) {
      return new Promise((resolve) => {
        const done = () => {
          listeners.delete(onMessage);
          clearTimeout(timer);
          resolve([...messages]);
        };
        const onMessage = () => {
          clearTimeout(timer);
          timer = setTimeout(done, settleMs);
        };
        let timer = setTimeout(done, timeoutMs);
        listeners.add(onMessage);
        if (messages.length > 0) onMessage();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
