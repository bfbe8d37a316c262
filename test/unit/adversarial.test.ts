/**
 * The adversarial inputs (test/helpers/adversarial.ts) give the right results. How long they take
 * is measured by `npm run bench`, not asserted here.
 */
import { describe, it } from "node:test";
import { ADVERSARIAL_CASES } from "../helpers/adversarial.js";

describe("adversarial inputs", () => {
  for (const adversarial of ADVERSARIAL_CASES) {
    it(adversarial.name, () => {
      const { run, check } = adversarial.setup();
      check(run());
    });
  }
});
