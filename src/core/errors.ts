// Errors a person caused (bad input, not found, not allowed), with stable codes for logs.
// Handlers throw them; dispatch turns them into an ephemeral reply and writes nothing.

export type UserErrorCode =
  | "unknown_command"
  | "unknown_subcommand"
  | "unknown_option"
  | "missing_option"
  | "invalid_option"
  | "too_many_values"
  | "not_found"
  | "conflict"
  | "not_allowed"
  | "ambiguous"
  | "invalid_state"
  | "platform_unavailable";

export class UserError extends Error {
  readonly code: UserErrorCode;
  /** The usage line of the command, shown under the message when it helps. */
  usage?: string;
  /** Extra lines (candidates, hints) shown under the message. */
  readonly hints: string[];

  constructor(code: UserErrorCode, message: string, options: { usage?: string; hints?: string[] } = {}) {
    super(message);
    this.name = "UserError";
    this.code = code;
    this.usage = options.usage;
    this.hints = options.hints ?? [];
  }
}

export const notFound = (message: string, hints?: string[]) => new UserError("not_found", message, { hints });
export const conflict = (message: string, hints?: string[]) => new UserError("conflict", message, { hints });

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
