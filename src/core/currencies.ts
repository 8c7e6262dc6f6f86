// Currencies as Intl knows them: their decimals, whether a code is one, and the symbol people type for each.

/** Digits of the currencies asked about (at most the ISO list): asking Intl costs some 0.1 ms, and CSV columns ask per value. */
const knownDigits = new Map<string, number>();

/** Fraction digits of a currency (2 for USD, 0 for JPY). */
export function currencyDigits(currency: string): number {
  const known = knownDigits.get(currency);
  if (known !== undefined) return known;
  try {
    const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    knownDigits.set(currency, digits);
    return digits;
  } catch {
    return 2;
  }
}

export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("currency").includes(code) ?? true;
  } catch {
    return false;
  }
}

/** The short symbol of a currency ("$" for USD, CAD and AUD, "€" for EUR, "CHF" where there is none). */
export function currencySymbol(currency: string): string {
  try {
    const parts = new Intl.NumberFormat("en", { style: "currency", currency, currencyDisplay: "narrowSymbol" }).formatToParts(1);
    return parts.find((p) => p.type === "currency")?.value ?? currency;
  } catch {
    return currency;
  }
}
