// When a code's orders look like a leak (its code shared on a deals site): the orders placed in
// the last hour against its usual hourly rate, the average over the seven days before that hour.
// A spike needs more than five times the usual rate and at least ten orders in the hour, so a new
// code (no usual rate yet) or a quiet one does not "spike" on its second order.

/** How much faster than usual an hour must be. */
export const SPIKE_FACTOR = 5;
/** Orders an hour must have at least, whatever the usual rate. */
export const SPIKE_MIN_ORDERS = 10;
/** The usual rate is the average over this many hours before the last one (seven days). */
export const USUAL_HOURS = 7 * 24;

export interface SpikeCheck {
  spike: boolean;
  /** Orders an hour, on average, over the seven days before the last hour. */
  usualPerHour: number;
}

/** `lastHour`: orders placed in the last hour; `usualWindow`: in the USUAL_HOURS hours before it. */
export function checkSpike(lastHour: number, usualWindow: number): SpikeCheck {
  const usualPerHour = usualWindow / USUAL_HOURS;
  return { spike: lastHour >= SPIKE_MIN_ORDERS && lastHour > SPIKE_FACTOR * usualPerHour, usualPerHour };
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st… (`written`: the number as the workspace writes it, 1,027). */
export function ordinal(n: number, written = String(n)): string {
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${written}${suffix}`;
}
