/**
 * Real patch text for the core's tests: git itself writes it, with exactly the options the hook
 * uses (PATCH_OPTIONS), so the parser is tested on what it will meet, not on hand-written guesses.
 */
import { PATCH_OPTIONS } from "../../dist/git/staged.js";
import { TempRepo } from "./repo.js";

/** Run `setup` in a fresh repository, then return `git diff --cached` with the hook's options. */
export function stagedPatch(setup: (repo: TempRepo) => void, extraDiffArgs: string[] = []): string {
  const repo = TempRepo.create();
  try {
    setup(repo);
    return repo.gitOk("diff", "--cached", ...PATCH_OPTIONS, ...extraDiffArgs);
  } finally {
    repo.remove();
  }
}

/** Commit everything staged so far, so the next stage shows up as a modification. */
export function commitBase(repo: TempRepo, message = "base"): void {
  repo.gitOk("commit", "-q", "--no-verify", "-m", message);
}

/** Cut `text` into pieces of the given sizes, cycling through them (the parser must not care). */
export function chunked(text: string, sizes: number[]): string[] {
  const chunks: string[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]!);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}
