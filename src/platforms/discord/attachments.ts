// A file option arrives from Discord as an attachment: its URL on Discord's CDN. The adapter
// downloads it (from Discord's CDN hosts only, at most 10 MB) and hands the command its text,
// as the shell hands over a file it read; the command never fetches anything itself.

import type { CommandInteractionOption } from "discord.js";
import type { FileInput } from "../../core/options.ts";
import { errorReply, type Reply } from "../../core/reply.ts";

/** What the inbox keeps of an attachment until it is downloaded. */
export interface AttachmentRef {
  source: "attachment";
  url: string;
  name: string;
  size: number;
}

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Discord serves attachments from these hosts; a URL elsewhere is not fetched. Tests add the fake Discord's. */
const CDN_HOSTS = new Set(["cdn.discordapp.com", "media.discordapp.net"]);

export function attachmentRef(option: CommandInteractionOption): AttachmentRef | null {
  const a = option.attachment;
  return a ? { source: "attachment", url: a.url, name: a.name, size: a.size } : null;
}

const isRef = (value: unknown): value is AttachmentRef =>
  typeof value === "object" && value !== null && (value as { source?: unknown }).source === "attachment" && typeof (value as { url?: unknown }).url === "string";

/** The raw values with each attachment replaced by its content, or the Reply saying why it could not be read. */
export async function downloadAttachments(raw: Record<string, unknown>, extraHosts: readonly string[] = []): Promise<{ ok: true; raw: Record<string, unknown> } | { ok: false; reply: Reply }> {
  const fail = (reply: Reply) => ({ ok: false as const, reply });
  const out: Record<string, unknown> = { ...raw };
  for (const [key, value] of Object.entries(raw)) {
    if (!isRef(value)) continue;
    let url: URL;
    try {
      url = new URL(value.url);
    } catch {
      return fail(errorReply(`The attachment ${value.name} has no address the bot can read.`, "invalid_option"));
    }
    const onCdn = url.protocol === "https:" && CDN_HOSTS.has(url.hostname);
    if (!onCdn && !extraHosts.includes(url.host)) return fail(errorReply(`The attachment ${value.name} is not on Discord's CDN; it was not downloaded.`, "invalid_option"));
    if (value.size > MAX_ATTACHMENT_BYTES) return fail(tooLarge(value.name, value.size));
    try {
      const response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(30_000) });
      if (!response.ok) return fail(errorReply(`Could not download ${value.name} from Discord (HTTP ${response.status}); attach it again.`, "invalid_option"));
      const bytes = Buffer.from(await response.arrayBuffer());
      if (bytes.length > MAX_ATTACHMENT_BYTES) return fail(tooLarge(value.name, bytes.length));
      const file: FileInput = { source: "content", name: value.name, text: bytes.toString("utf8") };
      out[key] = file;
    } catch {
      return fail(errorReply(`Could not download ${value.name} from Discord; attach it again.`, "invalid_option"));
    }
  }
  return { ok: true, raw: out };
}

const tooLarge = (name: string, bytes: number) =>
  errorReply(`${name} is ${(bytes / 1024 / 1024).toFixed(1)} MB; the bot imports files up to 10 MB.`, "invalid_option");
