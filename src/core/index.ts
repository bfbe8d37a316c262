export { Detector, DIFF_CONTEXT_LINES, LEGACY_CONTEXT_WINDOW } from "./detector.js";
export { DiffParser, type DiffSink } from "./diff-parser.js";
export { PinekeyError, type PinekeyErrorCode } from "./errors.js";
export { RULES, type Finding, type RuleId, type RuleInfo, type Encoding } from "./finding.js";
export { fingerprintOf, redactCurrentKey, redactLegacyKey, scrubKeys } from "./mask.js";
export { isPlaceholderSecret, isPlaceholderUuid } from "./placeholder.js";
export { commentSyntaxOf, languageOf, type CommentSyntax, type LanguageId } from "./languages.js";
export { COMMIT_RECORD_FORMAT, PatchScanner, parseCommitRecord, type CommitInfo } from "./scan.js";
export { isZeroOid, parsePreReceiveInput, parsePrePushInput, pushTips, type PushedRef, type ReceivedRef } from "./push-lines.js";
