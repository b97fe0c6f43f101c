import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { getTraeger } from "~/config/traeger";
import { ErrorPage } from "~/components/error-page";
import { errorPageData } from "~/lib/error-page-data";
import { SiteFooter, SiteHeader } from "~/components/layout";
import { ServiceWorker } from "~/components/service-worker";
import { SessionTimeout } from "~/components/session-timeout";
import { TranslationProvider } from "~/lib/i18n";
import { directionOf, htmlLangOf, type Language } from "~/domain/languages";
import { pageMeta } from "~/lib/meta";
import { pageKey } from "~/lib/page-key";
import { isStaffArea } from "~/lib/areas";
import { useNonce } from "~/lib/nonce";
import { csrfToken } from "~/platform/http/csrf.server";
import { languageCookie, loadResources, resolveLanguage } from "~/platform/http/i18n.server";
import { getSession } from "~/platform/http/session.server";
import appStyles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/fonts/fonts.css" },
  { rel: "stylesheet", href: appStyles },
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "icon", href: "/icons/icon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/icons/icon-180.png" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { lng, fromQuery } = await resolveLanguage(request);
  const headers = new Headers({ Vary: "Accept-Language, Cookie", ...privateNoStoreHeaders });
  if (fromQuery) headers.append("Set-Cookie", await languageCookie.serialize(lng));
  const csrf = await csrfToken(request);
  if (csrf.setCookie) headers.append("Set-Cookie", csrf.setCookie);
  // A database outage must not take the error page down with it.
  const session = await getSession(request).catch(() => null);
  const traeger = getTraeger();
  return json(
    {
      lng,
      dir: directionOf(lng),
      i18n: loadResources(lng, ["common"]),
      csrf: csrf.token,
      traeger: { name: traeger.name, jobcenterName: traeger.jobcenterName },
      session: session ? { emailVerified: session.emailVerified, idleExpiresAt: session.idleExpiresAt } : null,
    },
    { headers },
  );
}

export type RootLoaderData = typeof loader;

// Loader headers (language cookie, CSRF cookie, Vary) reach the HTML response only through here.
export const headers: HeadersFunction = ({ loaderHeaders, parentHeaders }) => {
  const merged = new Headers(parentHeaders);
  loaderHeaders.forEach((value, key) => {
    if (key.toLowerCase() === "set-cookie") merged.append(key, value);
    else merged.set(key, value);
  });
  return merged;
};

export const meta = pageMeta;

export function Layout({ children }: { children: React.ReactNode }) {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root") ?? errorPageData(error);
  const lng: Language = data?.lng ?? "de";
  const nonce = useNonce();
  return (
    <html lang={htmlLangOf(lng)} dir={directionOf(lng)} data-lng={lng}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b4f6c" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root")!;
  // Another record (path or query) mounts the page anew: no field keeps the previous record's value.
  const location = useLocation();
  const page = pageKey(location);
  return (
    <TranslationProvider lng={data.lng}>
      <SiteHeader />
      <main id="main" tabIndex={-1} className={isStaffArea(location.pathname) ? "main--staff" : undefined}>
        <Outlet key={page} />
      </main>
      <SiteFooter />
      {data.session ? <SessionTimeout idleExpiresAt={data.session.idleExpiresAt} /> : null}
      <ServiceWorker />
    </TranslationProvider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  // Without root data when an action refused the request: then the error carries it.
  const data = useRouteLoaderData<typeof loader>("root") ?? errorPageData(error);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <TranslationProvider lng={data?.lng ?? "de"} resources={data?.i18n}>
      <ErrorPage status={status} />
    </TranslationProvider>
  );
}
