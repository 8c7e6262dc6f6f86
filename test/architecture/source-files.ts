// The project's own TypeScript files, as the architecture tests read them.

import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Generated code (the Prisma clients) is not ours to arrange. */
const SKIPPED = [path.join("src", "generated")];

/** Repository-relative paths of the .ts files (not .d.ts) under these top-level folders, generated code left out. */
export function sourceFilesUnder(dirs: readonly string[]): string[] {
  return dirs.filter((dir) => existsSync(path.join(ROOT, dir))).flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
}

function sourceFiles(dir: string): string[] {
  if (SKIPPED.includes(path.relative(ROOT, dir))) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path.relative(ROOT, full)] : [];
  });
}
