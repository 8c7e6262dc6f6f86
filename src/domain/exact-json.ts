// JSON.parse that keeps every integer exactly: an integer beyond JavaScript's safe range
// (±2^53, as Shopify's 64-bit order, refund and line ids are: 820982911946154508) is read as its
// decimal text instead of a rounded number, so two ids that differ only in their last digits stay
// two ids. Other numbers are read as JSON.parse reads them. Pure. Bodies without a 16-digit number
// (most) go straight to JSON.parse; the others are scanned once, outside strings, to quote those
// integers before JSON.parse reads them (it still checks the whole text is JSON).

/** A number of 16 digits or more right after `:`, `[` or `,`: the only way one can start in JSON. May also match inside a string (then the scan finds nothing to quote). */
const LONG_NUMBER = /[:[,]\s*-?\d{16}/;

export function parseJsonExactly(text: string): unknown {
  return JSON.parse(LONG_NUMBER.test(text) ? quoteUnsafeIntegers(text) : text);
}

/** The text with each integer literal (outside strings) that is not a safe integer put in quotes. */
export function quoteUnsafeIntegers(text: string): string {
  let out = "";
  let from = 0; // text[from, i) is copied as it is
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = endOfString(text, i);
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i++;
      while (i < text.length && inNumber(text.charCodeAt(i))) i++;
      const literal = text.slice(start, i);
      if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(from, start)}"${literal}"`;
        from = i;
      }
      continue;
    }
    i++;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Just past the string that opens at `open`: its closing quote is the first not escaped by an odd run of backslashes. */
function endOfString(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  while (close !== -1) {
    let slashes = 0;
    while (text.charCodeAt(close - 1 - slashes) === 0x5c /* \ */) slashes++;
    if (slashes % 2 === 0) return close + 1;
    close = text.indexOf('"', close + 1);
  }
  return text.length;
}

/** A character of a JSON number: a digit, `.`, `e`, `E`, `+` or `-`. */
const inNumber = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
