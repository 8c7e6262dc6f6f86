// Turns a typed amount into minor units of the currency it is meant in, refusing a symbol of
// another currency, more decimals than the currency has, or more than the bot keeps.

import { MAX_AMOUNT_MINOR } from "../domain/limits.ts";
import { UserError } from "./errors.ts";
import { formatMoney } from "./format.ts";
import { currencyDigits, toMinorUnits, type MoneyInput } from "./values.ts";

export function toMinor(input: MoneyInput, currency: string, optionName: string): number {
  if (input.currency && input.currency !== currency) {
    throw new UserError("invalid_option", `Invalid ${optionName}: the amount is in ${input.currency} but this is counted in ${currency}.`);
  }
  const digits = currencyDigits(currency);
  const fraction = input.amount.split(".")[1] ?? "";
  if (fraction.replace(/0+$/, "").length > digits) {
    throw new UserError("invalid_option", `Invalid ${optionName}: ${currency} has ${digits} decimals, "${input.amount}" has more.`);
  }
  const minor = toMinorUnits(input.amount, currency);
  if (minor === null || minor > MAX_AMOUNT_MINOR) {
    const shown = minor === null ? `${input.amount} ${currency}` : formatMoney(minor, currency);
    throw new UserError("invalid_option", `Invalid ${optionName}: ${shown} is more than the bot keeps: amounts go up to ${formatMoney(MAX_AMOUNT_MINOR, currency)}.`);
  }
  return minor;
}
