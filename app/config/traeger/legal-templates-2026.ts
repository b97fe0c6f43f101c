import type { LegalTemplate } from "../../domain/traeger/schema";

// Rechtsfolgenbelehrungen under the Neue Grundsicherung (from 2026-07-01), offered in the
// Kooperationsplan form of the staff inbox (issue 19 § 14). Federal law, so both Träger use the
// same wording; a Träger may replace it with its legal department's own in its configuration.
// Source: shared research note rules-2026.md ("Reductions": 30 % for three months for breaches of
// duty; missed appointments 30 % from the second; after the third, payments can stop; the
// Kooperationsplan can be made binding by Verwaltungsakt) — as reported after the Bundestag's
// vote of 2026-03-05; confirm against the promulgated text (BGBl. 2026 I). The wording of the
// appointment rules is the one the invitations already use (locales/de/appointments.json).

const SOURCE = "Neue Grundsicherung ab 01.07.2026 (§§ 15, 31, 31a, 32 SGB II n. F.); research note rules-2026.md, „Reductions“ und „Kooperationsplan“; vor Verwendung mit BGBl. 2026 I abgleichen";

export const LEGAL_TEMPLATES_2026: LegalTemplate[] = [
  {
    id: "plan-allgemein-2026",
    label: "Kooperationsplan: Pflichten und Meldeversäumnisse (ab 01.07.2026)",
    use: "plan",
    validFrom: "2026-07-01",
    source: SOURCE,
    text: [
      "Rechtsfolgenbelehrung",
      "",
      "Die in diesem Kooperationsplan vereinbarten Pflichten kann das Jobcenter durch Verwaltungsakt verbindlich festlegen (§ 15 SGB II).",
      "",
      "Pflichtverletzung (§ 31 SGB II): Kommen Sie einer festgelegten Pflicht ohne wichtigen Grund nicht nach – zum Beispiel einer Bewerbung, einer Maßnahme oder einer zumutbaren Arbeit –, wird Ihr Grundsicherungsgeld für drei Monate um 30 Prozent des für Sie maßgebenden Regelbedarfs gemindert (§ 31a SGB II).",
      "",
      "Meldeversäumnis (§ 32 SGB II): Erscheinen Sie ohne wichtigen Grund nicht zu einem Termin, führt das erste Meldeversäumnis noch nicht zu einer Minderung. Ab dem zweiten Meldeversäumnis wird Ihr Grundsicherungsgeld um 30 Prozent des für Sie maßgebenden Regelbedarfs für drei Monate gemindert. Nach dem dritten Meldeversäumnis kann die Zahlung eingestellt werden.",
      "",
      "Einen wichtigen Grund müssen Sie dem Jobcenter mitteilen und nachweisen. Bitte melden Sie sich sofort, wenn Sie eine Pflicht oder einen Termin nicht einhalten können.",
    ].join("\n"),
  },
  {
    id: "aufgabe-pflicht-2026",
    label: "Aufgabe: Pflichtverletzung (§§ 31, 31a SGB II)",
    use: "task",
    taskKinds: ["applications", "measure", "document", "other"],
    validFrom: "2026-07-01",
    source: SOURCE,
    text: "Erfüllen Sie diese Aufgabe ohne wichtigen Grund nicht, wird Ihr Grundsicherungsgeld für drei Monate um 30 Prozent des für Sie maßgebenden Regelbedarfs gemindert (§§ 31, 31a SGB II).",
  },
  {
    id: "aufgabe-termin-2026",
    label: "Aufgabe: Termin, Meldeversäumnis (§ 32 SGB II)",
    use: "task",
    taskKinds: ["appointment"],
    validFrom: "2026-07-01",
    source: SOURCE,
    text: "Erscheinen Sie ohne wichtigen Grund nicht zu diesem Termin, ist das ein Meldeversäumnis (§ 32 SGB II). Das erste führt noch nicht zu einer Minderung; ab dem zweiten wird Ihr Grundsicherungsgeld für drei Monate um 30 Prozent des maßgebenden Regelbedarfs gemindert; nach dem dritten kann die Zahlung eingestellt werden.",
  },
];
