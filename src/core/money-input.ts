// Turns a typed amount into minor units of the currency it is meant in, refusing a symbol of
// another currency or more decimals than the currency has.

import { UserError } from "./errors.ts";
import { currencyDigits, toMinorUnits, type MoneyInput } from "./values.ts";

export function toMinor(input: MoneyInput, currency: string, optionName: string): number {
  if (input.currency && input.currency !== currency) {
    throw new UserError("invalid_option", `Invalid ${optionName}: the amount is in ${input.currency} but this is counted in ${currency}.`);
  }
  const minor = toMinorUnits(input.amount, currency);
  if (minor === null) {
    throw new UserError("invalid_option", `Invalid ${optionName}: ${currency} has ${currencyDigits(currency)} decimals, "${input.amount}" has more.`);
  }
  return minor;
}
