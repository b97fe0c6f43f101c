// The public face of the ombuds feature: other features, routes and the composition root
// import from here, never from the modules behind it.
// The independent Ombudsstelle: anonymous messages, replies, retention, and its own API audience.
export * from "./ombuds.server";
export * from "./api.server";
export * from "./http.server";
