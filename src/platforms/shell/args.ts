// The shell's command-line flags (COMMANDS.md "The shell").

import os from "node:os";
import { parseArgs } from "node:util";

export interface ShellArgs {
  workspace: { platform: "local" | "slack" | "discord"; id: string };
  user: string;
  out: string;
  line: string | null;
}

export class ShellUsageError extends Error {}

export const SHELL_USAGE = 'Usage: npm run -s shell -- [--workspace local|slack:<team id>|discord:<guild id>] [--user <name>] [--out <dir>] ["<command line>"]';

export function parseShellArgs(argv: string[], defaultOut: string): ShellArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { workspace: { type: "string", short: "w" }, user: { type: "string", short: "u" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new ShellUsageError(`${(error as Error).message}\n${SHELL_USAGE}`);
  }
  if (parsed.values.help) throw new ShellUsageError(SHELL_USAGE);
  const workspaceText = parsed.values.workspace ?? "local";
  const match = /^(?:(slack|discord):)?(.+)$/.exec(workspaceText);
  if (!match || (!match[1] && workspaceText !== "local")) {
    throw new ShellUsageError(`--workspace must be local, slack:<team id> or discord:<guild id> (got "${workspaceText}")\n${SHELL_USAGE}`);
  }
  const user = parsed.values.user ?? safeUserName();
  const line = parsed.positionals.length > 0 ? parsed.positionals.join(" ") : null;
  return {
    workspace: match[1] ? { platform: match[1] as "slack" | "discord", id: match[2]! } : { platform: "local", id: "local" },
    user,
    out: parsed.values.out ?? defaultOut,
    line,
  };
}

function safeUserName(): string {
  try {
    return os.userInfo().username || "local";
  } catch {
    return process.env.USER ?? "local";
  }
}
