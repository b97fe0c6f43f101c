import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { StandortDetails } from "~/components/standort-details";
import { getTraeger } from "~/config/traeger";
import { findStandortForMunicipality } from "~/domain/traeger/lookup";
import { pageI18n } from "~/platform/http/page.server";
import { pageMeta } from "~/lib/meta";
import { publicStandort } from "~/features/standorte/index.server";

export const meta = pageMeta;

const Query = z.object({ ort: z.string().trim().max(100, "standorte:find.tooLong").optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await pageI18n(request, ["standorte"], "standorte:find.title");
  const traeger = getTraeger();
  const municipalities = traeger.municipalities.map((m) => m.name).sort((a, b) => a.localeCompare(b, "de"));
  const base = { ...page, traegerName: traeger.name, municipalities };
  const params = Object.fromEntries(new URL(request.url).searchParams);
  if (!("ort" in params)) return json({ ...base, query: null, result: null, error: null });
  const parsed = Query.safeParse(params);
  if (!parsed.success) return json({ ...base, query: params.ort, result: null, error: parsed.error.issues[0].message }, { status: 400 });
  const query = parsed.data.ort ?? "";
  if (!query) return json({ ...base, query, result: null, error: "standorte:find.empty" }, { status: 400 });
  const found = findStandortForMunicipality(traeger, query);
  const result = found.kind === "found" ? { kind: "found" as const, municipality: found.municipality.name, standort: publicStandort(traeger, found.standort) } : { kind: "outside" as const };
  return json({ ...base, query, result, error: null });
}

export default function FindStandort() {
  const { query, result, error, municipalities, traegerName } = useLoaderData<typeof loader>();
  const { t } = useTranslation("standorte");
  return (
    <div className="page">
      <ErrorSummary errors={{ ort: error ?? undefined }} />
      <h1>{t("find.title")}</h1>
      <Form method="get">
        <TextField
          name="ort"
          label={t("find.label")}
          hint={t("find.hint", { example: municipalities[0] })}
          error={error ?? undefined}
          defaultValue={query}
          autoComplete="address-level2"
          width="medium"
        />
        <button type="submit" className="button">
          {t("find.submit")}
        </button>
      </Form>
      <div aria-live="polite">
        {result?.kind === "found" ? (
          <section aria-labelledby="result-heading">
            <h2 id="result-heading">{t("find.found", { municipality: result.municipality, standort: result.standort.name })}</h2>
            <p>
              <Link to={`/standorte/${result.standort.id}`}>{t("details")}</Link>
            </p>
            <StandortDetails standort={result.standort} headingLevel={3} />
          </section>
        ) : null}
        {result?.kind === "outside" ? (
          <section aria-labelledby="result-heading" className="notice">
            <h2 id="result-heading">{t("find.outsideTitle", { query, traeger: traegerName })}</h2>
            <p>{t("find.outsideBody")}</p>
            <p>{t("find.outsideList", { traeger: traegerName })}</p>
            <ul lang="de">
              {municipalities.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}
