// The public face of the accessibility feature: other features, routes and the composition root
// import from here, never from the modules behind it.
// Barrier reports from the Barrierefreiheit page (feedback mechanism, BITV 2.0 § 7).
export * from "./barrier-reports.server";
