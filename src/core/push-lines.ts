import { PinekeyError } from "./errors.js";

/**
 * What git writes on a pre-push hook's stdin, one line per ref being pushed:
 *
 *   <local-ref> SP <local-oid> SP <remote-ref> SP <remote-oid> LF
 *   refs/heads/main 67c9f4e… refs/heads/main 3b18e51…      update
 *   refs/heads/topic 67c9f4e… refs/heads/topic 0000000…    new branch (remote oid all zeros)
 *   (delete) 0000000… refs/heads/old 3b18e51…              deletion (local oid all zeros)
 *
 * and on a pre-receive hook's stdin:
 *
 *   <old-oid> SP <new-oid> SP <ref-name> LF
 *
 * Zeros are 40 long in SHA-1 repositories and 64 long in SHA-256 ones. Nothing to push: empty stdin.
 */

const OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export function isZeroOid(oid: string): boolean {
  return /^0+$/.test(oid);
}

export interface PushedRef {
  localRef: string;
  localOid: string;
  remoteRef: string;
  remoteOid: string;
}

export interface ReceivedRef {
  oldOid: string;
  newOid: string;
  ref: string;
}

function badLine(hook: string, line: string, expected: string): PinekeyError {
  const shown = line.length > 120 ? `${line.slice(0, 120)}…` : line;
  return new PinekeyError(
    "BAD_HOOK_INPUT",
    `unexpected ${hook} input line: "${shown}" (expected "${expected}").`,
    `This command reads what git gives a ${hook} hook on stdin; run it from the hook, not by hand.`,
  );
}

function lines(text: string): string[] {
  return text.split("\n").map((line) => line.replace(/\r$/, "")).filter((line) => line.trim() !== "");
}

export function parsePrePushInput(text: string): PushedRef[] {
  return lines(text).map((line) => {
    const fields = line.split(" ");
    const [localRef, localOid, remoteRef, remoteOid] = fields;
    if (fields.length !== 4 || !OID.test(localOid!) || !OID.test(remoteOid!)) {
      throw badLine("pre-push", line, "<local-ref> <local-oid> <remote-ref> <remote-oid>");
    }
    return { localRef: localRef!, localOid: localOid!, remoteRef: remoteRef!, remoteOid: remoteOid! };
  });
}

export function parsePreReceiveInput(text: string): ReceivedRef[] {
  return lines(text).map((line) => {
    const fields = line.split(" ");
    const [oldOid, newOid, ref] = fields;
    if (fields.length !== 3 || !OID.test(oldOid!) || !OID.test(newOid!)) {
      throw badLine("pre-receive", line, "<old-oid> <new-oid> <ref-name>");
    }
    return { oldOid: oldOid!, newOid: newOid!, ref: ref! };
  });
}

/**
 * The revisions a push would newly send: every pushed tip (deletions send nothing) minus every
 * remote oid the local repository already has. The caller adds `--remotes=<remote>` (or every
 * remote-tracking ref, for a push to a bare URL) so commits the remote already has are not rescanned.
 */
export function pushTips(refs: PushedRef[]): { include: string[]; remoteOids: string[] } {
  const include = refs.filter((r) => !isZeroOid(r.localOid)).map((r) => r.localOid);
  const remoteOids = refs.filter((r) => !isZeroOid(r.remoteOid)).map((r) => r.remoteOid);
  return { include: [...new Set(include)], remoteOids: [...new Set(remoteOids)] };
}
