/**
 * What install and uninstall (per repository and --global) tell the person. Every line stays
 * within 80 columns; paths and commands that may be longer get a line of their own.
 */
import kleur from "kleur";
import { colourEnabled } from "./colour.js";
import { wrap } from "./text.js";

kleur.enabled = colourEnabled();

const ok = (): string => kleur.green("✔");
const warn = (): string => kleur.yellow("!");

export interface InstallReport {
  /** Each hook file and whether install changed it. */
  hooks: Array<{ file: string; changed: boolean }>;
  /** The husky folder, relative to the top of the repository (`.husky`, `web/.husky`). */
  huskyDir: string;
  /** The package's folder relative to the top (`web`), or "" at the top. */
  packageDir: string;
  packageJsonChanges: string[];
  huskyNote: string | undefined;
  cliOnPath: boolean;
  hasPackageJson: boolean;
  shadowedHook: string | undefined;
  /** How to install the CLI for a repository without package.json. */
  installAdvice: string;
}

export function installMessage(report: InstallReport): string {
  const lines: string[] = [];
  for (const hook of report.hooks) {
    lines.push(hook.changed ? `${ok()} added the pinekey-hook check to ${hook.file}` : `${ok()} ${hook.file} already runs pinekey-hook (unchanged)`);
  }
  if (!report.huskyNote) lines.push(`${ok()} git runs hooks from ${report.huskyDir} (core.hooksPath=${report.huskyDir}/_)`);
  for (const change of report.packageJsonChanges) {
    lines.push(`${ok()} ${report.packageDir === "" ? "" : `${report.packageDir}/`}package.json: ${change}`);
  }
  if (report.packageJsonChanges.length > 0) {
    const where = report.packageDir === "" ? "" : `cd ${report.packageDir} && `;
    lines.push(`  Run ${kleur.cyan(`${where}npm install`)} once to update the lockfile; teammates`, "  then get the hooks with their next npm install.");
  }
  if (report.huskyNote) lines.push(`${warn()} husky: ${report.huskyNote}`);
  if (report.shadowedHook) {
    lines.push(
      `${warn()} ${report.shadowedHook} no longer runs (git now reads ${report.huskyDir});`,
      `  move its commands into ${report.huskyDir}/pre-commit.`,
    );
  }
  if (!report.hasPackageJson && !report.cliOnPath) {
    lines.push(
      `${warn()} pinekey-hook is not on your PATH, and the hook needs it.`,
      `  ${report.installAdvice}`,
      "  Until then the hook stops commits and says so.",
    );
  }
  const names = report.hooks.map((hook) => hook.file);
  const files = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : (names[0] ?? "");
  const what = report.hooks.some((hook) => hook.file.endsWith("/pre-push")) ? "Commits and pushes" : "Commits";
  if (report.huskyNote) {
    lines.push(`The hook files are in place; ${what.toLowerCase()} are checked once husky's set-up runs.`);
  } else {
    lines.push(`${what} that add a Pinecone API key are now blocked.`, ...wrap(`Commit ${files} to share the set-up.`));
  }
  return lines.join("\n") + "\n";
}

export function uninstallMessage(changed: string[], deleted: string[], shared: string[] = []): string {
  const kept = shared.map((place) => `${warn()} left ${place} as it is: it runs other commands too;\n  remove "pinekey-hook" from it by hand.`);
  if (changed.length === 0 && deleted.length === 0) {
    return kept.length > 0 ? kept.join("\n") + "\n" : "pinekey-hook: no pinekey-hook lines found; nothing to do.\n";
  }
  const lines = [
    ...kept,
    ...changed.map((file) => `${ok()} removed the pinekey-hook line from ${file}`),
    ...deleted.map((file) => `${ok()} removed ${file} (it held only pinekey-hook)`),
    "husky and its other hooks are left as they are.",
  ];
  return lines.join("\n") + "\n";
}

export interface GlobalInstallReport {
  /** The folder git's global core.hooksPath now names. */
  hooksDir: string;
  /** The node and bin.cjs the hooks run. */
  node: string;
  bin: string;
  /** The CLI runs from npx's cache, which npm may clean. */
  temporaryCli: boolean;
  installAdvice: string;
  /** The repository install --global was run in has its own core.hooksPath (husky, say). */
  localHooksPath: string | undefined;
}

export function installGlobalMessage(report: GlobalInstallReport): string {
  const lines = [
    `${ok()} git's global core.hooksPath is now`,
    `    ${report.hooksDir}`,
    `${ok()} its pre-commit and pre-push hooks run pinekey-hook, then the repository's`,
    "  own .git/hooks/<name>; its other hooks run only the repository's own.",
    `${ok()} the hooks run ${report.bin}`,
    `  with ${report.node} (no PATH needed: GUI clients work too)`,
  ];
  if (report.temporaryCli) {
    lines.push(`${warn()} that is npx's cache, which npm may clean. ${report.installAdvice}`, "  then run pinekey-hook install --global again.");
  }
  if (report.localHooksPath !== undefined) {
    lines.push(
      `${warn()} this repository sets its own core.hooksPath (${report.localHooksPath}), so`,
      "  git runs its hooks instead: run pinekey-hook install here too.",
    );
  }
  lines.push(
    "Every repository of yours on this machine now blocks commits and pushes that",
    "add a Pinecone API key, except those with their own core.hooksPath (husky,",
    "say: run pinekey-hook install in them). Undo: pinekey-hook uninstall --global",
  );
  return lines.join("\n") + "\n";
}

export function uninstallGlobalMessage(unset: boolean, removed: number, otherHooksPath: string | undefined): string {
  const lines: string[] = [];
  if (unset) lines.push(`${ok()} removed git's global core.hooksPath (it named pinekey-hook's hooks)`);
  if (otherHooksPath !== undefined) {
    lines.push(`${warn()} git's global core.hooksPath is ${otherHooksPath}, not pinekey-hook's: left alone.`);
  }
  if (removed > 0) lines.push(`${ok()} removed pinekey-hook's ${removed} global hook scripts`);
  if (lines.length === 0) return "pinekey-hook: no global install found; nothing to do.\n";
  lines.push("Repositories now run their own .git/hooks again.");
  return lines.join("\n") + "\n";
}
