// The public face of the absence feature: requests to be away (Ortsabwesenheit, § 7b SGB II), the person's pages and the API.
export * from "./absence.server";
export * from "./api.server";
export * from "./staff.server";
