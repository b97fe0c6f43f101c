import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { CsrfInput, ErrorSummary, RateLimitedNotice, TextField } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { parseForm } from "~/lib/validation";
import { accountHeaders, answerForm, deleteAccount, signOut } from "~/features/accounts/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

const DeleteForm = z.object({
  password: z.string("account:errors.passwordRequired").check(z.minLength(1, "account:errors.passwordRequired"), z.maxLength(1024, "account:errors.currentPasswordWrong")),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request);
  return json(await pageI18n(request, ["account"], "account:delete.title"));
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const parsed = parseForm(DeleteForm, form);
  if (!parsed.ok) return answerForm({ status: 400, errors: parsed.errors });
  const result = await deleteAccount({ session, password: parsed.data.password });
  if (!result.ok) return answerForm(result);
  return redirect("/konto/geloescht", { headers: { "Set-Cookie": await signOut(request) } });
}

export default function DeleteAccount() {
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["account", "common"]);
  return (
    <div className="page">
      <Link to="/konto" className="back-link">
        {t("delete.cancel")}
      </Link>
      <RateLimitedNotice minutes={answer?.retryMinutes} />
      <ErrorSummary errors={answer?.errors} ns="account" labels={{ password: t("delete.password") }} />
      <h1>{t("delete.title")}</h1>
      <div className="inset">
        <p>
          <strong>{t("delete.warning")}</strong>
        </p>
      </div>
      <p>{t("delete.jobcenterFiles")}</p>
      <p>
        {t("delete.exportFirst")}{" "}
        <a href="/konto/daten" download>
          {t("overview.downloadData")}
        </a>
      </p>
      <Form method="post" noValidate>
        <CsrfInput />
        <TextField
          name="password"
          type="password"
          autoComplete="current-password"
          required
          width="medium"
          label={t("delete.password")}
          hint={t("delete.passwordHint")}
          error={answer?.errors.password}
        />
        <div className="button-group">
          <button type="submit" className="button button--warning" disabled={navigation.state === "submitting"}>
            {t("delete.submit")}
          </button>
          <Link to="/konto">{t("delete.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}
