// A post to a command's response_url without Bolt's request (a command recovered after a
// restart): Slack takes JSON there for 30 minutes, five posts at most (deliver.ts counts them).

const TIMEOUT_MS = 15_000;

export async function postToResponseUrl(url: string, message: unknown): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  // Never the URL in an error: it lets anyone answer the command.
  if (!response.ok) throw Object.assign(new Error(`the response URL answered ${response.status}`), { code: `http_${response.status}` });
}
