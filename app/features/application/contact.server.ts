import { getTraeger } from "~/config/traeger";
import { standortById } from "~/domain/traeger/lookup";
import { addressLine } from "~/lib/address";
import type { ApplicationRecord } from "./records.server";

// How to reach a person from the Antrag pages (issue 12 item 11, decision 036): the Standort
// responsible for her address (set when she saves her personal details) with its address, phone
// and e-mail from the Träger configuration; before that, the Träger's general phone and e-mail
// (where configured) and the way to find her Standort. Nothing is made up: what the
// configuration does not have is not shown.

export interface ReachContact {
  standort: { id: string; name: string; address: string | null; phone: string | null; email: string | null } | null;
  /** The Träger's general phone number and e-mail; null when not configured. */
  centralPhone: string | null;
  centralEmail: string | null;
}

export function applicationContact(application: Pick<ApplicationRecord, "standortId">): ReachContact {
  const traeger = getTraeger();
  const found = application.standortId ? standortById(traeger, application.standortId) : null;
  const standort =
    found && found.kind === "customer" ? { id: found.id, name: found.name, address: addressLine(found.address), phone: found.phone ?? null, email: found.email ?? traeger.centralEmail ?? null } : null;
  return { standort, centralPhone: traeger.centralPhone ?? null, centralEmail: traeger.centralEmail ?? null };
}
