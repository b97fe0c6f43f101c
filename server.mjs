// Starts the portal from the Remix server build: migrations, configuration check, demo data,
// background jobs, then HTTP on PORT. All logic lives in app/server (bundled into build/).
import * as build from "./build/index.js";

const { startPortal } = build.entry.module;
const portal = await startPortal(build).catch((error) => {
  console.error(`The portal could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await portal.close();
    process.exit(0);
  });
}
