// What reading a value people typed gives: the value, or why it could not be read.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
