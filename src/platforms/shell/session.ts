// The local shell: one line from the arguments, lines from a pipe, or an interactive prompt
// with history. Replies go to standard output as plain text; a CSV reply is the CSV alone;
// other files (chart PNGs) are written to the output folder and their paths printed.

import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Caller, Dispatcher } from "../../core/dispatch.ts";
import type { Reply } from "../../core/reply.ts";
import { renderText } from "../../render/text.ts";
import type { ShellArgs } from "./args.ts";

export interface ShellIO {
  input: Readable;
  output: Writable;
  interactive: boolean;
  historyFile?: string;
  /** Runs after each line (the shell starts serving shop webhooks once one is connected). */
  afterLine?: () => Promise<void>;
  /**
   * Work that runs while the session is open and prints into it (the digest scheduler): given
   * a way to print, it starts; it is stopped when the session ends.
   */
  background?: (print: (text: string) => void) => { stop(): Promise<void> };
}

export function callerFor(args: ShellArgs): Caller {
  return {
    platform: args.workspace.platform,
    workspaceId: args.workspace.id,
    workspaceName: args.workspace.platform === "local" ? "local" : undefined,
    userId: args.user,
    userName: args.user,
    channelId: "shell",
  };
}

/** Text to print for a reply; files other than a CSV are written under `out`. */
export function printable(reply: Reply, out: string): string {
  const csv = reply.files.find((f) => f.contentType.startsWith("text/csv"));
  if (csv && reply.status === "ok") return String(csv.data).replace(/\n$/, "");
  // A command's messages elsewhere (the review channel, a person privately): printed first, as
  // the shell has no other channels or people to send them to.
  const elsewhere = (reply.deliveries ?? []).map((d) => `── to ${d.name} ──\n${renderText(d.reply)}\n──\n`).join("");
  const text = elsewhere + renderText(reply);
  const written: string[] = [];
  for (const file of reply.files) {
    mkdirSync(out, { recursive: true });
    const target = path.join(out, file.name);
    writeFileSync(target, file.data);
    written.push(target);
  }
  return written.length > 0 ? `${text}\n${written.map((w) => `Wrote ${w}`).join("\n")}` : text;
}

/** Runs one line; returns the exit status (0 ok, 1 error). */
export async function runOnce(dispatcher: Dispatcher, args: ShellArgs, line: string, io: Pick<ShellIO, "output">): Promise<number> {
  const reply = await dispatcher.runLine(callerFor(args), line);
  io.output.write(`${printable(reply, args.out)}\n`);
  return reply.status === "ok" ? 0 : 1;
}

const isComment = (line: string) => line.trim() === "" || line.trim().startsWith("#");

/** Reads lines until end of input; every line runs, errors do not stop the rest. */
export async function runLines(dispatcher: Dispatcher, args: ShellArgs, io: ShellIO): Promise<number> {
  const history = io.interactive && io.historyFile ? loadHistory(io.historyFile) : [];
  const rl = readline.createInterface({
    input: io.input,
    output: io.interactive ? io.output : undefined,
    terminal: io.interactive,
    history,
    historySize: 1000,
    prompt: "campaign-bot> ",
  });
  let failures = 0;
  if (io.interactive) {
    io.output.write('Campaign bot shell. Type /help for commands, "exit" to leave.\n');
    rl.prompt();
  }
  // Printed above the prompt, which is drawn again with what was being typed.
  const print = (text: string) => {
    if (io.interactive) {
      readline.clearLine(io.output, 0);
      readline.cursorTo(io.output, 0);
    }
    io.output.write(`${text}\n`);
    if (io.interactive) rl.prompt(true);
  };
  const background = io.background?.(print);
  let first = true;
  for await (const line of rl) {
    const trimmed = line.trim();
    // "exit" leaves, typed or piped (a script may end with it, as it would in psql).
    if (["exit", "quit", "\\q"].includes(trimmed)) break;
    if (!isComment(trimmed)) {
      if (!io.interactive && !first) io.output.write("\n");
      first = false;
      const status = await runOnce(dispatcher, args, trimmed, io);
      if (status !== 0) failures++;
      if (io.interactive && io.historyFile) saveHistory(io.historyFile, trimmed);
      await io.afterLine?.();
    }
    if (io.interactive) rl.prompt();
  }
  rl.close();
  await background?.stop();
  return failures === 0 ? 0 : 1;
}

function loadHistory(file: string): string[] {
  try {
    return readFileSync(file, "utf8").split("\n").filter(Boolean).reverse().slice(0, 1000);
  } catch {
    return [];
  }
}

function saveHistory(file: string, line: string) {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    appendFileSync(file, `${line}\n`);
  } catch {
    // History is a convenience; a read-only folder must not stop the shell.
  }
}
