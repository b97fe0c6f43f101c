// The public face of the staff feature: other features, routes and the composition root
// import from here, never from the modules behind it.
// Staff accounts, sign-in with TOTP, roles as API scopes, and the admin command.
export * from "./staff.server";
export * from "./admin.server";
export * from "./http.server";
