import { describe, expect, it } from "vitest";
import { scopeArgs } from "./tenant-scope";

describe("tenant scoping of Prisma arguments", () => {
  it("adds tenantId to every read, update and delete of a tenant model", () => {
    for (const op of [
      "findMany",
      "findFirst",
      "findUnique",
      "count",
      "updateMany",
      "deleteMany",
      "update",
      "delete",
      "groupBy",
      "aggregate",
    ]) {
      expect(scopeArgs("Lead", op, { where: { id: "x" } }, "t1").where).toEqual({ id: "x", tenantId: "t1" });
    }
  });

  it("overrides a tenantId the caller tried to pass", () => {
    expect(scopeArgs("Lead", "findMany", { where: { tenantId: "other" } }, "t1").where).toEqual({
      tenantId: "t1",
    });
    expect(scopeArgs("Lead", "create", { data: { tenantId: "other", status: "missed" } }, "t1").data).toEqual(
      { tenantId: "t1", status: "missed" },
    );
  });

  it("stamps tenantId on every row created", () => {
    expect(scopeArgs("ServiceZip", "createMany", { data: [{ zip: "1" }, { zip: "2" }] }, "t1").data).toEqual([
      { zip: "1", tenantId: "t1" },
      { zip: "2", tenantId: "t1" },
    ]);
    const up = scopeArgs(
      "Lead",
      "upsert",
      { where: { id: "a" }, create: { status: "missed" }, update: {} },
      "t1",
    );
    expect(up.where).toEqual({ id: "a", tenantId: "t1" });
    expect(up.create).toEqual({ status: "missed", tenantId: "t1" });
  });

  it("scopes a read with no filter at all (the dangerous case)", () => {
    expect(scopeArgs("ApiKey", "deleteMany", undefined, "t1").where).toEqual({ tenantId: "t1" });
  });

  it("leaves models without tenantId alone", () => {
    expect(scopeArgs("User", "findMany", { where: { id: "u" } }, "t1").where).toEqual({ id: "u" });
  });

  it("answers the tenant directory with the tenant's own row only", () => {
    expect(scopeArgs("Tenant", "findMany", undefined, "t1").where).toEqual({ AND: [{ id: "t1" }] });
    // Another tenant's id stays asked for, and finds nothing.
    expect(scopeArgs("Tenant", "update", { where: { id: "t2" }, data: {} }, "t1").where).toEqual({
      id: "t2",
      AND: [{ id: "t1" }],
    });
    expect(
      scopeArgs("Tenant", "findFirst", { where: { slug: "b", AND: { name: "B" } } }, "t1").where,
    ).toEqual({ slug: "b", AND: [{ name: "B" }, { id: "t1" }] });
    expect(scopeArgs("Tenant", "create", { data: { name: "A" } }, "t1").data).toEqual({
      name: "A",
      id: "t1",
    });
    expect(() => scopeArgs("Tenant", "createMany", { data: [] }, "t1")).toThrow(/own tenant/);
  });
});
