// The OpenAPI document with every module that registers operations loaded, so the document
// served at /api/v1/openapi.json and the one tests build in-process are the same.
// A new API module that calls registerOperation() is imported here.
import "~/platform/events/webhooks-api.server";
import "~/features/appointments/api.server";
import "~/features/application/api.server";
import "~/features/cases/api.server";
import "~/features/ombuds/api.server";

export { openApiDocument } from "~/platform/api/openapi.server";
