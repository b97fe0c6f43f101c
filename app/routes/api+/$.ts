import { apiNotFound } from "~/platform/api/api.server";

// Unknown API endpoints answer in the API's own error format (RFC 9457 problem+json).
function noSuchEndpoint(): Response {
  return apiNotFound("No such endpoint.");
}

export const loader = noSuchEndpoint;
export const action = noSuchEndpoint;
