import { z } from "zod";
import { getTraeger } from "~/config/traeger";
import { customerStandorte, standortById } from "~/domain/traeger/lookup";
import { accessibilitySchema, addressSchema, contactSourceSchema, openingHoursEntrySchema, transitSchema, type TraegerConfig } from "~/domain/traeger/schema";

type Standort = TraegerConfig["standorte"][number];

/** The public shape of a Standort (GET /api/v1/standorte, and the OpenAPI document). */
export const PublicStandortSchema = z
  .object({
    id: z.string().meta({ description: 'Stable id (slug), e.g. "hueckelhoven-wassenberg".' }),
    name: z.string(),
    municipalities: z.array(z.string()).meta({ description: "Names of the municipalities this Standort serves." }),
    address: addressSchema.nullable(),
    phone: z.string().nullable(),
    fax: z.string().nullable(),
    email: z.string().nullable().meta({ description: "The Standort's address, else the Träger's central one; null when unknown." }),
    openingHours: z.array(openingHoursEntrySchema).nullable().meta({ description: "Weekdays 1 (Monday) … 7 (Sunday) with opening and closing time; null when unknown." }),
    contactSource: contactSourceSchema.nullable().meta({ description: "The public page the contact data was read from, and the day; null when none." }),
    accessibility: accessibilitySchema,
    transit: transitSchema.nullable().meta({ description: "Bus and rail lines with the date they describe; null when unknown or marked outdated by the Träger." }),
    traegerPhone: z.string().nullable().meta({ description: "The Träger's general phone number (a way to reach a person when the Standort has none); null when unknown." }),
  })
  .meta({ id: "PublicStandort", description: "A Standort open to customers." });

export const StandortListSchema = z.object({ items: z.array(PublicStandortSchema) });

export type PublicStandort = z.output<typeof PublicStandortSchema>;

/** What the public sees of a Standort: customer sites only, with municipality names. */
export function publicStandort(traeger: TraegerConfig, standort: Standort): PublicStandort {
  const names = new Map(traeger.municipalities.map((m) => [m.id, m.name]));
  return {
    id: standort.id,
    name: standort.name,
    municipalities: standort.municipalities.map((id) => names.get(id) ?? id),
    address: standort.address ?? null,
    phone: standort.phone ?? null,
    fax: standort.fax ?? null,
    email: standort.email ?? traeger.centralEmail ?? null,
    openingHours: standort.openingHours ?? traeger.openingHours ?? null,
    contactSource: standort.contactSource ?? null,
    accessibility: standort.accessibility,
    transit: standort.transit && !standort.transit.outdated ? standort.transit : null,
    traegerPhone: traeger.centralPhone ?? null,
  };
}

export function listPublicStandorte(): PublicStandort[] {
  const traeger = getTraeger();
  return customerStandorte(traeger).map((s) => publicStandort(traeger, s));
}

export function getPublicStandort(id: string): PublicStandort | null {
  const traeger = getTraeger();
  const standort = standortById(traeger, id);
  return standort && standort.kind === "customer" ? publicStandort(traeger, standort) : null;
}
