// The public face of the standorte feature: other features, routes and the composition root
// import from here, never from the modules behind it.
// The Träger's public Standorte: JSON for the pages and the API.
export * from "./standorte.server";
export * from "./public-json.server";
export * from "./api.server";
