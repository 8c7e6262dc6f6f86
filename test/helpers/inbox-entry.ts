// An inbox row's fields for tests of src/db/inbox.ts and its recovery: a Slack command by alice.

import type { InboxEntry } from "../../src/db/inbox.ts";

let entries = 0;

/** A Slack command `line` in a workspace of its own, answered at a response URL of its own. */
export function inboxEntry(line = "/code redeem KATE15 $1", platform = "slack"): InboxEntry {
  entries++;
  return {
    platform,
    workspaceExternalId: `T${entries}`,
    workspaceName: null,
    userExternalId: "U1",
    userName: "alice",
    platformAdmin: null,
    platformRoles: null,
    channelId: "C1",
    line,
    command: null,
    action: null,
    options: null,
    replyTo: `https://hooks.example/respond/${entries}`,
    applicationId: null,
  };
}
