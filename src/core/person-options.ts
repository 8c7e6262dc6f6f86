// The people a command names in its options (owner:, admin:) are asked of the platform before
// the command runs: a mention's id is looked up in the caller's directory and the name stored
// is the platform's, never the mention's typed label; a name typed as text is taken only in the
// shell's local workspace, where there is no platform to ask. A server role (creator-role:) is
// taken only from Discord's own role option, never from text.

import { UserError } from "./errors.ts";
import type { AnyOption } from "./options.ts";
import type { ActionSpec } from "./spec.ts";
import { parsePerson, type PersonInput } from "./values.ts";
import type { PeopleDirectory } from "./people.ts";

/** Person options resolved through the platform, by option key. */
export type ResolvedPeople = Record<string, PersonInput>;

export interface PeopleCaller {
  platform: string;
  people?: PeopleDirectory;
}

export async function resolvePeople(caller: PeopleCaller, action: ActionSpec<any>, raw: Record<string, unknown>): Promise<ResolvedPeople> {
  const resolved: ResolvedPeople = {};
  for (const option of Object.values(action.options as Record<string, AnyOption>)) {
    // A server role is Discord's to name, in its role picker: typed text (the shell, Slack) names none.
    if (option.kind === "role" && raw[option.key] !== undefined && !(caller.platform === "discord" && caller.people)) {
      throw new UserError("invalid_option", `Invalid ${option.name}: a role is picked in Discord, in the command's ${option.name} option (type @ and pick the role); it cannot be typed here.`);
    }
    if (option.kind !== "person" || typeof raw[option.key] !== "string") continue;
    const parsed = parsePerson(raw[option.key] as string);
    if (!parsed.ok) continue; // the usage error is validateInput's to give
    resolved[option.key] = await resolvePerson(caller, option, parsed.value);
  }
  return resolved;
}

async function resolvePerson(caller: PeopleCaller, option: AnyOption, person: PersonInput): Promise<PersonInput> {
  if (!person.externalId) {
    if (caller.platform === "local") return person;
    throw new UserError("invalid_option", `Invalid ${option.name}: "${person.name}" is a name typed as text. Mention the person (type @ and pick them), so that the name comes from the platform.`);
  }
  // The shell in a Slack or Discord workspace cannot ask the platform: the id alone, to a member already known.
  if (!caller.people) return { externalId: person.externalId, name: null };
  let found;
  try {
    found = await caller.people.find(person.externalId);
  } catch {
    throw new UserError("platform_unavailable", `Could not ask who <@${person.externalId}> is just now; nothing was saved. Please try again in a moment.`);
  }
  if (!found) throw new UserError("not_found", `Invalid ${option.name}: nobody in this workspace has the id ${person.externalId}. Mention a member of the workspace.`);
  return { externalId: found.id, name: found.name, fromPlatform: true, platformAdmin: found.admin };
}
