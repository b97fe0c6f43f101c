/** A Standort's address on one line, "Building, Street 1, 41812 Erkelenz" (German, as on the letterbox); null when unknown. */
export function addressLine(address: { building?: string; street?: string; houseNumber?: string; postalCode?: string; city?: string } | null | undefined): string | null {
  if (!address) return null;
  const line = [address.building, [address.street, address.houseNumber].filter(Boolean).join(" "), [address.postalCode, address.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return line || null;
}
