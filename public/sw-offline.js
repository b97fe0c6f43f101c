/* Loaded by the generated service worker (importScripts). Navigations always go to the
   network — pages may carry personal data and are never cached. Only when the network fails is
   the precached offline page shown, in the language the page last told us. */
const LANGUAGES = ["de", "ls", "en", "tr", "ar", "ru", "uk", "pl", "ro", "fa"];
const PREFS = "portal-prefs";
let language = null;

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "LANGUAGE" && LANGUAGES.includes(data.lng)) {
    language = data.lng;
    event.waitUntil(caches.open(PREFS).then((cache) => cache.put("/__language", new Response(data.lng))));
  }
});

async function currentLanguage(url) {
  const fromUrl = url.searchParams.get("lng");
  if (LANGUAGES.includes(fromUrl)) return fromUrl;
  if (language) return language;
  const stored = await caches.open(PREFS).then((cache) => cache.match("/__language"));
  const text = stored ? await stored.text() : "";
  return LANGUAGES.includes(text) ? text : "de";
}

async function offlinePage(lng) {
  const keys = await caches.keys();
  for (const name of keys) {
    const cache = await caches.open(name);
    const match = await cache.match(`/offline/${lng}.html`, { ignoreSearch: true });
    if (match) return match;
  }
  return new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.mode !== "navigate") return;
  event.respondWith(fetch(request).catch(async () => offlinePage(await currentLanguage(new URL(request.url)))));
});
