// The rule for a person named in an option (owner:, admin:), asked of the platform before the
// command runs (named-options.ts walks the options): a mention's id is looked up in the caller's
// directory and the name stored is the platform's, never the mention's typed label; a name typed
// as text is taken only in the shell's local workspace, where there is no platform to ask.

import { UserError } from "./errors.ts";
import type { AnyOption } from "./options.ts";
import type { PersonInput } from "./values.ts";
import type { PeopleDirectory } from "./people.ts";

export interface PeopleCaller {
  platform: string;
  people?: PeopleDirectory;
}

export async function resolvePerson(caller: PeopleCaller, option: AnyOption, person: PersonInput): Promise<PersonInput> {
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
