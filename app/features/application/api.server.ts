import { z } from "zod";
import { noStoreHeaders } from "~/platform/http/cache-control.server";
import { getTraeger } from "~/config/traeger";
import {
  applicableSections,
  CIRCUMSTANCES,
  derivedMembers,
  extraNeedKinds,
  HEALTH_INSURANCE_KINDS,
  HOUSING_KINDS,
  INCOME_KINDS,
  householdRelatives,
  insuredPersons,
  personIds,
  RELATIONSHIPS,
  LEGACY_RELATIONSHIPS,
  SEXES,
  FAMILY_STATUSES,
  RESIDENCE_DOCUMENTS,
  DISABILITY_MARKS,
  detailQuestions,
  ageOf,
  nationalityKeyOf,
  selfEmployedPersons,
  type ApplicationData,
  type ExtraNeedsData,
  type IncomeKind,
} from "~/domain/application/model";
import { CATEGORY_GERMAN, DOCUMENT_CATEGORIES, PROCESSING_STATUS_GERMAN, PROCESSING_STATUSES } from "~/domain/application/documents";
import {
  apiJson,
  apiNotFound,
  applyKeyset,
  auditApi,
  IDEMPOTENCY_KEY_PARAMETER,
  knownValue,
  methodNotAllowed,
  PAGINATION_PARAMETERS,
  pageSchema,
  parseJsonBody,
  parsePageRequest,
  parseQuery,
  problem,
  requireApiKey,
  toPage,
  withIdempotency,
} from "~/platform/api/api.server";
import {
  createDocumentRequest,
  documentRequests,
  documentReviews,
  handedOverChecklist,
  isAttachmentOf,
  reviewAttachment,
  setProcessingStatus,
  statusHistory,
  submittedAttachments,
  type BackOfficeAttachment,
  type DocumentRequest,
  type DocumentReview,
} from "./application-documents.server";
import { berlinDay } from "~/domain/application/dates";
import { documentResponse, readDocumentForBackOffice } from "~/features/documents/index.server";
import { applicationPdf, pdfFilename } from "./pdf.server";
import { applicationById, type ApplicationRecord, type ApplicationRow } from "./records.server";
import { isLanguage } from "~/domain/languages";
import { getDb } from "~/platform/db/db.server";
import { apiSection, bearer, jsonWriteProblems, problemResponse, problemResponses } from "~/platform/api/openapi.server";

// Back-office side of the online application (contract backoffice-api.md, "Applications"):
// GET /api/v1/applications, GET /api/v1/applications/{id}, GET /api/v1/applications/{id}/pdf,
// scope applications:read. Every call is audited (ids and counts only). A draft is listed with
// its metadata (the Antragsdatum is secured), its answers only once the person submitted.

const READ = "applications:read" as const;
const WRITE = "applications:write" as const;

const StatusSchema = z.enum(["draft", "submitted"]).meta({
  description: '`draft`: the person pressed "apply now" (the Antragsdatum is secured) and is still filling in the application; `submitted`.',
});

const MetadataSchema = z.object({
  traeger: z.string().meta({ description: "Träger id, e.g. `heinsberg`." }),
  standortId: z.string().nullable().meta({ description: "The responsible Standort (from the address; `id` of GET /api/v1/standorte); null until the address is entered." }),
  antragsdatum: z.iso.date().meta({ description: 'Antragsdatum (§ 37 SGB II): the German calendar day of "apply now".' }),
  createdAt: z.iso.datetime(),
  submittedAt: z.iso.datetime().nullable(),
  language: z.string().meta({ description: "The portal language the person used." }),
  schemaVersion: z.int().meta({ description: "Version of `data`'s structure." }),
});

const MemberSchema = z.object({
  id: z.string().meta({ description: "`p1` is the applicant (Antragsteller/in, representative of the BG, § 38 SGB II)." }),
  role: z.enum(["applicant", ...RELATIONSHIPS, ...LEGACY_RELATIONSHIPS]).meta({
    description:
      "Verhältnis zur antragstellenden Person: applicant; spouse (Ehegatte/Ehegattin), registeredPartner (eingetragene Lebenspartnerschaft), unmarriedPartner (Partner/in in Verantwortungs- und Einstehensgemeinschaft, Anlage VE), child (eigenes Kind), stepChild (Kind der Partnerin/des Partners), fosterChild (Pflegekind), parent (Elternteil), relative (andere Verwandte/Verschwägerte, Haushaltsgemeinschaft § 9 Abs. 5), unrelated (nicht verwandt, Wohngemeinschaft). Applications before 2026-12 may carry `partner` (Ehe-/Lebenspartner/in, not refined) or `other` (andere Person).",
  }),
  firstName: z.string().meta({ description: "Vorname" }),
  lastName: z.string().meta({ description: "Familienname" }),
  birthDate: z.iso.date().meta({ description: "Geburtsdatum" }),
  age: z.int().meta({ description: "Alter am Antragsdatum" }),
  u25: z.boolean().meta({ description: "Unter 25 Jahre am Antragsdatum (U25)." }),
  paragraph15a: z.boolean().meta({ description: "§ 15a SGB II: 15 or older and no SGB II / SGB III benefits in the last 24 months (Sofortangebot)." }),
  anlage: z.enum(["HA", "WEP", "KI", "HG"]).nullable().meta({
    description:
      "Vordruck: HA (Hauptantrag), Anlage WEP (weitere Person ab 15), Anlage KI (Kind unter 15), Anlage HG (Verwandte im Haushalt außerhalb der Bedarfsgemeinschaft); null for someone in the household who is in neither (Pflegekind, Mitbewohner/in).",
  }),
  householdStatus: z.enum(["bg", "hg", "none"]).meta({
    description:
      "bg: Bedarfsgemeinschaft (§ 7 Abs. 3 SGB II); hg: Haushaltsgemeinschaft mit Verwandten/Verschwägerten (§ 9 Abs. 5); none: weder noch (Pflegekind, nicht verwandte Mitbewohner). The portal sorts, the Jobcenter decides.",
  }),
  priorBenefits: z.boolean().meta({ description: "Leistungen nach SGB II oder SGB III in den letzten 24 Monaten." }),
  sex: z.enum(SEXES).nullable().meta({ description: "Geschlecht: female (weiblich), male (männlich), diverse (divers), unspecified (ohne Angabe). null: not asked (applications before 2026-12)." }),
  birthName: z.string().nullable().meta({ description: "Geburtsname, sofern abweichend; null: the same as the family name, or not asked (then `sex` is null as well)." }),
  birthPlace: z.string().nullable().meta({ description: "Geburtsort; null: not asked (applications before 2026-12)." }),
  birthCountry: z.string().nullable().meta({ description: "Geburtsland; null: not asked." }),
  nationality: z.string().nullable().meta({ description: "Staatsangehörigkeit, German name (the applicant's also in `applicant.nationality`); null: not asked." }),
  nationalityKey: z.string().nullable().meta({ description: "Staatsangehörigkeitsschlüssel (Destatis, 3 digits, 000 = deutsch); null: not asked or free text of older applications." }),
  residence: z
    .object({
      document: z.enum(RESIDENCE_DOCUMENTS).meta({
        description:
          "Aufenthaltsdokument: residencePermit (Aufenthaltserlaubnis / Aufenthaltstitel), settlementPermit (Niederlassungserlaubnis), euLongTermResidence (Erlaubnis zum Daueraufenthalt-EU), temporaryProtection (Aufenthaltserlaubnis zum vorübergehenden Schutz, § 24 AufenthG), asylumPermission (Aufenthaltsgestattung), toleration (Duldung), fictionCertificate (Fiktionsbescheinigung), euFreedomOfMovement (Freizügigkeit EU/EWR/Schweiz), none (kein Dokument).",
      }),
      validUntil: z.iso.date().nullable().meta({ description: "Gültig bis; null for documents without a validity (Niederlassungserlaubnis, Daueraufenthalt-EU, Freizügigkeit, none)." }),
      entryDate: z.iso.date().meta({ description: "Einreisedatum (for someone born in Germany: the birth date)." }),
      azrNumber: z.string().nullable().meta({ description: "AZR-Nummer (Ausländerzentralregister, 12 digits) as the person gave it; null: not given (optional)." }),
    })
    .nullable()
    .meta({ description: "Aufenthaltsstatus, asked only without German nationality; null: German, or not asked." }),
  familyStatus: z.enum(FAMILY_STATUSES).nullable().meta({
    description:
      "Familienstand, asked from 18: single (ledig), married (verheiratet), registeredPartnership (eingetragene Lebenspartnerschaft), separated (dauernd getrennt lebend), divorced (geschieden), widowed (verwitwet), partnershipDissolved (Lebenspartnerschaft aufgehoben), partnerDeceased (Lebenspartner/in verstorben). null: under 18 or not asked.",
  }),
  familyStatusSince: z.iso.date().nullable().meta({ description: "Familienstand seit; null when `familyStatus` is single or null." }),
  ableToWork: z.boolean().nullable().meta({ description: "Erwerbsfähig: kann mindestens drei Stunden täglich arbeiten (§ 8 SGB II), self-assessment; asked from 15, null: under 15 or not asked." }),
  incapacity: z.boolean().nullable().meta({ description: "Zurzeit arbeitsunfähig (krankgeschrieben); asked from 15, null: under 15 or not asked." }),
  disabilityRecognised: z.boolean().nullable().meta({ description: "Grad der Behinderung festgestellt (Bescheid oder Schwerbehindertenausweis); null: not asked." }),
  gdb: z.int().nullable().meta({ description: "Grad der Behinderung (20–100); null exactly when `disabilityRecognised` is not true." }),
  marks: z.array(z.enum(DISABILITY_MARKS)).nullable().meta({ description: "Merkzeichen (G, aG, H, Bl, Gl, TBl, B, RF); empty: none; null exactly when `disabilityRecognised` is not true." }),
  institution: z.boolean().nullable().meta({ description: "Aufenthalt in einer stationären Einrichtung (Krankenhaus, Reha, Pflege, Justizvollzug; § 7 Abs. 4 SGB II); null: not asked." }),
});

/** The member's answers of the details page, typed for the API; every field null when the page was not answered (older applications). */
function presentDetails(d: ApplicationData, id: string, antragsdatum: string) {
  const p = d.persons?.[id];
  if (!p)
    return {
      sex: null,
      birthName: null,
      birthPlace: null,
      birthCountry: null,
      nationality: id === "p1" ? (d.personal?.nationality ?? null) : null,
      nationalityKey: id === "p1" ? (d.personal?.nationalityKey ?? null) : null,
      residence: null,
      familyStatus: null,
      familyStatusSince: null,
      ableToWork: null,
      incapacity: null,
      disabilityRecognised: null,
      gdb: null,
      marks: null,
      institution: null,
    };
  const key = id === "p1" ? nationalityKeyOf(d, id) : (p.nationalityKey ?? null);
  const q = detailQuestions(ageOf(d, id, antragsdatum) ?? 0, key);
  return {
    sex: p.sex,
    birthName: p.birthName,
    birthPlace: p.birthPlace,
    birthCountry: p.birthCountry,
    nationality: id === "p1" ? (d.personal?.nationality ?? null) : (p.nationality ?? null),
    nationalityKey: key,
    residence: q.residence && p.residence ? { ...p.residence, azrNumber: p.residence.azrNumber ?? null } : null,
    familyStatus: q.familyStatus ? (p.familyStatus?.status ?? null) : null,
    familyStatusSince: q.familyStatus ? (p.familyStatus?.since ?? null) : null,
    ableToWork: q.work ? p.ableToWork : null,
    incapacity: q.work ? p.incapacity : null,
    disabilityRecognised: p.disabilityRecognised,
    gdb: p.disability?.gdb ?? null,
    marks: p.disability ? p.disability.marks : null,
    institution: p.institution,
  };
}

const categoryDescription = `Document category (stable id). German meaning: ${DOCUMENT_CATEGORIES.map((c) => `\`${c}\` ${CATEGORY_GERMAN[c]}`).join("; ")}.`;
const CategorySchema = z.enum(DOCUMENT_CATEGORIES).meta({ description: categoryDescription });

const AttachmentSchema = z.object({
  id: z.string().meta({ description: "Attachment id; GET /api/v1/applications/{id}/attachments/{attachmentId} for the file." }),
  category: CategorySchema,
  item: z.string().nullable().meta({ description: "Checklist item (`<category>` or `<category>.<memberId>`); null for an upload against a document request." }),
  memberId: z.string().nullable().meta({ description: "The member the proof is for (null: the household or a request)." }),
  documentRequestId: z.string().nullable().meta({ description: "The document request this answers, if any." }),
  filename: z.string().meta({ description: "Dateiname as the person's device named it (display only)." }),
  mediaType: z.string().meta({ description: "`image/jpeg` (photos are re-encoded, metadata removed) or `application/pdf`." }),
  size: z.int().meta({ description: "Bytes." }),
  sha512: z.string().meta({ description: "SHA-512 (hex) of the file as GET …/attachments/{attachmentId} returns it." }),
  submittedAt: z.iso.datetime().meta({ description: "When the document was handed to the Jobcenter (with the application, or later)." }),
  review: z
    .object({
      decision: z.enum(["accepted", "rejected"]).meta({ description: "`accepted`, or `rejected` (the person is asked for it again)." }),
      reason: z.string().nullable().meta({ description: "Why it was rejected, as the person reads it." }),
      at: z.iso.datetime(),
    })
    .nullable()
    .meta({ description: "The back office's review (POST …/attachments/{attachmentId}/review), null while none." }),
});

const ChecklistItemSchema = z.object({
  item: z.string().meta({ description: "`<category>` or `<category>.<memberId>`." }),
  category: CategorySchema,
  german: z.string().meta({ description: "Bezeichnung des Nachweises." }),
  memberId: z.string().nullable(),
  required: z.boolean().meta({ description: "False for `other` (freiwillig)." }),
  status: z
    .enum(["missing", "uploaded", "requested", "optional"])
    .meta({ description: "missing (fehlt), uploaded (liegt vor), requested (erneut angefordert: an open document request of this category), optional." }),
  attachmentIds: z.array(z.string()),
});

const ProcessingStatusSchema = z.enum(PROCESSING_STATUSES).meta({
  description: `Bearbeitungsstand the person sees: ${PROCESSING_STATUSES.map((s) => `\`${s}\` ${PROCESSING_STATUS_GERMAN[s]}`).join("; ")}. \`eingegangen\` is set by the submission itself.`,
});

const StatusEventSchema = z.object({
  id: z.string(),
  status: ProcessingStatusSchema,
  message: z.string().nullable().meta({ description: "Nachricht an die antragstellende Person." }),
  at: z.iso.datetime(),
});

const DocumentRequestSchema = z.object({
  id: z.string(),
  category: CategorySchema,
  description: z.string().meta({ description: "What exactly is needed (shown to the person as written)." }),
  dueDate: z.iso.date().meta({ description: "Frist" }),
  status: z.enum(["open", "answered"]).meta({ description: "`answered` once the person uploaded against it." }),
  createdAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().nullable(),
});

const money = z.number().meta({ description: "Euro per month." });

// The Anlagen only some households need; each is null when the answers did not require it.
const euro = z.number().meta({ description: "Euro." });
const AnlagenSchema = z
  .object({
    circumstances: z.array(z.enum(CIRCUMSTANCES)).meta({
      description:
        "Besondere Lebenslagen, as ticked: assets (Vermögen über dem Freibetrag der Karenzzeit), insurance (privat/nicht krankenversichert oder von der RV befreit), pregnancy (Schwangerschaft), disability (Behinderung mit Eingliederungshilfe/Teilhabe), diet (kostenaufwändige Ernährung), hotWater (dezentrale Warmwassererzeugung), separated (getrennt lebend/geschieden). Empty: nichts davon (Selbstauskunft: kein erhebliches Vermögen).",
    }),
    vm: z
      .object({
        savings: euro.nullable().meta({ description: "Bank- und Sparguthaben, Bargeld, Bausparverträge" }),
        securities: euro.nullable().meta({ description: "Wertpapiere, Aktien, Fonds" }),
        insurance: euro.nullable().meta({ description: "Lebens- und Rentenversicherungen (Rückkaufswert)" }),
        vehicles: euro.nullable().meta({ description: "Kraftfahrzeuge (Verkehrswert)" }),
        property: euro.nullable().meta({ description: "Haus- und Grundeigentum (Verkehrswert)" }),
        ownHome: z.boolean().meta({ description: "Selbst genutztes Wohneigentum (in der Karenzzeit nicht berücksichtigt)" }),
        other: euro.nullable().meta({ description: "Sonstiges Vermögen, Wertgegenstände" }),
      })
      .nullable()
      .meta({ description: "Anlage VM (Vermögen), for the household; asked only when erhebliches Vermögen was declared." }),
    uh: z
      .object({
        receives: z.boolean().meta({ description: "Answer to „Erhalten Sie Unterhalt?“: true = yes, false = no (the question was asked whenever `uh` is not null)." }),
        received: money.nullable().meta({ description: "Erhaltener Unterhalt (monatlich); null exactly when `receives` is false" }),
        pays: z.boolean().meta({ description: "Answer to „Zahlen Sie Unterhalt?“: true = yes, false = no." }),
        paid: money.nullable().meta({ description: "Gezahlter Unterhalt (monatlich); null exactly when `pays` is false" }),
        title: z.boolean().meta({ description: "Unterhaltstitel vorhanden (Urteil, Jugendamtsurkunde)" }),
      })
      .nullable()
      .meta({ description: "Anlage UH (Unterhalt): single parent or getrennt lebend/geschieden." }),
    sv: z
      .array(
        z.object({
          memberId: z.string(),
          kind: z.enum(HEALTH_INSURANCE_KINDS).meta({ description: "Krankenversicherung: statutory (gesetzlich), private (privat), none (nicht versichert)" }),
          insurer: z.string().nullable().meta({ description: "Krankenkasse / Versicherungsunternehmen" }),
          rvnr: z.string().nullable().meta({ description: "Rentenversicherungsnummer (Format und Prüfziffer geprüft)" }),
        }),
      )
      .nullable()
      .meta({ description: "Anlage SV (Sozialversicherung), per member of 15 and over." }),
    meb: z
      .object({
        pregnancy: z
          .object({ memberId: z.string(), dueDate: z.iso.date().meta({ description: "Voraussichtlicher Entbindungstermin" }) })
          .nullable()
          .meta({ description: "Mehrbedarf bei Schwangerschaft (§ 21 Abs. 2), ab der 13. SSW" }),
        singleParent: z
          .object({ soleCare: z.boolean().meta({ description: "Alleinige Pflege und Erziehung" }) })
          .nullable()
          .meta({ description: "Mehrbedarf für Alleinerziehende (§ 21 Abs. 3)" }),
        disability: z
          .object({ memberId: z.string(), measure: z.string().meta({ description: "Eingliederungshilfe / Leistung zur Teilhabe" }) })
          .nullable()
          .meta({ description: "Mehrbedarf bei Behinderung (§ 21 Abs. 4)" }),
        diet: z
          .object({ memberId: z.string(), illness: z.string().meta({ description: "Erkrankung" }) })
          .nullable()
          .meta({ description: "Kostenaufwändige Ernährung (§ 21 Abs. 5, Anlage MEB)" }),
        hotWater: z
          .object({ device: z.string().meta({ description: "Gerät (Boiler, Durchlauferhitzer)" }) })
          .nullable()
          .meta({ description: "Dezentrale Warmwassererzeugung (§ 21 Abs. 7)" }),
      })
      .nullable()
      .meta({ description: "Mehrbedarfe (Hauptantrag / Anlage MEB)." }),
    eks: z
      .array(
        z.object({
          memberId: z.string(),
          business: z.string().meta({ description: "Art der selbstständigen Tätigkeit" }),
          revenue: money.meta({ description: "Voraussichtliche Betriebseinnahmen (Monatsdurchschnitt der nächsten 6 Monate)" }),
          expenses: money.meta({ description: "Voraussichtliche Betriebsausgaben (Monatsdurchschnitt der nächsten 6 Monate)" }),
        }),
      )
      .nullable()
      .meta({ description: "Anlage EKS (vorläufig, vereinfacht), per self-employed member." }),
    ve: z
      .object({
        overOneYear: z.boolean().meta({ description: "Zusammenleben länger als ein Jahr (§ 7 Abs. 3a Nr. 1)" }),
        jointChild: z.boolean().meta({ description: "Gemeinsames Kind im Haushalt (§ 7 Abs. 3a Nr. 2)" }),
        caring: z.boolean().meta({ description: "Versorgung von Kindern oder Angehörigen im Haushalt (§ 7 Abs. 3a Nr. 3)" }),
        sharedMoney: z.boolean().meta({ description: "Befugnis, über Einkommen oder Vermögen des anderen zu verfügen (§ 7 Abs. 3a Nr. 4)" }),
      })
      .nullable()
      .meta({
        description:
          "Anlage VE (Verantwortungs- und Einstehensgemeinschaft, § 7 Abs. 3 Nr. 3c SGB II): Partnerin/Partner im Haushalt, nicht verheiratet und nicht verpartnert. Angaben der antragstellenden Person zu den Vermutungstatbeständen; die Prüfung obliegt dem Jobcenter.",
      }),
    hg: z
      .object({
        memberIds: z.array(z.string()).meta({ description: "Verwandte/Verschwägerte im Haushalt außerhalb der Bedarfsgemeinschaft (Mitglieder-IDs)" }),
        supports: z.boolean().meta({ description: "Answer to „Unterstützen diese Personen Sie?“: true = yes, false = no." }),
        support: money.nullable().meta({ description: "Unterstützung durch diese Personen (Geld- oder Sachleistungen, monatlich); null exactly when `supports` is false" }),
        income: money.nullable().meta({ description: "Eigenes Nettoeinkommen dieser Personen zusammen (monatlich); null: nicht bekannt" }),
      })
      .nullable()
      .meta({ description: "Anlage HG (Haushaltsgemeinschaft mit Verwandten/Verschwägerten, § 9 Abs. 5 SGB II), vereinfacht." }),
  })
  .meta({ description: "Die Anlagen VM, UH, SV, MEB, EKS, VE, HG: each null when the answers did not require it." });

function presentAnlagen(d: ApplicationData): z.input<typeof AnlagenSchema> {
  const applies = new Set(applicableSections(d));
  const kinds = new Set(extraNeedKinds(d));
  const need = <K extends keyof ExtraNeedsData>(k: K): NonNullable<ExtraNeedsData[K]> | null => (kinds.has(k) ? (d.extraNeeds?.[k] ?? null) : null);
  const meb = d.extraNeeds;
  return {
    circumstances: d.circumstances?.items ?? [],
    vm: applies.has("assets") ? (d.assets ?? null) : null,
    // Answers are explicit: "no" is false, null only where the question was not asked (the whole Anlage).
    uh:
      applies.has("maintenance") && d.maintenance
        ? { receives: d.maintenance.received !== null, received: d.maintenance.received, pays: d.maintenance.paid !== null, paid: d.maintenance.paid, title: d.maintenance.title }
        : null,
    sv: applies.has("insurance") ? insuredPersons(d).flatMap((id) => (d.insurance?.[id] ? [{ memberId: id, ...d.insurance[id] }] : [])) : null,
    meb: applies.has("extraNeeds") && meb ? { pregnancy: need("pregnancy"), singleParent: need("singleParent"), disability: need("disability"), diet: need("diet"), hotWater: need("hotWater") } : null,
    ve: applies.has("partnership") ? (d.partnership ?? null) : null,
    hg: applies.has("relatives") && d.relatives ? { memberIds: householdRelatives(d), supports: d.relatives.support !== null, ...d.relatives } : null,
    eks: applies.has("selfEmployment") ? selfEmployedPersons(d).flatMap((id) => (d.selfEmployment?.[id] ? [{ memberId: id, ...d.selfEmployment[id] }] : [])) : null,
  };
}

export const DataSchema = z
  .object({
    applicant: z
      .object({
        memberId: z.literal("p1"),
        nationality: z.string().meta({ description: "Staatsangehörigkeit, German name (free text in applications started before the list, 2026-12)" }),
        nationalityKey: z.string().nullable().meta({ description: "Staatsangehörigkeitsschlüssel (Destatis, 3 digits, e.g. 475 = syrisch); null for free text of older applications" }),
        street: z.string().meta({ description: "Straße und Hausnummer" }),
        postalCode: z.string().meta({ description: "Postleitzahl" }),
        municipality: z.string().meta({ description: "Wohnort" }),
        phone: z.string().nullable().meta({ description: "Telefon" }),
      })
      .meta({ description: "Hauptantrag: Angaben zur antragstellenden Person (Anschrift, Kontakt)." }),
    members: z.array(MemberSchema).meta({ description: "Bedarfsgemeinschaft: all members, the applicant first, with U25 / § 15a flags." }),
    housing: z
      .object({
        kind: z.enum(HOUSING_KINDS).meta({ description: "rent (Miete), own (Eigentum), free (ohne eigene Kosten)." }),
        coldRent: money.nullable().meta({ description: "Kaltmiete (Grundmiete)" }),
        utilities: money.nullable().meta({ description: "Nebenkosten" }),
        heating: money.nullable().meta({ description: "Heizkosten" }),
        size: z.number().nullable().meta({ description: "Wohnfläche in m²" }),
      })
      .meta({ description: "Anlage KDU (Kosten der Unterkunft und Heizung), in short." }),
    income: z
      .array(
        z.object({
          memberId: z.string(),
          hasIncome: z.boolean(),
          amounts: z.partialRecord(z.enum(INCOME_KINDS), money).meta({
            description:
              "employment (Lohn/Gehalt, netto), selfEmployment (Gewinn aus Selbstständigkeit), unemploymentBenefit (ALG I/Krankengeld), pension (Rente), childBenefit (Kindergeld), maintenance (Unterhalt/UVG), other.",
          }),
        }),
      )
      .meta({ description: "Anlage EK (Einkommen), in short: per member." }),
    bank: z.object({ accountHolder: z.string().meta({ description: "Kontoinhaber/in" }), iban: z.string().meta({ description: "IBAN (checksum verified)" }) }).meta({ description: "Bankverbindung" }),
    anlagen: AnlagenSchema,
    documents: z.array(ChecklistItemSchema).meta({ description: "Checkliste der Nachweise: derived from the answers, with what is present (handed over) and what is missing." }),
    declaration: z
      .object({
        version: z.string().meta({ description: "Fassung der Erklärung (the German text of the check page; see `sha256`)." }),
        sha256: z.string().meta({ description: "SHA-256 (hex) of the German declaration text confirmed." }),
        confirmedAt: z.iso.datetime().meta({ description: "Bestätigt am: when the person submitted with the declaration ticked." }),
        confirmedBy: z.string().meta({ description: "Member id of the person who confirmed (`p1`, the applicant, signed in to her own account)." }),
        language: z.string().meta({ description: "The language the page showed the text in (the binding text is German)." }),
      })
      .nullable()
      .meta({ description: "Erklärung der antragstellenden Person; null for applications submitted before 2026-12 (the declaration was required, its version not recorded)." }),
    choices: z.object({
      documentsDigital: z.boolean().meta({ description: "The Jobcenter may receive and process documents digitally." }),
      decisionsDigital: z.boolean().meta({ description: "Decisions (Bescheide) digitally in the portal; false: by post (the default)." }),
    }),
  })
  .meta({ description: "The answers (German field meanings in each description)." });

export const ApplicationSummarySchema = z.object({
  id: z.string(),
  reference: z.string().meta({ description: "The number the person sees, e.g. A-7KQ4-M2XD." }),
  status: StatusSchema,
  metadata: MetadataSchema,
});

export const ApplicationSchema = ApplicationSummarySchema.extend({
  data: DataSchema.nullable().meta({ description: "Null while the application is a draft." }),
  attachments: z.array(AttachmentSchema).meta({ description: "Documents handed to the Jobcenter (uploads of a draft appear once it is submitted)." }),
  processing: z
    .object({ status: ProcessingStatusSchema, since: z.iso.datetime(), history: z.array(StatusEventSchema) })
    .nullable()
    .meta({ description: "Bearbeitungsstand (null while a draft)." }),
  documentRequests: z.array(DocumentRequestSchema).meta({ description: "Nachforderungen of documents, oldest first." }),
});

export const ApplicationListSchema = pageSchema(ApplicationSummarySchema);

type SummaryFields = Pick<ApplicationRecord, "id" | "reference" | "status" | "traegerId" | "standortId" | "antragsdatum" | "createdAt" | "submittedAt" | "language" | "schemaVersion">;

/** The list needs no answers: read the columns, without opening the sealed data of every row. */
function summaryFields(row: ApplicationRow): SummaryFields {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    traegerId: row.traeger_id,
    standortId: row.standort_id,
    antragsdatum: row.antragsdatum,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    language: isLanguage(row.language) ? row.language : "de",
    schemaVersion: Number(row.schema_version),
  };
}

function summary(a: SummaryFields): z.input<typeof ApplicationSummarySchema> {
  return {
    id: a.id,
    reference: a.reference,
    status: a.status,
    metadata: {
      traeger: a.traegerId,
      standortId: a.standortId,
      antragsdatum: a.antragsdatum,
      createdAt: a.createdAt,
      submittedAt: a.submittedAt,
      language: a.language,
      schemaVersion: a.schemaVersion,
    },
  };
}

export interface ApplicationExtras {
  attachments: BackOfficeAttachment[];
  reviews?: ReadonlyMap<string, DocumentReview>;
  history: Array<{ id: string; status: (typeof PROCESSING_STATUSES)[number]; message: string | null; at: string }>;
  requests: DocumentRequest[];
}

export async function applicationExtras(a: ApplicationRecord): Promise<ApplicationExtras> {
  const db = await getDb();
  const [attachments, history, requests, reviews] = await Promise.all([submittedAttachments(db, a.id), statusHistory(db, a), documentRequests(db, a.id), documentReviews(db, a.id)]);
  return { attachments, history, requests, reviews };
}

export function presentApplication(a: ApplicationRecord, extras: ApplicationExtras = { attachments: [], history: [], requests: [] }): z.output<typeof ApplicationSchema> {
  const d = a.data;
  const submitted = a.status === "submitted" && d.personal && d.housing && d.bank;
  const priorById = new Map<string, boolean>([["p1", d.personal?.priorBenefits ?? false], ...(d.household?.members ?? []).map((m) => [m.id, m.priorBenefits ?? false] as [string, boolean])]);
  return ApplicationSchema.parse({
    ...summary(a),
    data: submitted
      ? {
          applicant: {
            memberId: "p1",
            nationality: d.personal!.nationality,
            nationalityKey: d.personal!.nationalityKey ?? null,
            street: d.personal!.street,
            postalCode: d.personal!.postalCode,
            municipality: d.personal!.municipality,
            phone: d.personal!.phone,
          },
          members: derivedMembers(d, a.antragsdatum).map((m) => ({ ...m, priorBenefits: priorById.get(m.id) ?? false, ...presentDetails(d, m.id, a.antragsdatum) })),
          housing: d.housing,
          income: personIds(d).map((id) => ({ memberId: id, hasIncome: d.income?.[id]?.hasIncome ?? false, amounts: (d.income?.[id]?.amounts ?? {}) as Partial<Record<IncomeKind, number>> })),
          bank: d.bank,
          anlagen: presentAnlagen(d),
          documents: handedOverChecklist(a, extras.attachments, extras.requests).map((e) => ({
            item: e.id,
            category: e.category,
            german: CATEGORY_GERMAN[e.category],
            memberId: e.memberId,
            required: e.required,
            status: e.status,
            attachmentIds: e.attachmentIds,
          })),
          declaration: d.declaration ?? null,
          choices: { documentsDigital: a.documentsDigital ?? false, decisionsDigital: a.decisionsDigital ?? false },
        }
      : null,
    attachments: extras.attachments.map((att) => {
      const review = extras.reviews?.get(att.id);
      return { ...att, review: review ? { decision: review.decision, reason: review.reason, at: review.at } : null };
    }),
    processing: extras.history.length ? { status: extras.history.at(-1)!.status, since: extras.history.at(-1)!.at, history: extras.history } : null,
    documentRequests: extras.requests,
  });
}

const IdParameter = { name: "id", in: "path" as const, required: true, description: "Application id.", schema: z.string() };

export const applicationsApi = apiSection();

applicationsApi.tag("Applications", "Online applications for Grundsicherungsgeld, formerly Bürgergeld (Hauptantrag and Anlagen) as people start and submit them.");

applicationsApi.operation({
  method: "get",
  path: "/api/v1/applications",
  operationId: "listApplications",
  summary: "List applications",
  description: "Scope `applications:read`. Applications in the order they were started (drafts too: their Antragsdatum is secured). Every call is recorded in the audit log.",
  tags: ["Applications"],
  security: bearer(READ),
  parameters: [
    ...PAGINATION_PARAMETERS,
    { name: "status", in: "query", description: "Only this status.", schema: StatusSchema },
    { name: "standort", in: "query", description: "Only this responsible Standort (`id` from GET /api/v1/standorte; another value is refused with 400).", schema: z.string() },
    { name: "submittedSince", in: "query", description: "Only applications submitted at or after this instant (ISO 8601).", schema: z.iso.datetime({ offset: true }) },
  ],
  responses: {
    200: { description: "The applications (metadata; GET one for the answers).", schema: ApplicationListSchema, name: "ApplicationList" },
    ...problemResponses(400, 401, 403, 429),
  },
});

applicationsApi.operation({
  method: "get",
  path: "/api/v1/applications/{id}",
  operationId: "getApplication",
  summary: "One application",
  description: "Scope `applications:read`. The whole structured application: metadata, answers (null while a draft), attachments. Audited.",
  tags: ["Applications"],
  security: bearer(READ),
  parameters: [IdParameter],
  responses: {
    200: { description: "The application.", schema: ApplicationSchema, name: "Application" },
    ...problemResponses(401, 403, 404, 429),
  },
});

applicationsApi.operation({
  method: "get",
  path: "/api/v1/applications/{id}/pdf",
  operationId: "getApplicationPdf",
  summary: "The application as a pre-filled German PDF",
  description:
    "Scope `applications:read`. Every answer, every member with U25 / § 15a flags, reference number and page numbers on every page. Only for submitted applications (409 for a draft). Audited.",
  tags: ["Applications"],
  security: bearer(READ),
  parameters: [IdParameter],
  responses: {
    200: { description: "The PDF.", schema: z.string().meta({ format: "binary" }), contentType: "application/pdf" },
    ...problemResponses(401, 403, 404),
    409: problemResponse(409, "The application is still a draft."),
    429: problemResponse(429),
  },
});

const NO_SUCH_APPLICATION = "No such application.";

/** The list's filters, checked against known values before the call is audited. */
const ApplicationListQuery = z.object({
  status: z.enum(StatusSchema.options, { error: `One of ${StatusSchema.options.join(", ")}.` }).optional(),
  standort: knownValue(() => getTraeger().standorte.map((s) => s.id), "Not a Standort of this Träger (`id` from GET /api/v1/standorte).").optional(),
  submittedSince: z.iso.datetime({ offset: true, error: "An ISO 8601 date-time, e.g. 2026-03-01T00:00:00Z." }).optional(),
});

export async function listApplications(request: Request): Promise<Response> {
  const principal = await requireApiKey(request, READ);
  const page = parsePageRequest(request);
  const { status, standort, submittedSince: since } = parseQuery(request, ApplicationListQuery);
  const db = await getDb();
  let query = db.selectFrom("applications").selectAll();
  if (status) query = query.where("status", "=", status);
  if (standort) query = query.where("standort_id", "=", standort);
  if (since) query = query.where("submitted_at", ">=", new Date(since).toISOString());
  const rows = await applyKeyset(query, page).execute();
  const result = toPage(rows, page, (r) => ({ createdAt: r.created_at, id: r.id }));
  await auditApi(principal, "application.list", "application", null, { count: result.items.length, ...(status ? { status } : {}), ...(standort ? { standort } : {}) });
  return apiJson(ApplicationListSchema.parse({ items: result.items.map((r) => summary(summaryFields(r))), nextCursor: result.nextCursor }));
}

export async function getApplication(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, READ);
  const db = await getDb();
  const application = await applicationById(db, id);
  if (!application || application.traegerId !== getTraeger().id) return apiNotFound(NO_SUCH_APPLICATION);
  const extras = await applicationExtras(application);
  await auditApi(principal, "application.read", "application", application.id, { status: application.status, attachments: extras.attachments.length });
  return apiJson(presentApplication(application, extras));
}

export async function getApplicationPdf(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, READ);
  const db = await getDb();
  const application = await applicationById(db, id);
  if (!application || application.traegerId !== getTraeger().id) return apiNotFound(NO_SUCH_APPLICATION);
  if (application.status !== "submitted") return problem(409, "Conflict", "The application is still a draft; its PDF exists once it is submitted.");
  const pdf = await applicationPdf(application);
  await auditApi(principal, "application.pdf", "application", application.id, {});
  return new Response(Buffer.from(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${pdfFilename(application)}"`, ...noStoreHeaders },
  });
}

// ---------------------------------------------------------------------------------------------
// Attachments, processing status, document requests

const AttachmentIdParameter = { name: "attachmentId", in: "path" as const, required: true, description: "Attachment id (from `attachments[]`).", schema: z.string() };

export const StatusChangeSchema = z
  .strictObject({
    status: ProcessingStatusSchema.exclude(["eingegangen"]).meta({ description: "The new Bearbeitungsstand (`eingegangen` is set by the submission)." }),
    message: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .meta({ description: "Optional message the person sees on the status page after signing in; the e-mail notice says only that there is news, with the link (no status, no message)." }),
  })
  .meta({ description: "A status change the applicant sees at once (and is told of by e-mail in their language, with German)." });

export const DocumentRequestCreateSchema = z
  .strictObject({
    category: CategorySchema,
    description: z.string().trim().min(1).max(2000).meta({ description: 'What exactly is needed, e.g. "Kontoauszüge Januar bis März 2026 aller Konten".' }),
    dueDate: z.iso.date().meta({ description: "Frist (YYYY-MM-DD), today or later." }),
  })
  .meta({ description: "Ask the applicant for a document; they see it on the status page and upload against it." });

const DocumentRequestListSchema = z.object({ items: z.array(DocumentRequestSchema) });

export const AttachmentReviewCreateSchema = z
  .strictObject({
    decision: z
      .enum(["accepted", "rejected"])
      .meta({ description: "`accepted`: the document is fine. `rejected`: the person is asked for it again (they see the item as asked again, with the reason, and get an e-mail)." }),
    reason: z.string().trim().min(1).max(2000).optional().meta({ description: "Why it is asked again, in words the person understands (required for `rejected`; ignored for `accepted`)." }),
  })
  .refine((v) => v.decision !== "rejected" || Boolean(v.reason), { path: ["reason"], message: "A reason is required when the document is asked for again." })
  .meta({ description: "The back office's review of a handed-over document." });

const AttachmentReviewSchema = z
  .object({
    attachmentId: z.string(),
    decision: z.enum(["accepted", "rejected"]),
    reason: z.string().nullable(),
    reviewedAt: z.iso.datetime(),
  })
  .meta({ description: "The current review of an attachment (one per attachment; a new decision replaces it)." });

applicationsApi.operation({
  method: "get",
  path: "/api/v1/applications/{id}/attachments/{attachmentId}",
  operationId: "getApplicationAttachment",
  summary: "One attached document (the file)",
  description:
    "Scope `applications:read`. The decrypted file as handed over; its SHA-512 equals `sha512` in `attachments[]` (also sent as `Repr-Digest`). " + "Only documents handed to the Jobcenter. Audited.",
  tags: ["Applications"],
  security: bearer(READ),
  parameters: [IdParameter, AttachmentIdParameter],
  responses: {
    200: {
      description: "The file (image/jpeg or application/pdf).",
      schema: z.string().meta({ format: "binary" }),
      contentType: "application/octet-stream",
      headers: { "Repr-Digest": { description: "RFC 9530: `sha-512=:<base64>:` of the body.", schema: z.string() } },
    },
    ...problemResponses(401, 403, 404, 429),
  },
});

applicationsApi.operation({
  method: "post",
  path: "/api/v1/applications/{id}/attachments/{attachmentId}/review",
  operationId: "reviewApplicationAttachment",
  summary: "Accept a handed-over document or ask for it again",
  description:
    "Scope `applications:write`. The applicant sees the checklist item as accepted, or as asked again with the reason (and gets an e-mail in their language, with German). " +
    "Idempotent: the same decision again changes nothing and sends no second mail; a different decision replaces the earlier one. Only documents handed to the Jobcenter. Audited.",
  tags: ["Applications"],
  security: bearer(WRITE),
  parameters: [IdParameter, AttachmentIdParameter, IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: AttachmentReviewCreateSchema, name: "AttachmentReviewCreate" },
  responses: {
    200: { description: "The attachment's current review.", schema: AttachmentReviewSchema, name: "AttachmentReview" },
    ...problemResponses(400, 401, 403, 404),
    409: problemResponse(409, "A request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

applicationsApi.operation({
  method: "post",
  path: "/api/v1/applications/{id}/status",
  operationId: "setApplicationStatus",
  summary: "Set the processing status",
  description:
    "Scope `applications:write`. The applicant sees the new status and the message on their status page at once and gets an e-mail notice in their language (with German) that carries only the reference and the link. Only submitted applications (409 for a draft). Audited.",
  tags: ["Applications"],
  security: bearer(WRITE),
  parameters: [IdParameter, IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: StatusChangeSchema, name: "ApplicationStatusChange" },
  responses: {
    200: { description: "The application with its new status.", schema: ApplicationSchema, name: "Application" },
    ...problemResponses(400, 401, 403, 404),
    409: problemResponse(409, "The application is still a draft, or a request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

applicationsApi.operation({
  method: "post",
  path: "/api/v1/applications/{id}/document-requests",
  operationId: "createDocumentRequest",
  summary: "Ask the applicant for a document",
  description:
    "Scope `applications:write`. The applicant sees the request on their status page with an upload form and gets an e-mail notice; their upload is handed over " +
    "with an `application.documents-added` event naming the request. Only submitted applications (409 for a draft). Audited.",
  tags: ["Applications"],
  security: bearer(WRITE),
  parameters: [IdParameter, IDEMPOTENCY_KEY_PARAMETER],
  requestBody: { schema: DocumentRequestCreateSchema, name: "DocumentRequestCreate" },
  responses: {
    201: { description: "The request.", schema: DocumentRequestSchema, name: "DocumentRequest" },
    ...problemResponses(400, 401, 403, 404),
    409: problemResponse(409, "The application is still a draft, or a request with the same Idempotency-Key is still running."),
    ...jsonWriteProblems(),
  },
});

applicationsApi.operation({
  method: "get",
  path: "/api/v1/applications/{id}/document-requests",
  operationId: "listDocumentRequests",
  summary: "The document requests of an application",
  description: "Scope `applications:read`. Every request, oldest first, with whether the person answered it. Audited.",
  tags: ["Applications"],
  security: bearer(READ),
  parameters: [IdParameter],
  responses: {
    200: { description: "The requests.", schema: DocumentRequestListSchema, name: "DocumentRequestList" },
    ...problemResponses(401, 403, 404, 429),
  },
});

async function loadForBackOffice(id: string): Promise<ApplicationRecord | null> {
  const db = await getDb();
  const application = await applicationById(db, id);
  return application && application.traegerId === getTraeger().id ? application : null;
}

export async function getApplicationAttachment(request: Request, id: string, attachmentId: string): Promise<Response> {
  const principal = await requireApiKey(request, READ);
  const application = await loadForBackOffice(id);
  if (!application) return apiNotFound(NO_SUCH_APPLICATION);
  const attachments = await submittedAttachments(await getDb(), application.id);
  if (!isAttachmentOf(attachments, attachmentId)) return problem(404, "Not Found", "No such attachment of this application.");
  const opened = await readDocumentForBackOffice(attachmentId, { actor: `api-key:${principal.name}`, purpose: "application-attachment" });
  if (!opened) return problem(404, "Not Found", "No such attachment of this application.");
  await auditApi(principal, "application.attachment.read", "document", attachmentId, { applicationId: application.id });
  return documentResponse(opened);
}

export async function postApplicationStatus(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, WRITE);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, StatusChangeSchema, { maxBytes: 16 * 1024 });
    const application = await loadForBackOffice(id);
    if (!application) return apiNotFound(NO_SUCH_APPLICATION);
    if (application.status !== "submitted") return problem(409, "Conflict", "The application is still a draft; its status can be set once it is submitted.");
    const event = await setProcessingStatus(application, { status: body.status, message: body.message ?? null }, `api-key:${principal.name}`);
    await auditApi(principal, "application.status", "application", application.id, { status: event.status, withNote: Boolean(body.message) });
    return apiJson(presentApplication(application, await applicationExtras(application)));
  });
}

export async function postDocumentRequest(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, WRITE);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, DocumentRequestCreateSchema, { maxBytes: 16 * 1024 });
    if (body.dueDate < berlinDay(new Date())) return problem(400, "Invalid request", "The due date lies in the past.", [{ path: "dueDate", message: "Today or later." }]);
    const application = await loadForBackOffice(id);
    if (!application) return apiNotFound(NO_SUCH_APPLICATION);
    if (application.status !== "submitted") return problem(409, "Conflict", "The application is still a draft; documents can be requested once it is submitted.");
    const created = await createDocumentRequest(application, body, `api-key:${principal.name}`);
    await auditApi(principal, "application.document-request", "application", application.id, { requestId: created.id, category: created.category, dueDate: created.dueDate });
    return apiJson(DocumentRequestSchema.parse(created), { status: 201 });
  });
}

export async function postAttachmentReview(request: Request, id: string, attachmentId: string): Promise<Response> {
  const principal = await requireApiKey(request, WRITE);
  return withIdempotency(request, principal.keyId, async () => {
    const body = await parseJsonBody(request, AttachmentReviewCreateSchema, { maxBytes: 16 * 1024 });
    const application = await loadForBackOffice(id);
    if (!application) return apiNotFound(NO_SUCH_APPLICATION);
    const result = await reviewAttachment(application, attachmentId, { decision: body.decision, reason: body.reason ?? null }, `api-key:${principal.name}`);
    if (!result.ok) return problem(404, "Not Found", "No such attachment of this application.");
    await auditApi(principal, "application.attachment.review", "document", attachmentId, { applicationId: application.id, decision: result.review.decision, changed: result.changed });
    return apiJson(AttachmentReviewSchema.parse({ attachmentId, decision: result.review.decision, reason: result.review.reason, reviewedAt: result.review.at }));
  });
}

export async function listDocumentRequests(request: Request, id: string): Promise<Response> {
  const principal = await requireApiKey(request, READ);
  const application = await loadForBackOffice(id);
  if (!application) return apiNotFound(NO_SUCH_APPLICATION);
  const items = await documentRequests(await getDb(), application.id);
  await auditApi(principal, "application.document-requests.list", "application", application.id, { count: items.length });
  return apiJson(DocumentRequestListSchema.parse({ items }));
}

export { methodNotAllowed };
