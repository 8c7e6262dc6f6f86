// How long a chart's URL may be in each chat app (QuickChart URLs; render-quickchart.ts).

/** Slack's image block takes an image_url of at most 3000 characters. */
export const SLACK_IMAGE_URL_MAX = 3000;
/** Discord is known to refuse embed URLs over 2048 characters (its API docs do not say). */
export const DISCORD_EMBED_URL_MAX = 2048;
