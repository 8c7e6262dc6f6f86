// API base URLs as settings give them, made ready for relative paths.

/** The URL with a trailing slash: a client appends method names to it ("…/api/" + "chat.postMessage"). */
export const withSlash = (url: string) => (url.endsWith("/") ? url : `${url}/`);
