// Builds the app when build/ is missing (fresh clone), so `npm run bench` and `npm run admin` work.
import { execSync } from "node:child_process";
import fs from "node:fs";

if (!fs.existsSync("build/index.js") || !fs.existsSync("public/sw.js")) {
  execSync("npm run build", { stdio: "inherit" });
}
