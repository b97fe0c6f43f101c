// The public face of the eligibility feature: other features, routes and the composition root
// import from here, never from the modules behind it.
// The anonymous pre-check API (contract eligibility-check v1).
export * from "./api.server";
