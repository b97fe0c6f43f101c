// The public face of the precheck feature: other features, routes and the composition root
// import from here, never from the modules behind it.
// The pre-check pages' draft (sealed cookie) and its estimate; the step order is domain
// (app/domain/precheck), re-exported here for the pages.
export * from "./precheck.server";
export * from "./http.server";
export { stepPath } from "~/domain/precheck/paths";
