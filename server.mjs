// Starts the portal from the Remix server build: migrations, configuration check, demo data,
// background jobs, then HTTP on PORT. All logic lives in app/server (bundled into build/).
import * as build from "./build/index.js";

const { startPortal } = build.entry.module;
const portal = await startPortal(build).catch((error) => {
  console.error(`The portal could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

// SIGTERM (systemd, container runtimes) and SIGINT: graceful shutdown (requests in flight
// finish within SHUTDOWN_TIMEOUT_MS, jobs stop and hand back their leases, the pool closes), exit 0.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    portal.close().then(
      () => process.exit(0),
      (error) => {
        console.error(`The portal did not stop cleanly: ${error instanceof Error ? error.name : String(error)}`);
        process.exit(1);
      },
    );
  });
}
