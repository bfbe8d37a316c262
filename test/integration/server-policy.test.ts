/**
 * pre-receive answers to the admin (git config pinekey.config), never to the pushed content: allow
 * comments need a reason there, a policy can turn them off, every key let through as allowed is
 * recorded in $GIT_DIR/pinekey/audit.jsonl, and a record that cannot be written refuses the push.
 * Real pushes to a real bare repository through its real hooks/pre-receive.
 */
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fakeKey, fakeUuid } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { commitFile, createPushSetup, writeHook, type PushSetup } from "../helpers/remote.js";

function withServer(fn: (setup: PushSetup, keys: string[]) => void) {
  return () => {
    const setup = createPushSetup();
    writeHook(join(setup.remote, "hooks", "pre-receive"), "pre-receive");
    // A first commit, so a rejected one can be dropped with reset HEAD~1.
    commitFile(setup.work, "README.md", "# app\n");
    const keys: string[] = [];
    try {
      fn(setup, keys);
    } finally {
      setup.work.remove();
    }
  };
}

function auditLines(setup: PushSetup): Array<Record<string, unknown>> {
  const file = join(setup.remote, "pinekey", "audit.jsonl");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
}

function setPolicy(setup: PushSetup, policy: unknown, name = "policy.json"): void {
  writeFileSync(join(setup.remote, name), JSON.stringify(policy));
  setup.work.gitOk("--git-dir", setup.remote, "config", "pinekey.config", name);
}

describe("pre-receive: the server's policy", () => {
  test("a bare pinekey-allow does not allow on the server; a reason does, and is audited", withServer((setup, keys) => {
    const key = fakeKey();
    keys.push(key);
    commitFile(setup.work, "app.py", `PINECONE_API_KEY = "${key}"  # pinekey-allow\n`, "bare allow");
    const bare = setup.pushNoVerify("origin", "main");
    assert.notEqual(bare.status, 0);
    assert.match(bare.stderr, /remote: pinekey-hook: push rejected/);
    assert.match(bare.stderr, /This server needs the reason/);
    assert.match(bare.stderr, /1 line has an allow comment this server did not accept/);
    assert.deepEqual(auditLines(setup), [], "nothing recorded for a rejected push");

    setup.work.gitOk("reset", "-q", "--hard", "HEAD~1");
    commitFile(setup.work, "app.py", `PINECONE_API_KEY = "${key}"  # pinekey-allow: revoked test key ${key}\n`, "allow with reason");
    const withReason = setup.work.git(["push", "--no-verify", "origin", "main"], { env: { GL_USERNAME: "alice", USER: "git" } });
    assert.equal(withReason.status, 0, withReason.stderr);
    assertNoKeyIn(withReason.stderr, keys, "pre-receive output");
    const records = auditLines(setup);
    assert.equal(records.length, 1);
    const last = records[records.length - 1]!;
    assert.deepEqual(Object.keys(last), ["time", "pusher", "pusherFrom", "ref", "commit", "origin", "via", "file", "line", "rule", "fingerprint", "reason"]);
    assert.equal(last.ref, "refs/heads/main");
    assert.deepEqual([last.pusher, last.pusherFrom], ["alice", "GL_USERNAME"]);
    assert.equal(last.file, "app.py");
    assert.equal(last.line, 1);
    assert.equal(last.rule, "pinecone-api-key");
    assert.match(String(last.fingerprint), /^pinecone-api-key:[0-9a-f]{16}$/);
    assert.match(String(last.reason), /^revoked test key pcsk_\w+_\w{4}…$/, "the key in the reason is masked");
    assertNoKeyIn(readFileSync(join(setup.remote, "pinekey", "audit.jsonl"), "utf8"), keys, "audit.jsonl");
  }));

  test("keys in a commit message, a pushed blob and a next-line comment: the same policy, each audited where it came in", withServer((setup, keys) => {
    const [inMessage, inBlob, nextLine, bareInBlob] = [fakeKey(), fakeKey(), fakeKey(), fakeKey()];
    keys.push(inMessage, inBlob, nextLine, bareInBlob);
    // A bare allow in a blob pushed as a tag is refused like one in a file.
    const blobOf = (text: string): string => setup.work.git(["hash-object", "-w", "--stdin"], { input: text }).stdout.trim();
    const bare = blobOf(`PINECONE_API_KEY=${bareInBlob}  # pinekey-allow\n`);
    const refused = setup.pushNoVerify("origin", `${bare}:refs/tags/bare`);
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /this server did not accept/);
    assertNoKeyIn(refused.stderr, keys, "pre-receive output");

    commitFile(setup.work, "n.py", `# pinekey-allow-next-line: rotated in staging\nPINECONE_API_KEY = "${nextLine}"\n`, `fixture key ${inMessage}  # pinekey-allow: revoked`);
    const blob = blobOf(`PINECONE_API_KEY=${inBlob}  # pinekey-allow: sample data\n`);
    const push = setup.work.git(["push", "--no-verify", "origin", "main", `${blob}:refs/tags/sample`], { env: { REMOTE_USER: "carol" } });
    assert.equal(push.status, 0, push.stderr);
    assertNoKeyIn(push.stderr, keys, "pre-receive output");
    const records = auditLines(setup);
    const byReason = new Map(records.map((record) => [String(record.reason), record]));
    const commit = setup.remoteRef("main");
    const fromMessage = byReason.get("revoked")!;
    assert.deepEqual([fromMessage.ref, fromMessage.commit, fromMessage.origin, fromMessage.file], ["refs/heads/main", commit, "commit", "commit message"]);
    const fromNextLine = byReason.get("rotated in staging")!;
    assert.deepEqual([fromNextLine.ref, fromNextLine.commit, fromNextLine.file, fromNextLine.line], ["refs/heads/main", commit, "n.py", 2]);
    const fromBlob = byReason.get("sample data")!;
    assert.deepEqual([fromBlob.ref, fromBlob.commit, fromBlob.via], ["refs/tags/sample", null, "blob"]);
    for (const record of records) assert.deepEqual([record.pusher, record.pusherFrom], ["carol", "REMOTE_USER"]);
    assert.equal(records.length, 3);
    assertNoKeyIn(readFileSync(join(setup.remote, "pinekey", "audit.jsonl"), "utf8"), keys, "audit.jsonl");
  }));

  test("the pusher comes from the variables the git host sets", withServer((setup, keys) => {
    const key = fakeKey();
    keys.push(key);
    commitFile(setup.work, "k.py", `KEY = "${key}"  # pinekey-allow: fixture\n`);
    const push = setup.work.git(["push", "--no-verify", "origin", "main"], { env: { GITEA_PUSHER_NAME: "bob" } });
    assert.equal(push.status, 0, push.stderr);
    const [record] = auditLines(setup);
    assert.equal(record!.pusher, "bob");
    assert.equal(record!.pusherFrom, "GITEA_PUSHER_NAME");
    assert.equal(record!.commit, setup.remoteRef("main"));
  }));

  test("the policy file can turn allow comments off, add rules and allow patterns", withServer((setup, keys) => {
    const key = fakeKey();
    keys.push(key);
    setPolicy(setup, { allowComments: "off", rules: [{ id: "acme-token", regex: "acme_[a-z0-9]{24}" }], allow: ["FIXTURE-ONLY"] });
    commitFile(setup.work, "a.py", `PINECONE_API_KEY = "${key}"  # pinekey-allow: a good reason\n`);
    const off = setup.pushNoVerify("origin", "main");
    assert.notEqual(off.status, 0);
    assert.match(off.stderr, /accepts no allow comments/);

    setup.work.gitOk("reset", "-q", "--hard", "HEAD~1");
    commitFile(setup.work, "b.py", `token = "acme_${"a1b2c3".repeat(4)}"\n`);
    const custom = setup.pushNoVerify("origin", "main");
    assert.notEqual(custom.status, 0, "the admin's custom rule blocks");
    assert.match(custom.stderr, /acme-token/);

    setup.work.gitOk("reset", "-q", "--hard", "HEAD~1");
    commitFile(setup.work, "c.py", `PINECONE_API_KEY = "${key}"  # FIXTURE-ONLY\n`);
    const allowed = setup.pushNoVerify("origin", "main");
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.equal(auditLines(setup)[0]!.reason, "config allow /FIXTURE-ONLY/");
  }));

  test("a .pinekeyrc.json in the pushed content is not read", withServer((setup, keys) => {
    const key = fakeKey();
    keys.push(key);
    commitFile(setup.work, ".pinekeyrc.json", JSON.stringify({ disableRules: ["pinecone-api-key"], allowComments: "any" }));
    commitFile(setup.work, "d.py", `PINECONE_API_KEY = "${key}"\n`);
    const push = setup.pushNoVerify("origin", "main");
    assert.notEqual(push.status, 0);
    assert.match(push.stderr, /push rejected/);
  }));

  test("a bad or missing policy file fails closed, naming it", withServer((setup) => {
    setup.work.gitOk("--git-dir", setup.remote, "config", "pinekey.config", "/nonexistent/policy.json");
    const missing = setup.pushNoVerify("origin", "main");
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /git config pinekey\.config names \/nonexistent\/policy\.json/);
    setPolicy(setup, { rules: [{ id: "look", regex: "(?=x)x" }] });
    const bad = setup.pushNoVerify("origin", "main");
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /\(rule "look"\) cannot run on the linear-time regex engine/);
  }));

  test("an audit record that cannot be written refuses the push (exit 2)", withServer((setup, keys) => {
    const key = fakeKey();
    keys.push(key);
    // A file where the audit directory should be: the record cannot be written, whoever runs the test.
    writeFileSync(join(setup.remote, "pinekey"), "not a directory\n");
    commitFile(setup.work, "e.py", `PINECONE_API_KEY = "${key}"  # pinekey-allow: fixture\n`);
    const push = setup.pushNoVerify("origin", "main");
    assert.notEqual(push.status, 0);
    assert.match(push.stderr, /could not record the allowed keys in .*audit\.jsonl/);
    assert.match(push.stderr, /fails closed|failed closed|rejected/i);
    assert.equal(setup.remoteRef("main"), "", "main not created");
  }));
});

describe("the redaction gate", () => {
  test("a key in an allow reason is masked in JSON allowReason and SARIF justification", () => {
    const setup = createPushSetup();
    try {
      const key = fakeKey();
      const uuid = fakeUuid();
      setup.work.stage("app.py", `PINECONE_API_KEY = "${key}"  # pinekey-allow: old key ${key} and api_key=${uuid}\n`);
      const json = setup.work.cli(["scan", "--staged", "--format", "json"]);
      assert.equal(json.status, 0, json.stderr);
      const [finding] = (JSON.parse(json.stdout) as { findings: Array<{ allowReason: string }> }).findings;
      assert.match(finding!.allowReason, /^old key pcsk_\w+_\w{4}… and api_key=[0-9a-f]{4}…$/);
      const sarif = setup.work.cli(["scan", "--staged", "--format", "sarif"]);
      const justification = (JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ suppressions: Array<{ justification: string }> }> }> })
        .runs[0]!.results[0]!.suppressions[0]!.justification;
      assert.match(justification, /^old key pcsk_\w+_\w{4}…/);
      assertNoKeyIn(json.stdout + json.stderr + sarif.stdout + sarif.stderr, [key, uuid], "scan output");
    } finally {
      setup.work.remove();
    }
  });

  test("a key in a commit subject is masked in scan --range text and JSON", () => {
    const setup = createPushSetup();
    try {
      const key = fakeKey();
      const other = fakeKey();
      commitFile(setup.work, "README.md", "# app\n");
      commitFile(setup.work, "app.py", `PINECONE_API_KEY = "${other}"\n`, `add key ${key} PINECONE_API_KEY=${fakeUuid()}`);
      for (const format of ["text", "json"]) {
        const run = setup.work.cli(["scan", "--range", "HEAD~1..HEAD", "--format", format]);
        assert.equal(run.status, 1, run.stderr);
        assertNoKeyIn(run.stdout + run.stderr, [key, other], `scan --range --format ${format}`);
        if (format === "json") assert.match(run.stdout, /"subject": "add key pcsk_\w+_\w{4}… PINECONE_API_KEY=[0-9a-f]{4}…"/);
      }
    } finally {
      setup.work.remove();
    }
  });

  test("the ignore --last record is written through the gate", () => {
    const setup = createPushSetup();
    try {
      const key = fakeKey();
      const dir = `keys-${key}`;
      mkdirSync(join(setup.work.dir, dir), { recursive: true });
      setup.work.stage(`${dir}/app.py`, `PINECONE_API_KEY = "${key}"\n`);
      const run = setup.work.cli(["scan", "--staged"]);
      assert.equal(run.status, 1);
      const record = readFileSync(join(setup.work.dir, ".git", "pinekey", "last-findings.json"), "utf8");
      assertNoKeyIn(record + run.stdout + run.stderr, [key], "a key in a file name");
      chmodSync(join(setup.work.dir, ".git", "pinekey", "last-findings.json"), 0o644);
    } finally {
      setup.work.remove();
    }
  });
});
