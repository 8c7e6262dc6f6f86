// The shell's command-line flags (README "The shell").

import os from "node:os";
import { parseArgs } from "node:util";
import { chatPlatforms, type ChatPlatformName } from "../registry.ts";
import { localPlatform } from "./index.ts";

export interface ShellArgs {
  workspace: { platform: ChatPlatformName; id: string };
  user: string;
  out: string;
  line: string | null;
}

export class ShellUsageError extends Error {}

/** How --workspace names a workspace of each platform: `local`, `slack:<team id>`, `discord:<guild id>`. */
const WORKSPACE_FORMS = chatPlatforms.map((platform) => (platform.workspaceIdLabel ? `${platform.name}:<${platform.workspaceIdLabel}>` : platform.name));

export const SHELL_USAGE = `Usage: npm run -s shell -- [--workspace ${WORKSPACE_FORMS.join("|")}] [--user <name>] [--out <dir>] ["<command line>"]`;

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
  const workspaceText = parsed.values.workspace ?? localPlatform.name;
  const workspace = parseWorkspace(workspaceText);
  if (!workspace) {
    throw new ShellUsageError(`--workspace must be ${WORKSPACE_FORMS.slice(0, -1).join(", ")} or ${WORKSPACE_FORMS.at(-1)} (got "${workspaceText}")\n${SHELL_USAGE}`);
  }
  const user = parsed.values.user ?? safeUserName();
  const line = parsed.positionals.length > 0 ? parsed.positionals.join(" ") : null;
  return {
    workspace,
    user,
    out: parsed.values.out ?? defaultOut,
    line,
  };
}

/** `<platform>:<id>`, or the name alone of a platform with one workspace (`local`). */
function parseWorkspace(text: string): ShellArgs["workspace"] | null {
  for (const platform of chatPlatforms) {
    if (!platform.workspaceIdLabel) {
      if (text === platform.name) return { platform: platform.name, id: platform.name };
    } else if (text.startsWith(`${platform.name}:`) && text.length > platform.name.length + 1) {
      return { platform: platform.name, id: text.slice(platform.name.length + 1) };
    }
  }
  return null;
}

function safeUserName(): string {
  try {
    return os.userInfo().username || "local";
  } catch {
    return process.env.USER ?? "local";
  }
}
