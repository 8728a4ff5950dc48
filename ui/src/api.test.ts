import { describe, expect, expectTypeOf, it } from "vitest";
import { AppError, api, unwrap, unwrapEvery, type Article, type LinkRequest } from "./api";
import type { commands } from "./bindings";

describe("unwrap", () => {
  it("returns the data of a successful command", async () => {
    await expect(unwrap(Promise.resolve({ status: "ok" as const, data: 42 }))).resolves.toBe(42);
  });

  it("throws the backend's typed error", async () => {
    const failed = unwrap(
      Promise.resolve({ status: "error" as const, error: { kind: "notFound" as const, message: "Article 9 was not found" } }),
    );
    await expect(failed).rejects.toBeInstanceOf(AppError);
    await expect(failed).rejects.toMatchObject({ kind: "notFound", message: "Article 9 was not found" });
  });

  it("turns Tauri's bare-string failures into internal errors", async () => {
    const failed = unwrap(Promise.resolve({ status: "error" as const, error: "command not allowed" }));
    await expect(failed).rejects.toMatchObject({ kind: "internal", message: "command not allowed" });
  });
});

describe("every command, unwrapped from the bindings", () => {
  it("keeps each command's arguments and gives its value, not a result wrapper", () => {
    expectTypeOf(api.getArticle).parameters.toEqualTypeOf<[id: number]>();
    expectTypeOf(api.getArticle).returns.resolves.toEqualTypeOf<Article>();
    expectTypeOf(api.takeLinkRequests).returns.resolves.toEqualTypeOf<LinkRequest[]>();
    expectTypeOf(api.refetchArticle).returns.resolves.not.toBeUnknown();
  });

  it("returns values, throws typed errors, and passes plain commands through", async () => {
    const fake = {
      getArticle: async (id: number) => ({ status: "ok" as const, data: { id } }),
      trashArticle: async () => ({ status: "error" as const, error: { kind: "notFound" as const, message: "Article 9 was not found" } }),
      takeLinkRequests: async () => [{ kind: "open", id: 3 }],
    } as unknown as typeof commands;
    const wrapped = unwrapEvery(fake);
    await expect(wrapped.getArticle(7)).resolves.toEqual({ id: 7 });
    await expect(wrapped.trashArticle(9)).rejects.toMatchObject({ kind: "notFound" });
    await expect(wrapped.takeLinkRequests()).resolves.toEqual([{ kind: "open", id: 3 }]);
  });
});
