import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { databaseErrorCode, isDatabaseUnavailable, withDatabaseTimeout } from "./unavailable.server";

// The classification of database errors (issue 11 item 2), with errors the real drivers raise.

async function caught(work: () => Promise<unknown> | unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("isDatabaseUnavailable", () => {
  it("recognises SQLite's busy database, not its constraint errors", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unavailable-"));
    const file = path.join(dir, "db.sqlite");
    const a = new SQLite(file);
    const b = new SQLite(file);
    try {
      a.exec("create table t (id integer primary key)");
      b.pragma("busy_timeout = 50");
      a.exec("begin exclusive");
      const busy = await caught(() => b.exec("insert into t values (1)"));
      a.exec("rollback");
      expect(isDatabaseUnavailable(busy)).toBe(true);
      expect(databaseErrorCode(busy)).toBe("SQLITE_BUSY");
      a.exec("insert into t values (1)");
      const duplicate = await caught(() => a.exec("insert into t values (1)"));
      expect(isDatabaseUnavailable(duplicate)).toBe(false);
    } finally {
      a.close();
      b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("recognises a refused, a reset and a silent PostgreSQL connection", async () => {
    // A port nobody listens on: connection refused.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await caught(() => new pg.Client({ host: "127.0.0.1", port, user: "x", database: "x" }).connect());
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(databaseErrorCode(refused)).toBe("ECONNREFUSED");

    // A server that accepts and closes at once: "Connection terminated unexpectedly".
    const resetting = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => resetting.listen(0, "127.0.0.1", resolve));
    const reset = await caught(() => new pg.Client({ host: "127.0.0.1", port: (resetting.address() as net.AddressInfo).port, user: "x", database: "x" }).connect());
    resetting.close();
    expect(isDatabaseUnavailable(reset)).toBe(true);

    // A server that accepts and never answers: the connection timeout.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const client = new pg.Client({ host: "127.0.0.1", port: (silent.address() as net.AddressInfo).port, user: "x", database: "x", connectionTimeoutMillis: 200 });
    const timedOut = await caught(() => client.connect());
    for (const socket of sockets) socket.destroy();
    silent.close();
    expect(isDatabaseUnavailable(timedOut)).toBe(true);
  });

  it("recognises server-side timeouts and shutdowns by SQLSTATE, and not ordinary SQL errors", () => {
    for (const code of ["57014", "57P01", "57P03", "53300", "08006", "08001", "25P03"]) expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code })), code).toBe(true);
    for (const code of ["23505", "23503", "42P01", "40P01", "22001"]) expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code })), code).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) }))).toBe(true);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable(new Response(null, { status: 503 }))).toBe(false);
  });

  it("bounds a promise that never settles with an error it classifies as unavailable", async () => {
    const error = await caught(() => withDatabaseTimeout(new Promise(() => undefined), 20));
    expect(isDatabaseUnavailable(error)).toBe(true);
    await expect(withDatabaseTimeout(Promise.resolve(7), 1_000)).resolves.toBe(7);
  });
});
