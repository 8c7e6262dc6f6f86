// The pictures of messages in the README and docs (docs/pictures/, `npm run docs:pictures`): the
// card renderer draws a reply with buttons as a PNG of a sane size, the script's replies are the
// bot's real messages with their buttons, and every picture the README and docs show is there
// and small enough to keep in the repository.

import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { reply } from "../../src/core/reply.ts";
import { drawReplyCard } from "../../docs/pictures/card.ts";
import { buildReplies } from "../../docs/pictures/render.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Width and height from a PNG's IHDR chunk. */
function sizeOf(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("pictures of messages", () => {
  it("draws a reply with buttons as a card: a PNG 720 wide, taller with each row of content", async () => {
    const base = () =>
      reply("Review: @kate's TikTok post in \"Spring\"", "channel")
        .text("https://www.tiktok.com/@kate/video/7001")
        .fields([
          { label: "Creator", value: "@kate" },
          { label: "Terms", value: "fee $300.00" },
        ]);
    const withButtons = await drawReplyCard(
      base()
        .action({ label: "Approve", command: "/post approve x", style: "primary" })
        .action({ label: "Request changes", command: "/post request-changes x", style: "danger" })
        .build(),
    );
    const without = await drawReplyCard(base().build());
    const size = sizeOf(withButtons);
    expect(size.width).toBe(720);
    expect(size.height).toBeGreaterThan(100);
    expect(size.height).toBeLessThan(400);
    // The row of buttons takes room of its own.
    expect(size.height).toBeGreaterThan(sizeOf(without).height + 30);
    expect(withButtons.length).toBeGreaterThan(2_000);
    expect(withButtons.length).toBeLessThan(150 * 1024);
  });

  it("pictures the bot's real messages with their buttons", async () => {
    const pictures = await buildReplies();
    const labels = Object.fromEntries(pictures.map((p) => [p.file, p.reply.actions?.map((a) => [a.label, a.style ?? "default"])]));
    expect(labels).toEqual({
      "approval-review.png": [
        ["Approve", "primary"],
        ["Request changes", "danger"],
      ],
      "digest-buttons.png": [
        ["Next wave @kate", "primary"],
        ["Pause @tom", "default"],
        ["Remind @mia", "default"],
      ],
      "reminder.png": [
        ["They posted it", "primary"],
        ["Extend due date", "default"],
        ["Mark ghosted", "danger"],
      ],
    });
  });

  it("every picture the README and docs show is in docs/pictures/, under 150 KB", () => {
    const shown = ["README.md", "docs/approval.md", "docs/reminders.md"].flatMap((page) =>
      [...readFileSync(path.join(ROOT, page), "utf8").matchAll(/!\[[^\]]*\]\(([^)\s]+\.png)\)/g)].map((m) => path.join(path.dirname(path.join(ROOT, page)), m[1]!)),
    );
    expect(shown.map((file) => path.relative(ROOT, file))).toContain("docs/pictures/approval-review.png");
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const file of shown) {
      expect(existsSync(file), file).toBe(true);
      expect(statSync(file).size, file).toBeLessThan(150 * 1024);
      expect(sizeOf(readFileSync(file)).width).toBe(720);
    }
  }, 60_000);
});
