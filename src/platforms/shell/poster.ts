// Local (shell) workspaces get their digests as files: a text file and the chart PNGs in
// <out>/digests/<workspace>/; a reminder for a person, as a text file in <out>/reminders/<workspace>/
// (an open shell prints them too: digests.ts).

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ChannelPoster } from "../../digest/delivery.ts";
import { renderText } from "../../render/text.ts";

export function localPoster(outDir: string): ChannelPoster {
  return {
    async post(target, reply) {
      const dir = path.join(outDir, "digests", target.workspaceExternalId.replace(/[^\w.-]/g, "_"));
      mkdirSync(dir, { recursive: true });
      const files = reply.files.map((f) => {
        const name = `${target.slug}-${f.name}`;
        writeFileSync(path.join(dir, name), f.data);
        return name;
      });
      const text = renderText(reply) + (files.length > 0 ? `\n\nCharts: ${files.join(", ")}\n` : "\n");
      writeFileSync(path.join(dir, `${target.slug}.txt`), text);
    },
    async sendPrivately(target, reply) {
      const dir = path.join(outDir, "reminders", target.workspaceExternalId.replace(/[^\w.-]/g, "_"));
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${target.slug}.txt`), `For ${target.userId}:\n${renderText(reply)}\n`);
    },
  };
}
