// The public face of the accounts feature: other features, routes and the composition root
// import from here, never from the modules behind it.
// People's accounts: sign-up, e-mail confirmation, sign-in, password reset and change, deletion.
export * from "./accounts.server";
export * from "./common-passwords";
export * from "./http.server";
