// The ways a workspace writes numbers (/settings numbers:): which mark is the decimal point and
// which one groups thousands. Reading (src/core/number-reading.ts) and writing (src/core/format.ts)
// both follow the workspace's style.

export const NUMBER_STYLES = ["1,234.56", "1.234,56", "1 234,56"] as const;
export type NumberStyle = (typeof NUMBER_STYLES)[number];
export const DEFAULT_NUMBER_STYLE: NumberStyle = "1,234.56";

export interface Separators {
  decimal: "." | ",";
  /** The mark between groups of three digits; spaces group thousands in every style. */
  group: "," | "." | " ";
}

const SEPARATORS: Record<NumberStyle, Separators> = {
  "1,234.56": { decimal: ".", group: "," },
  "1.234,56": { decimal: ",", group: "." },
  "1 234,56": { decimal: ",", group: " " },
};

export const separatorsOf = (style: NumberStyle): Separators => SEPARATORS[style];

export const isNumberStyle = (text: string): text is NumberStyle => (NUMBER_STYLES as readonly string[]).includes(text);

/** The style stored on a workspace; anything unknown reads as the default. */
export const numberStyleOf = (stored: string | null | undefined): NumberStyle => (stored && isNumberStyle(stored) ? stored : DEFAULT_NUMBER_STYLE);
