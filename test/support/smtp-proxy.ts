import net from "node:net";

// A TCP proxy in front of the test SMTP server, for fault injection between the portal and its
// mail server: it can stop listening (the mail server is down: connection refused), hold the
// server's replies (a mail server that has not answered yet), or hold only the reply to the end
// of a message (the server has the mail, the portal does not know yet). Bytes pass unchanged.
export interface SmtpProxy {
  url: string;
  port: number;
  /** Holds every reply of the mail server until `resume()` (connections still open). */
  pause: () => void;
  /** Holds the replies after a message's final "." (the mail server accepted it) until `resume()`. */
  holdAfterData: () => void;
  resume: () => void;
  /** Closes the port and every open connection: connection refused. */
  down: () => Promise<void>;
  /** Listens on the same port again. */
  up: () => Promise<void>;
  stop: () => Promise<void>;
}

export async function startSmtpProxy(targetPort: number): Promise<SmtpProxy> {
  let mode: "pass" | "pause" | "hold-after-data" = "pass";
  const sockets = new Set<net.Socket>();
  const releases = new Set<() => void>();

  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    sockets.add(client);
    sockets.add(upstream);
    let held: Buffer[] = [];
    let holding = mode === "pause";
    const release = () => {
      holding = false;
      for (const chunk of held) if (!client.destroyed) client.write(chunk);
      held = [];
    };
    releases.add(release);
    client.on("data", (chunk: Buffer) => {
      if (mode === "hold-after-data" && chunk.toString("latin1").includes("\r\n.\r\n")) holding = true;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (holding || mode === "pause") {
        holding = true;
        held.push(chunk);
      } else client.write(chunk);
    });
    const close = () => {
      releases.delete(release);
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", close);
    upstream.on("close", close);
    client.on("error", close);
    upstream.on("error", close);
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : 0);
      });
    });
  const port = await listen(0);
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });

  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    port,
    pause: () => {
      mode = "pause";
    },
    holdAfterData: () => {
      mode = "hold-after-data";
    },
    resume: () => {
      mode = "pass";
      for (const release of [...releases]) release();
    },
    down: close,
    up: async () => {
      await listen(port);
    },
    stop: close,
  };
}
