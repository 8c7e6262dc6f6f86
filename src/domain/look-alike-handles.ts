// Handles that look alike: `@kаte` with a Cyrillic а, or `@kate` next to `@kаte`, read the same
// to a person and are two creators to the bot. Look-alikes are found with Unicode's confusables
// (UTS #39 "skeletons", through the unhomoglyph package), after NFKC, which already makes a
// full-width `@ｋａｔｅ` plain `kate`. Two handles in plain ASCII are never called look-alikes
// (`kate1` and `katel` are different people's handles); a look-alike needs a character from
// outside ASCII, on either side.

import unhomoglyph from "unhomoglyph";

/** What a handle looks like: NFKC, lower case, each character replaced by the one it is confusable with. */
export function handleSkeleton(handle: string): string {
  return unhomoglyph(handle.normalize("NFKC").toLowerCase());
}

const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/** The first of `existing` that `handle` looks like without being the same handle, or null. */
export function lookAlikeOf<H extends { handle: string }>(handle: string, existing: readonly H[]): H | null {
  const key = handle.normalize("NFKC").toLowerCase();
  const skeleton = handleSkeleton(handle);
  for (const other of existing) {
    const otherKey = other.handle.normalize("NFKC").toLowerCase();
    if (otherKey === key || (isAscii(key) && isAscii(otherKey))) continue;
    if (handleSkeleton(other.handle) === skeleton) return other;
  }
  return null;
}

/** Where `handle` differs from the one it looks like: `character 2, "а" (U+0430), is not "a"`; null when they differ in length. */
export function lookAlikeDifference(handle: string, lookAlike: string): string | null {
  const mine = [...handle.normalize("NFKC").toLowerCase()];
  const theirs = [...lookAlike.normalize("NFKC").toLowerCase()];
  if (mine.length !== theirs.length) return null;
  const i = mine.findIndex((c, j) => c !== theirs[j]);
  if (i < 0) return null;
  const code = `U+${mine[i]!.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return `character ${i + 1}, "${mine[i]}" (${code}), is not "${theirs[i]}"`;
}

/**
 * A handle as it is stored today: NFKC, without characters nobody sees (control and format
 * characters: zero-width, bidirectional, soft hyphen), which a handle typed today cannot hold.
 * Handles stored before that are brought to it at start (src/db/stored-handles.ts).
 */
export const normalHandle = (stored: string): string => stored.replace(/[\p{Cc}\p{Cf}]/gu, "").normalize("NFKC");

/** The key a handle is looked up by: its normal form in lower case (handleKey in src/core/values.ts for typed ones). */
export const normalHandleKey = (stored: string): string => normalHandle(stored).toLowerCase();
