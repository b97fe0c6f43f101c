// The public face of the precheck feature: other features, routes and the composition root
// import from here, never from the modules behind it.
// The pre-check pages' draft (sealed cookie) and their step order.
export * from "./precheck.server";
