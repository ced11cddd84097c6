import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LoginSchema } from "~/models/account-schema";
import { parseForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { refusal } from "../support/routes";

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("the one form pipeline (ADR 033)", () => {
  it("gives the schema the strings as typed and names each failing field with the schema's message", () => {
    const submission = parseForm(form({ username: "  ", password: "" }), LoginSchema);
    expect(submission.status).toBe("error");
    const answer = refusal(refuse(submission, { hideFields: ["password"] }));
    expect(answer.status).toBe(400);
    expect(answer.fieldErrors).toEqual({ username: ["common:errors.required"], password: ["common:errors.required"] });
    expect(answer.formError).toBeNull();
  });

  it("accepts a good form with the schema's own output; an empty field reaches the schema as \"\", not as missing", () => {
    const submission = parseForm(form({ username: " E10001 ", password: "0123456789", redirectTo: "" }), LoginSchema);
    expect(submission.status).toBe("success");
    // With Conform's automatic coercion "" would arrive as undefined and "0123456789" could become a
    // number; the hall's schemas read strings and parse money and quantities themselves.
    if (submission.status === "success") expect(submission.value).toEqual({ username: "E10001", password: "0123456789", redirectTo: "" });
    const Note = z.object({ note: z.string().max(10), quantity: z.string().regex(/^\d+$/) });
    const note = parseForm(form({ note: "", quantity: "007" }), Note);
    expect(note.status === "success" && note.value).toEqual({ note: "", quantity: "007" });
  });

  it("a model's refusal keeps what was typed, never the hidden fields, and carries the page's extras", () => {
    const submission = parseForm(form({ username: "office", password: "a secret password" }), LoginSchema);
    const answer = refusal<{ minutes: number }>(
      refuse(submission, { formError: "common:login.rateLimited", fieldErrors: { username: ["x:y"], password: undefined }, hideFields: ["password"] }, { status: 429, extra: { minutes: 15 } }),
    );
    expect(answer.status).toBe(429);
    expect(answer.formError).toBe("common:login.rateLimited");
    expect(answer.fieldErrors).toEqual({ username: ["x:y"] });
    expect(answer.values).toEqual({ username: "office" });
    expect(JSON.stringify(answer.body)).not.toContain("a secret password");
    expect(answer.body.minutes).toBe(15);
  });

  it("reads bracketed and dotted names as lists and objects, and reports errors under the same path", () => {
    const Lines = z.object({ lines: z.array(z.object({ sku: z.string().regex(/^[A-Z]{2}-\d{4}$/, "org:errors.sku") })) });
    const submission = parseForm(form({ "lines[0].sku": "ZL-0001", "lines[1].sku": "nope" }), Lines);
    expect(submission.status).toBe("error");
    expect(refusal(refuse(submission)).fieldErrors).toEqual({ "lines[1].sku": ["org:errors.sku"] });
  });
});
