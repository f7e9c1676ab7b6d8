import { connect, type Socket } from "node:net";

type SocketCallback = (error: null, options?: { connection: Socket }) => void;

/**
 * nodemailer's `getSocket` hook: connects with Nagle's algorithm off. Without it the end of
 * each message's DATA waits for the peer's delayed ACK (about 40 ms on Linux), which caps a
 * pooled connection near 20 messages a second.
 *
 * When the connection fails we hand back nothing and let nodemailer connect by itself: it then
 * meets the same error on its own path, which its pool recovers from (an error returned from
 * this hook leaves the pool's slot taken for good).
 */
export function noDelaySocket(options: { host?: string; port?: number }, callback: SocketCallback): void {
  const socket = connect({ host: options.host, port: options.port ?? 25 });
  socket.setNoDelay(true);
  const fallBack = () => {
    socket.destroy();
    callback(null);
  };
  socket.once("error", fallBack);
  socket.once("connect", () => {
    socket.off("error", fallBack);
    callback(null, { connection: socket });
  });
}
