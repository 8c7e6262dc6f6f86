// Cuts text too long for one message part (a Slack section, a Discord embed description) into
// pieces that fit, where a reader would least notice the cut.

/**
 * Splits text into pieces of at most `max` characters: at line breaks where it can, then at
 * spaces, then anywhere. Nothing is lost but the line break or space a piece was cut at; empty
 * text is no piece. `moveCut` may move a cut made anywhere to an earlier place (Slack keeps an
 * `&amp;` entity whole).
 */
export function splitText(text: string, max: number, moveCut?: (text: string, cut: number) => number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n", max);
    let skip = 1;
    if (cut < max / 2) {
      cut = rest.lastIndexOf(" ", max);
      if (cut < max / 2) {
        cut = moveCut ? moveCut(rest, max) : max;
        skip = 0;
      }
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut + skip);
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}
