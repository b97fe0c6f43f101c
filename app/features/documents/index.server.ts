// The public face of the documents feature: other features, routes and the composition root
// import from here, never from the modules behind it.
// Documents people keep and hand over: uploads (resumable and multipart), processing (type check, images to PDF, EXIF removal), encrypted storage, authorization per attachment context.
export * from "./documents.server";
export * from "./uploads.server";
export * from "./processing.server";
export * from "./http.server";
