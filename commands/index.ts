// Every top-level command. Adding a command = adding its file and one line here.

import type { CommandSpec } from "../src/core/spec.ts";
import campaign from "./campaign.ts";
import creator from "./creator.ts";
import help from "./help.ts";
import settings from "./settings.ts";

export const commands: readonly CommandSpec[] = [creator, campaign, settings, help];
