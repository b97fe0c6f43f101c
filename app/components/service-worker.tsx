import { useEffect, useRef, useState } from "react";
import type { Workbox } from "workbox-window";
import { useTranslation } from "react-i18next";
import { useRootData } from "./layout";

/**
 * Registers the service worker (workbox-window) and offers "update now" when a new version
 * waits. Also tells the worker the page language, so its offline page matches it.
 */
export function ServiceWorker() {
  const { t } = useTranslation("common");
  const lng = useRootData()?.lng ?? "de";
  const [waiting, setWaiting] = useState(false);
  const workbox = useRef<Workbox | null>(null);

  useEffect(() => {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    let cancelled = false;
    void import("workbox-window").then(({ Workbox }) => {
      if (cancelled) return;
      const wb = new Workbox("/sw.js");
      wb.addEventListener("waiting", () => setWaiting(true));
      // Reload only after the person chose "update now", never on the first install.
      wb.addEventListener("controlling", (event) => {
        if (event.isUpdate) window.location.reload();
      });
      workbox.current = wb;
      void wb.register();
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    void navigator.serviceWorker.ready.then((registration) => {
      registration.active?.postMessage({ type: "LANGUAGE", lng });
    });
  }, [lng]);

  if (!waiting) return null;
  return (
    <div className="update-banner" role="status">
      <p>{t("sw.updateAvailable")}</p>
      <button type="button" className="button" onClick={() => workbox.current?.messageSkipWaiting()}>
        {t("sw.updateNow")}
      </button>
    </div>
  );
}
