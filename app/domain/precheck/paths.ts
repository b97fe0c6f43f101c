import type { Step } from "./draft";

// The pre-check's steps as URLs (pure: the pages' addresses are part of the flow).

export function stepPath(step: Step): string {
  switch (step.kind) {
    case "concern":
      return "/vorabcheck";
    case "person":
      return `/vorabcheck/person/${step.id}`;
    case "household":
      return "/vorabcheck/haushalt";
    case "housing":
      return "/vorabcheck/wohnung";
    case "assets":
      return "/vorabcheck/vermoegen";
    case "check":
      return "/vorabcheck/pruefen";
  }
}
