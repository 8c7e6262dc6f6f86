// IANA time zones: validation, with the closest valid names when someone makes a typo.

import { distance } from "fastest-levenshtein";
import { IANAZone } from "luxon";
import type { Parsed } from "./parsed.ts";

const ZONES: string[] = (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf("timeZone").concat("UTC");

export function closestTimeZones(text: string, count = 3): string[] {
  const wanted = text.toLowerCase();
  return ZONES.map((zone) => {
    const name = zone.toLowerCase();
    const city = name.split("/").at(-1)!;
    return { zone, score: Math.min(distance(wanted, name), distance(wanted, city) + 1) };
  })
    .sort((a, b) => a.score - b.score || a.zone.localeCompare(b.zone))
    .slice(0, count)
    .map((z) => z.zone);
}

export function parseTimeZone(raw: string): Parsed<string> {
  const text = raw.trim();
  const exact = ZONES.find((z) => z.toLowerCase() === text.toLowerCase());
  if (exact) return { ok: true, value: exact };
  if (IANAZone.isValidZone(text)) return { ok: true, value: text };
  return { ok: false, reason: `"${raw}" is not a time zone (closest: ${closestTimeZones(text).join(", ")})` };
}
