import { describe, expect, it } from "vitest";
import { AppError, unwrap } from "./api";

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
