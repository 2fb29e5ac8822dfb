// A round-robin TCP balancer in front of several server instances, as nginx or a cloud load balancer
// would stand (no sticky sessions): each new connection goes to the next instance that accepts it.
// `hold()` turns new connections away (a browser stays reconnecting) until `release()`.
import net from "node:net";

export interface Balancer {
  url: string;
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

/** `upstreamPorts` is asked at each connection, so the balancer can start before the instances it serves. */
export async function startBalancer(upstreamPorts: () => number[]): Promise<Balancer> {
  let next = 0;
  let held = false;
  const open = new Set<net.Socket>();

  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
  };

  /** Connects to the next instance that accepts, trying each once. */
  const connectUpstream = (tries: number, onConnected: (upstream: net.Socket) => void, onFailed: () => void) => {
    const ports = upstreamPorts();
    if (tries === 0 || ports.length === 0) return onFailed();
    const port = ports[next++ % ports.length]!;
    const upstream = net.connect(port, "127.0.0.1");
    upstream.once("connect", () => onConnected(upstream));
    upstream.once("error", () => {
      upstream.destroy();
      connectUpstream(tries - 1, onConnected, onFailed);
    });
  };

  const server = net.createServer((client) => {
    track(client);
    if (held) {
      client.destroy();
      return;
    }
    client.pause();
    connectUpstream(
      upstreamPorts().length,
      (upstream) => {
        track(upstream);
        if (client.destroyed) return upstream.destroy();
        client.pipe(upstream).pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
        client.resume();
      },
      () => client.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    hold: () => void (held = true),
    release: () => void (held = false),
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
