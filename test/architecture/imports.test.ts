// The import graph of src/, commands/, jobs/ and bench/, read with TypeScript's own parser: no
// circles (counting type-only imports and lazy import() too), and the floors import one way.

import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFilesUnder } from "./source-files.ts";


interface Import {
  /** A repository-relative path for a relative import, else the package name as written. */
  target: string;
  typeOnly: boolean;
}


/** Every module `file` imports: import and export … from declarations, and import() calls. */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const target = specifier.startsWith(".") ? path.normalize(path.join(path.dirname(file), specifier)) : specifier;
    found.push({ target, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const allTypes = Boolean(
        clause && (clause.isTypeOnly || (!clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.every((e) => e.isTypeOnly))),
      );
      add(node.moduleSpecifier.text, allTypes);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sourceFilesUnder(["src", "commands", "jobs", "bench"]);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** The first import circle found, as the files around it (the first repeated at the end), or null. */
function findCycle(): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const walk = (file: string): string[] | null => {
    state.set(file, "open");
    stack.push(file);
    for (const { target } of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (state.get(target) === "open") return [...stack.slice(stack.indexOf(target)), target];
      if (!state.has(target)) {
        const cycle = walk(target);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(file, "done");
    return null;
  };
  for (const file of files) {
    if (state.has(file)) continue;
    const cycle = walk(file);
    if (cycle) return cycle;
  }
  return null;
}

/** "importer → imported" for every import from a file under `from` of a module `to` matches. */
function importsBetween(from: string, to: (target: string) => boolean): string[] {
  return files
    .filter((file) => file.startsWith(`${from}/`))
    .flatMap((file) => graph.get(file)!.filter((i) => to(i.target)).map((i) => `${file} → ${i.target}`));
}

const under = (dir: string) => (target: string) => target.startsWith(`${dir}/`);
const CHAT_SDKS = (target: string) => /^(@slack\/|discord\.js$|@discordjs\/|slack-block-builder$)/.test(target);

describe("imports", () => {
  it("reads the modules (a guard against a scan that finds nothing)", () => {
    expect(files).toContain(path.join("src", "main.ts"));
    expect(files).toContain(path.join("commands", "index.ts"));
    expect(graph.get(path.join("src", "main.ts"))!.length).toBeGreaterThan(3);
  });

  it("has no circle, type-only imports and import() included", () => {
    const cycle = findCycle();
    expect(cycle ? cycle.join("\n  → ") : null).toBeNull();
  });

  it("keeps chat SDKs out of commands/ and src/domain/", () => {
    expect([...importsBetween("commands", CHAT_SDKS), ...importsBetween("src/domain", CHAT_SDKS)]).toEqual([]);
  });

  it("keeps the floors below the adapters free of them: nothing in core, db, domain or commands imports src/platforms", () => {
    const platforms = under("src/platforms");
    expect(["src/core", "src/db", "src/domain", "src/digest", "commands"].flatMap((dir) => importsBetween(dir, platforms))).toEqual([]);
  });

  it("keeps src/db free of src/core (the database layer knows nothing of commands or their scheduling)", () => {
    expect(importsBetween("src/db", under("src/core"))).toEqual([]);
  });

  it("keeps src/domain pure: no imports of src/core, src/db or the generated clients", () => {
    expect(["src/core", "src/db", "src/reports", "src/generated"].flatMap((dir) => importsBetween("src/domain", under(dir)))).toEqual([]);
  });

  it("keeps src/ free of test/", () => {
    expect(importsBetween("src", under("test"))).toEqual([]);
  });
});
