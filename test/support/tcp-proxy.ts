import net from "node:net";

// A real TCP proxy between the portal and its database, for fault injection: the test points
// DATABASE_URL at the proxy and can then
// - cut(): destroy every open connection and refuse new ones (the database went away),
// - silence(): keep accepting connections but forward nothing in either direction (a database
//   or network that holds the connection open and never answers),
// - restore(): forward again (new connections reach the database; silenced ones stay dead).
export interface TcpProxy {
  port: number;
  /** The target URL with host and port replaced by the proxy's. */
  url: (targetUrl: string) => string;
  cut: () => void;
  silence: () => void;
  restore: () => void;
  /** Connections accepted so far (for the test's own checks that traffic went through the proxy). */
  accepted: () => number;
  close: () => Promise<void>;
}

type Mode = "forward" | "cut" | "silent";

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let mode: Mode = "forward";
  let accepted = 0;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
  };

  const server = net.createServer((client) => {
    track(client);
    if (mode === "cut") {
      client.destroy();
      return;
    }
    accepted++;
    if (mode === "silent") {
      // Accept, read and drop everything: the peer waits for an answer that never comes.
      client.on("data", () => undefined);
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    track(upstream);
    let silenced = false;
    const forward = (from: net.Socket, to: net.Socket) =>
      from.on("data", (chunk: Buffer) => {
        if (mode === "silent") silenced = true;
        if (!silenced) to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    url: (targetUrl) => {
      const url = new URL(targetUrl);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.toString();
    },
    cut: () => {
      mode = "cut";
      for (const socket of sockets) socket.destroy();
    },
    silence: () => {
      mode = "silent";
    },
    restore: () => {
      mode = "forward";
    },
    accepted: () => accepted,
    close: async () => {
      mode = "cut";
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
