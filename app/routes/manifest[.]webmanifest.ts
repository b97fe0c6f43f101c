import type { LoaderFunctionArgs } from "@remix-run/node";
import { noCacheHeaders } from "~/platform/http/cache-control.server";
import { getTraeger } from "~/config/traeger";
import { directionOf, htmlLangOf } from "~/domain/languages";
import { fixedT, getLanguage } from "~/platform/http/i18n.server";

// The web app manifest, with names and description in the person's language.
export async function loader({ request }: LoaderFunctionArgs) {
  const lng = await getLanguage(request);
  const t = fixedT(lng, ["pwa"]);
  const traeger = getTraeger();
  const sizes = [48, 72, 96, 128, 144, 152, 192, 256, 384, 512];
  const manifest = {
    id: "/",
    name: t("name", { jobcenter: traeger.jobcenterName }),
    short_name: t("shortName"),
    description: t("description"),
    lang: htmlLangOf(lng),
    dir: directionOf(lng),
    start_url: "/?source=pwa",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: "#ffffff",
    theme_color: "#0b4f6c",
    categories: ["government", "utilities"],
    icons: [
      ...sizes.map((size) => ({ src: `/icons/icon-${size}.png`, sizes: `${size}x${size}`, type: "image/png", purpose: "any" })),
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
  return new Response(JSON.stringify(manifest), {
    headers: { "Content-Type": "application/manifest+json; charset=utf-8", Vary: "Accept-Language, Cookie", ...noCacheHeaders },
  });
}
