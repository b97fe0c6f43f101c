import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "./forms";

const WARN_BEFORE_MS = 2 * 60_000;

/**
 * Warns two minutes before the idle timeout ends the session and lets the person stay signed
 * in. Answers are saved on the server page by page, so nothing typed before the last page is lost.
 */
export function SessionTimeout({ idleExpiresAt }: { idleExpiresAt: string }) {
  const { t } = useTranslation("common");
  const fetcher = useFetcher<{ idleExpiresAt: string }>();
  const [now, setNow] = useState(() => Date.now());
  const dialog = useRef<HTMLDialogElement>(null);

  // The later of the page's value and the last "stay signed in" answer (the idle end only moves forward).
  const keptUntil = fetcher.data?.idleExpiresAt;
  const expiresAt = Math.max(Date.parse(idleExpiresAt), keptUntil ? Date.parse(keptUntil) : 0);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 5_000);
    return () => window.clearInterval(timer);
  }, []);

  const remaining = expiresAt - now;
  const warn = remaining <= WARN_BEFORE_MS && remaining > 0;
  const expired = remaining <= 0;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if ((warn || expired) && !element.open) element.showModal();
    if (!warn && !expired && element.open) element.close();
  }, [warn, expired]);

  const minutes = Math.max(1, Math.ceil(remaining / 60_000));
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="session-timeout-title">
      <h2 id="session-timeout-title">{expired ? t("session.expiredTitle") : t("session.warningTitle")}</h2>
      <p>{expired ? t("session.expiredBody") : t("session.warningBody", { count: minutes })}</p>
      {expired ? (
        <a className="button" href="/anmelden">
          {t("session.signInAgain")}
        </a>
      ) : (
        <fetcher.Form method="post" action="/konto/sitzung">
          <CsrfInput />
          <button type="submit" className="button">
            {t("session.staySignedIn")}
          </button>
        </fetcher.Form>
      )}
    </dialog>
  );
}
