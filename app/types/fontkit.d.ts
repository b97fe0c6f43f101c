// fontkit 1.9.0 ships no types; pdf-lib describes the part it uses.
declare module "fontkit" {
  import type { Fontkit } from "pdf-lib/cjs/types/fontkit";
  const fontkit: Fontkit;
  export default fontkit;
}
