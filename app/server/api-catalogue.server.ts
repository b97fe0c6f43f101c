// The OpenAPI document with every module that registers operations loaded, so the document
// served at /api/v1/openapi.json and the one tests build in-process are the same.
// A new API module that calls registerOperation() is imported here.
import "./webhooks-api.server";
import "./appointments-api.server";
import "./applications-api.server";
import "./cases-api.server";
import "./ombuds-api.server";

export { openApiDocument } from "./openapi.server";
