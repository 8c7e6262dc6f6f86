// Where Slack's Web API is and how its clients retry: the same for the adapter and the digest
// poster (a module of its own, so that neither needs the other).

import type { SlackConfig as Config } from "./settings.ts";
import { withSlash } from "../shared/base-url.ts";

export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";

/** SLACK_API_URL (a proxy, a test's fake Slack) or Slack's own. */
export const slackApiUrl = (config: Config) => withSlash(config.SLACK_API_URL ?? DEFAULT_SLACK_API_URL);

/** A few quick retries; the SDK's default keeps retrying for half an hour. */
export const RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 3000 };
