// Characters a value must not hold because nobody sees them: control characters, zero-width
// characters and bidirectional controls. `@ka\u200Bte` would be a second kate who looks like the
// first, and a right-to-left override makes a value read differently from what it holds.
// Emoji keep the invisible characters they are made of (the joiner of 👩‍💻, the tags of a
// subdivision flag).

/** The first character of `text` nobody would see, with its position (1 = the first character), or null. */
export function findHiddenCharacter(text: string): { position: number; description: string } | null {
  const characters = [...text];
  for (let i = 0; i < characters.length; i++) {
    const character = characters[i]!;
    const description = describeHidden(character);
    if (description === null || partOfEmoji(characters, i)) continue;
    return { position: i + 1, description };
  }
  return null;
}

/** "character 3 is a zero-width space (U+200B), which cannot be seen", or null when every character shows. */
export function hiddenCharacterProblem(text: string): string | null {
  const hidden = findHiddenCharacter(text);
  return hidden ? `character ${hidden.position} is ${hidden.description}, which cannot be seen` : null;
}

const NAMES: Record<string, string> = {
  "\u00AD": "a soft hyphen",
  "\u180E": "a Mongolian vowel separator",
  "\u200B": "a zero-width space",
  "\u200C": "a zero-width non-joiner",
  "\u200D": "a zero-width joiner",
  "\u2060": "a word joiner",
  "\uFEFF": "a zero-width no-break space (byte order mark)",
  // Bidirectional controls: the text around them is shown in another order than it is held.
  "\u061C": "an Arabic letter mark",
  "\u200E": "a left-to-right mark",
  "\u200F": "a right-to-left mark",
  "\u202A": "a left-to-right embedding",
  "\u202B": "a right-to-left embedding",
  "\u202C": "a pop directional formatting",
  "\u202D": "a left-to-right override",
  "\u202E": "a right-to-left override",
  "\u2066": "a left-to-right isolate",
  "\u2067": "a right-to-left isolate",
  "\u2068": "a first strong isolate",
  "\u2069": "a pop directional isolate",
};
const BIDIRECTIONAL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Tabs and line breaks are white space people type; every other control character is refused. */
const ALLOWED_CONTROLS = new Set(["\t", "\n", "\r"]);

function describeHidden(character: string): string | null {
  const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  const named = NAMES[character];
  if (named) return `${named} (${code})${BIDIRECTIONAL.test(character) ? ", a bidirectional control" : ""}`;
  if (/\p{Cc}/u.test(character)) return ALLOWED_CONTROLS.has(character) ? null : `a control character (${code})`;
  // Format characters: invisible by definition (U+2061 function application, tags, …).
  if (/\p{Cf}/u.test(character)) return `an invisible formatting character (${code})`;
  return null;
}

const PICTOGRAPH = /\p{Extended_Pictographic}/u;
/** What may stand between an emoji and the joiner after it: the emoji presentation selector and skin tones. */
const EMOJI_MODIFIER = /[\uFE0F\u{1F3FB}-\u{1F3FF}]/u;
const TAG = /[\u{E0020}-\u{E007F}]/u;
const BLACK_FLAG = "\u{1F3F4}";

function partOfEmoji(characters: string[], i: number): boolean {
  const character = characters[i]!;
  if (character === "\u200D") {
    let before = i - 1;
    while (before >= 0 && EMOJI_MODIFIER.test(characters[before]!)) before--;
    return before >= 0 && PICTOGRAPH.test(characters[before]!) && PICTOGRAPH.test(characters[i + 1] ?? "");
  }
  if (TAG.test(character)) {
    // A subdivision flag: 🏴 then tag letters, ended by the cancel tag (🏴󠁧󠁢󠁳󠁣󠁴󠁿).
    let before = i - 1;
    while (before >= 0 && TAG.test(characters[before]!)) before--;
    return before >= 0 && characters[before] === BLACK_FLAG;
  }
  return false;
}
