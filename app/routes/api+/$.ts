// Unknown API endpoints answer in the API's own error format (RFC 9457 problem+json).
function notFound() {
  return new Response(JSON.stringify({ type: "about:blank", title: "Not Found", status: 404, detail: "No such endpoint." }), {
    status: 404,
    headers: { "Content-Type": "application/problem+json" },
  });
}

export const loader = notFound;
export const action = notFound;
