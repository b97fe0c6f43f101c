// Catch-all: unknown URLs get a real 404 with the translated error page (the root loader runs
// for this route, so the page knows the person's language). Unknown /api URLs: see api.$.ts.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
