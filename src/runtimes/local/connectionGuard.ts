// The local server's connection cap, without letting idle sockets lock Slack out. Node's own
// `maxConnections` refuses the newest connection at the cap, so 200 sockets that connect and say
// nothing kept every real request out until the header timeout cut them (about 10 s). Here, at the
// cap, the connection that has waited longest without a request under way (silent, trickling its
// headers or body, or kept alive between requests) is closed to make room; only when every
// connection is serving a request is the newcomer refused. Slack sends a whole small request at
// once, so its connection is never the oldest waiting one.
import type http from "node:http";
import type { Socket } from "node:net";

export interface ConnectionGuard {
  /** The socket's request was read in full and is being answered: not to be closed to make room. */
  busy(socket: Socket): void;
  /** Connections closed to make room, and newcomers refused, so far. */
  readonly evicted: number;
  readonly refused: number;
}

export function guardConnections(server: http.Server, maxConnections: number): ConnectionGuard {
  /** Open connections with no request being answered, oldest first (a Set keeps insertion order). */
  const waiting = new Set<Socket>();
  const open = new Set<Socket>();
  const guard = { evicted: 0, refused: 0, busy: (socket: Socket) => void waiting.delete(socket) };

  server.on("connection", (socket: Socket) => {
    if (open.size >= maxConnections) {
      const oldest = waiting.values().next().value;
      if (oldest === undefined) {
        guard.refused++;
        socket.destroy();
        return;
      }
      guard.evicted++;
      waiting.delete(oldest);
      open.delete(oldest);
      oldest.destroy();
    }
    open.add(socket);
    waiting.add(socket);
    socket.once("close", () => {
      open.delete(socket);
      waiting.delete(socket);
    });
  });
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Answered: waiting again (kept alive for the next request), and now the youngest.
    res.once("finish", () => {
      if (req.socket.destroyed || !open.has(req.socket)) return;
      waiting.delete(req.socket);
      waiting.add(req.socket);
    });
  });
  return guard;
}
