// The public face of the cases feature: other features, routes and the composition root
// import from here, never from the modules behind it.
// Mein Fall: cases with activation codes, the Kooperationsplan and its tasks, evidence, reminders, the API and the Integration staff pages.
export * from "./cases.server";
export * from "./api.server";
export * from "./staff.server";
export * from "./benefit-period.server";
export * from "./letter.server";
