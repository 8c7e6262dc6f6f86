// No module holds process-wide mutable state (issue 18): what lives as long as the process (a
// child, a timer, who opened what) belongs to an object made by createCore or by its owner and
// passed down. Read with TypeScript's parser, the top level of every module in src/, commands/
// and jobs/ is searched for a `let`/`var`, or a const that starts as an empty Map, Set, WeakMap,
// WeakSet, array or object (filled at run time). The few left are listed below with why.

import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";
import { ROOT, sourceFilesUnder } from "./source-files.ts";


/** `file: name` → why it is not process state. */
const ALLOWED: Record<string, string> = {
  "src/charts/fonts.ts: registered": "whether Inter registered with the canvas's own global font list; the same answer every time",
  "src/core/currencies.ts: knownDigits": "a memo of Intl's fraction digits per valid currency code (at most the ISO list)",
  "src/core/format.ts: moneyFormats": "a memo of one Intl.NumberFormat per valid currency code; formats are immutable",
  "src/core/format.ts: writers": "a memo of the NumberWriter of each of the three number styles; writers are immutable",
  "src/platforms/slack/slash-commands.ts: channelOptionCache": "a memo of the channel option names derived from a command list, weakly keyed by it",
  "src/db/acknowledgement-store.ts: prismaStores": "a memo of a stateless wrapper around a database client, weakly keyed by the client",
  "src/db/cli/generate-clients.ts: failed": "an entry script's own flag (npm run db:generate), never imported",
  "src/db/cli/new-migration.ts: sql": "an entry script's own variable (npm run db:migration), never imported",
  "src/db/cli/new-migration.ts: temporary": "an entry script's own list of files to delete, never imported",
};


const EMPTY_COLLECTIONS = new Set(["Map", "Set", "WeakMap", "WeakSet"]);

/** A value that starts empty, to be filled at run time. */
function startsEmpty(init: ts.Expression): boolean {
  let e = init;
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && EMPTY_COLLECTIONS.has(e.expression.text)) return (e.arguments?.length ?? 0) === 0;
  if (ts.isArrayLiteralExpression(e)) return e.elements.length === 0;
  if (ts.isObjectLiteralExpression(e)) return e.properties.length === 0;
  return false;
}

/** `file: name` for each module-level variable that can hold state. */
function moduleState(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const mutable = (statement.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== ts.NodeFlags.Const;
    for (const d of statement.declarationList.declarations) {
      if (mutable || (d.initializer && startsEmpty(d.initializer))) found.push(`${file.split(path.sep).join("/")}: ${d.name.getText(source)}`);
    }
  }
  return found;
}

const found = sourceFilesUnder(["src", "commands", "jobs"]).flatMap(moduleState);

it("finds the variables it is told about (a guard against a scan that finds nothing)", () => {
  expect(found).toContain("src/core/format.ts: writers");
  expect(found).toContain("src/charts/fonts.ts: registered");
});

it("keeps no process-wide mutable state at the top of a module, but for the constant memos listed", () => {
  expect(found.filter((name) => !(name in ALLOWED))).toEqual([]);
});

it("lists nothing that is gone", () => {
  expect(Object.keys(ALLOWED).filter((name) => !found.includes(name))).toEqual([]);
});
