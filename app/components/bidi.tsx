import { Fragment, type ReactNode } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { latinRuns } from "~/lib/bidi";

// Isolating left-to-right runs inside Arabic and Farsi pages (issue 12, item 4): reference numbers,
// § citations, German wording, names, IBANs, amounts, e-mail addresses. <bdi> isolates its content
// from the surrounding text and takes its direction from its first strong character (dir="auto");
// <Ltr> forces left to right (codes, IBANs, § citations).

/** A value of unknown direction (a name may be Arabic or Latin): isolated, direction from its own text. */
export function Bdi({ children, lang }: { children: ReactNode; lang?: string }) {
  return <bdi lang={lang}>{children}</bdi>;
}

/** A left-to-right run (reference number, IBAN, § citation, German wording): isolated and left to right. */
export function Ltr({ children, lang }: { children: ReactNode; lang?: string }) {
  return (
    <bdi dir="ltr" lang={lang}>
      {children}
    </bdi>
  );
}

const MARK = /\uE000(\d+)\uE001/;

/**
 * A translation whose interpolated string values are isolated in <bdi>: "رقم الطلب: <bdi>A-7KQ2-9KWT</bdi>".
 * Numbers are passed on as they are (plural forms need them).
 */
export function Tx({ t, k, values }: { t: TFunction; k: string; values: Record<string, string | number | null | undefined> }) {
  const names = Object.keys(values).filter((name) => typeof values[name] === "string" && values[name] !== "");
  const params: Record<string, unknown> = { ...values };
  names.forEach((name, i) => (params[name] = `\uE000${i}\uE001`));
  const text = String(t(k, params));
  const parts = text.split(MARK);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <bdi key={i}>{values[names[Number(part)]]}</bdi> : <Fragment key={i}>{part}</Fragment>))}</>;
}

/** Translated prose that quotes German or § citations: in a right-to-left page each Latin-script run is isolated. */
export function Prose({ text }: { text: string }) {
  const { i18n } = useTranslation();
  if (i18n.dir() !== "rtl") return <>{text}</>;
  return (
    <>
      {latinRuns(text).map((part, i) =>
        part.ltr ? (
          <bdi key={i} dir="ltr">
            {part.text}
          </bdi>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
