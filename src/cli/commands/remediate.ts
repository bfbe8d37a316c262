import { closest } from "../../core/closest.js";
import { PinekeyError } from "../../core/errors.js";
import {
  listing,
  parseLanguage,
  parseMethod,
  REMEDIATE_LANGUAGES,
  REMEDIATE_METHODS,
  renderChoices,
  renderRemediation,
  type RemediateLanguage,
  type RemediateMethod,
} from "../remediation.js";
import type { CommandResult } from "../result.js";

export interface RemediateOptions {
  /** --lang, as typed. */
  lang?: string;
  /** --via, as typed. */
  via?: string;
}

const HINT = 'Run "pinekey-hook remediate" to see the choices.';

/** "(did you mean python?)" for a near typo, else the values allowed. */
function nearest(typed: string, values: readonly string[]): string {
  const near = closest(typed, values);
  return near ? `(did you mean ${near}?)` : `(use ${listing(values)}).`;
}

/**
 * `pinekey-hook remediate [--lang <language>] [--via <method>]`: print the snippet and the rotation
 * checklist. No flags: list the choices. Unknown values: BAD_ARGUMENTS (exit 2, naming the allowed
 * values).
 *
 * One flag alone still prints a snippet, never an error:
 * - `--lang X` alone uses `--via env`: the environment variable is the first recommendation (no
 *   extra service, and the SDKs read PINECONE_API_KEY themselves);
 * - `--via M` alone uses `--lang shell`: the shell snippet is the method's own CLI (aws, vault,
 *   conjur) plus curl, which fits any stack, including config-only repositories.
 * The output then says which default was taken and how to ask for another.
 */
export function remediateCommand(options: RemediateOptions = {}): CommandResult {
  if (options.lang === undefined && options.via === undefined) return { exitCode: 0, stdout: renderChoices() };

  let language: RemediateLanguage = "shell";
  if (options.lang !== undefined) {
    const parsed = parseLanguage(options.lang);
    if (parsed === undefined) {
      throw new PinekeyError(
        "BAD_ARGUMENTS",
        `unknown language "${options.lang}" for --lang ${nearest(options.lang, REMEDIATE_LANGUAGES)}`,
        HINT,
      );
    }
    language = parsed;
  }

  let method: RemediateMethod = REMEDIATE_METHODS[0];
  if (options.via !== undefined) {
    const parsed = parseMethod(options.via);
    if (parsed === undefined) {
      throw new PinekeyError(
        "BAD_ARGUMENTS",
        `unknown method "${options.via}" for --via ${nearest(options.via, REMEDIATE_METHODS)}`,
        HINT,
      );
    }
    method = parsed;
  }

  const { program, prose } = renderRemediation(language, method, {
    languageDefaulted: options.lang === undefined,
    methodDefaulted: options.via === undefined,
  });
  return { exitCode: 0, stdout: program, stderr: prose };
}
