/**
 * What a live key exposes, in one sentence for the text report:
 *   "this key can read, change or delete 2 indexes: docs (1536-dim, aws us-east-1, deletion protection on),
 *    support-tickets (…); 1 collection: old-docs"
 * JSON carries the same as `exposure` on the finding, SARIF as `properties.exposure`.
 */
import type { ExposedIndex, Exposure } from "../core/finding.js";

/** At most this many names in the sentence; the rest is counted ("… and 12 more"). */
const SHOWN = 5;

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function indexDetail(index: ExposedIndex): string {
  const where = index.cloud ? [index.cloud, index.region].filter(Boolean).join(" ") : index.environment;
  const parts = [
    index.dimension !== undefined ? `${index.dimension}-dim` : undefined,
    where,
    index.deletionProtection === "enabled" ? "deletion protection on" : index.deletionProtection === "disabled" ? "no deletion protection" : undefined,
  ].filter((part): part is string => part !== undefined && part !== "");
  return parts.length > 0 ? `${index.name} (${parts.join(", ")})` : index.name;
}

function listed(names: string[]): string {
  const shown = names.slice(0, SHOWN).join(", ");
  return names.length > SHOWN ? `${shown} … and ${names.length - SHOWN} more` : shown;
}

export function describeExposure(exposure: Exposure): string {
  const indexes =
    exposure.indexes.length === 0
      ? "no indexes yet (it can create them)"
      : `${plural(exposure.indexes.length, "index", "indexes")}: ${listed(exposure.indexes.map(indexDetail))}`;
  const collections =
    exposure.collections === undefined
      ? "collections not listed"
      : exposure.collections.length === 0
        ? "no collections"
        : `${plural(exposure.collections.length, "collection", "collections")}: ${listed(exposure.collections.map((c) => c.name))}`;
  return `this key can read, change or delete ${indexes}; ${collections}`;
}
