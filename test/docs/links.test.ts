// The README and docs/ stay whole: every relative link reaches a file of this repository (and
// its heading, for a #anchor), and nothing points outside the repository but public https pages.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const pages = ["README.md", ...readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** Links and images outside code: `[text](target)` and `<https://…>`. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!).concat([...prose.matchAll(/<(https?:[^>]+)>/g)].map((m) => m[1]!));
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");

const anchorsIn = (file: string) =>
  new Set(
    readFileSync(file, "utf8")
      .replace(/```[\s\S]*?```/g, "")
      .split("\n")
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => anchorOf(l.replace(/^#+ /, "").replace(/`/g, ""))),
  );

describe.each(pages)("%s", (page) => {
  const text = readFileSync(path.join(ROOT, page), "utf8");
  const links = linksOf(text);

  it("links only to files of this repository, or to public https pages", () => {
    for (const link of links) {
      if (/^[a-z]+:/i.test(link)) {
        expect(link, `${page}: ${link}`).toMatch(/^https:\/\//);
        continue;
      }
      const [target, anchor] = link.split("#") as [string, string | undefined];
      const file = target === "" ? path.join(ROOT, page) : path.resolve(path.dirname(path.join(ROOT, page)), decodeURI(target));
      expect(path.relative(ROOT, file).startsWith(".."), `${page}: ${link} leaves the repository`).toBe(false);
      expect(existsSync(file), `${page}: ${link} does not exist`).toBe(true);
      if (anchor) expect(anchorsIn(file), `${page}: ${link} has no such heading`).toContain(anchor);
    }
  });

  it("names nothing outside the repository", () => {
    expect(text).not.toMatch(/\.\.\/shared\/|DOMAIN\.md|COMMANDS\.md/);
  });
});
