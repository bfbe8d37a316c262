/**
 * The one error type of pinekey-hook. Every failure that must stop a command carries a `code`
 * so the CLI can map it to one clear message and exit code 2 (fail closed).
 */
export type PinekeyErrorCode =
  | "BAD_ARGUMENTS"
  | "NOT_A_REPOSITORY"
  | "GIT_NOT_FOUND"
  | "GIT_TOO_OLD"
  | "GIT_FAILED"
  | "MISSING_OBJECT"
  | "HOOKS_PATH_CONFLICT"
  | "INSTALL_FAILED"
  | "BAD_PACKAGE_JSON"
  | "BAD_HOOK_INPUT"
  | "BAD_CONFIG"
  | "NOT_FULLY_SCANNED"
  | "GIT_OUTPUT_INCOMPLETE"
  | "AUDIT_FAILED"
  | "BAD_ARCHIVE"
  | "ARCHIVE_TOO_LARGE"
  | "BAD_IMAGE";

export class PinekeyError extends Error {
  readonly code: PinekeyErrorCode;
  /** What the person should do next; printed under the message. */
  readonly hint: string | undefined;

  constructor(code: PinekeyErrorCode, message: string, hint?: string) {
    super(message);
    this.name = "PinekeyError";
    this.code = code;
    this.hint = hint;
  }
}
