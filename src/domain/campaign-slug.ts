// A campaign's slug: its name as a URL- and file-safe token, for utm_campaign in tracking links
// and the names of report and chart files.

export const slugify = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "") || "campaign";
