// Which channels exist, as the chat platform says: a channel named in an option (alerts:#orders)
// is looked up by its id in the caller's workspace before the command runs (Slack:
// conversations.info; Discord: the guild's channels), so an id typed by hand, or one of
// another workspace, is refused. The shell has none: there a typed name is allowed only in the
// local workspace, whose "channels" are the shell itself.

/** A channel as the platform knows it now. */
export interface PlatformChannel {
  id: string;
  /** Its name without "#". */
  name: string;
}

/** The channels of one workspace, looked up on the platform. */
export interface ChannelDirectory {
  /** The channel with this id in the workspace, or null when there is none. Throws when the platform could not be asked. */
  find(channelId: string): Promise<PlatformChannel | null>;
}
