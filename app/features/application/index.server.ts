// The public face of the application feature: other features, routes and the composition root
// import from here, never from the modules behind it.
// The online Antrag: drafts, answers, submission and receipt, its documents and document requests, the PDF, the back-office API and the staff inbox's application pages.
export * from "./records.server";
export * from "./applications.server";
export * from "./application-documents.server";
export * from "./http.server";
export * from "./pdf.server";
export * from "./draft-expiry.server";
export * from "./api.server";
export * from "./staff.server";
export * from "./efile.server";
export * from "./search.server";
