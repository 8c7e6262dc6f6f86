// Who people are, as the chat platform says: a person's name and whether they administer the
// workspace come from Slack or Discord, never from text someone typed. Each adapter hands the
// dispatcher a directory for the caller's workspace (Slack: users.info, cached a few minutes;
// Discord: the members the interaction resolved, else the guild's member list). The shell has
// none: there a typed name is allowed only in the local workspace.

/** A person as the platform knows them now. */
export interface PlatformPerson {
  /** The platform's user id. */
  id: string;
  /** The name the platform shows for them (display name, else real name, else user name). */
  name: string;
  /** They administer the workspace on the platform (Slack admin or owner; Discord Manage Server). */
  admin: boolean;
}

/** The people of one workspace, looked up on the platform. */
export interface PeopleDirectory {
  /**
   * The person with this user id, or null when the platform knows nobody by it in this
   * workspace. Throws when the platform could not be asked.
   */
  find(userId: string): Promise<PlatformPerson | null>;
}

/** What a person looks like to a cache that keeps platform answers a few minutes. */
export const PEOPLE_CACHE_MS = 5 * 60_000;
