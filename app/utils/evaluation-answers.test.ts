import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { answersFromFields, themesFromText, type QuestionKind } from "./evaluation-answers";

const kinds = new Map<number, QuestionKind>([
  [1, "likert"],
  [2, "text"],
]);

describe("answers from the answer form", () => {
  it("reads scale values as numbers, 'dontKnow' as itself and free text as text", () => {
    assert.deepEqual(answersFromFields({ q1: "4", q2: "Færre møter" }, kinds), [
      { questionId: 1, value: 4 },
      { questionId: 2, text: "Færre møter" },
    ]);
    assert.deepEqual(answersFromFields({ q1: "dontKnow" }, kinds), [{ questionId: 1, value: "dontKnow" }]);
  });

  it("keeps what the model must refuse: a value that is no digit, and a question the survey lacks", () => {
    assert.deepEqual(answersFromFields({ q1: "12" }, kinds), [{ questionId: 1, value: -1 }]);
    assert.deepEqual(answersFromFields({ q1: "fem" }, kinds), [{ questionId: 1, value: -1 }]);
    assert.deepEqual(answersFromFields({ q99: "3" }, kinds), [{ questionId: 99, value: 3 }]);
    // A digit in a free-text question is that question's text, not a scale value.
    assert.deepEqual(answersFromFields({ q2: "3" }, kinds), [{ questionId: 2, text: "3" }]);
  });

  it("answers nothing for no fields", () => {
    assert.deepEqual(answersFromFields({}, kinds), []);
  });
});

describe("themes typed by the facilitator", () => {
  it("splits on commas, trims and drops empty ones", () => {
    assert.deepEqual(themesFromText(" Organisering og styring, ,Roller ,"), ["Organisering og styring", "Roller"]);
    assert.deepEqual(themesFromText(""), []);
  });

  it("keeps at most five themes of at most 60 characters", () => {
    assert.deepEqual(themesFromText("a,b,c,d,e,f,g"), ["a", "b", "c", "d", "e"]);
    assert.equal(themesFromText("x".repeat(80))[0].length, 60);
  });
});
