// parseJsonExactly (src/domain/exact-json.ts): Shopify's 64-bit ids are read as their exact
// digits; everything else as JSON.parse reads it, strings with digits, quotes and escapes included.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonExactly } from "../../src/domain/exact-json.ts";

describe("parseJsonExactly", () => {
  it("reads integers past 2^53 as their digits, where JSON.parse rounds two of them to one", () => {
    const text = '{"id":820982911946154508,"order_id":820982911946154509,"n":[-9007199254740993, 9007199254740991, 12.5, 1e3]}';
    expect((JSON.parse(text) as { id: number }).id).toBe((JSON.parse(text) as { order_id: number }).order_id);
    expect(parseJsonExactly(text)).toEqual({ id: "820982911946154508", order_id: "820982911946154509", n: ["-9007199254740993", 9007199254740991, 12.5, 1000] });
  });

  it("leaves digits inside strings alone, escaped quotes and backslashes included", () => {
    const text = String.raw`{"note":"id:820982911946154508 \"x\":123456789012345678 \\","id":820982911946154508}`;
    expect(parseJsonExactly(text)).toEqual({ note: 'id:820982911946154508 "x":123456789012345678 \\', id: "820982911946154508" });
  });

  it("still refuses what is not JSON", () => {
    expect(() => parseJsonExactly('{"id":820982911946154508')).toThrow(SyntaxError);
  });

  it("any body: big integers come back exact, everything else as JSON.parse gives it", () => {
    const big = fc.bigInt({ min: 2n ** 53n, max: 2n ** 64n }).map((n) => (n % 2n === 0n ? n : -n));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: "binary" }), fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), fc.string(), big)), { maxLength: 8 }), (pairs) => {
        const placeholders = new Map<string, string>();
        const value = pairs.map(([s, v], i) => {
          if (typeof v !== "bigint") return { s, v };
          placeholders.set(`@@big${i}@@`, String(v));
          return { s, v: `@@big${i}@@` };
        });
        let text = JSON.stringify(value);
        for (const [mark, digits] of placeholders) text = text.replace(`"${mark}"`, digits);
        const expected = value.map(({ s, v }) => ({ s, v: typeof v === "string" && placeholders.has(v) ? placeholders.get(v)! : v === 0 ? 0 : v }));
        expect(parseJsonExactly(text)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
