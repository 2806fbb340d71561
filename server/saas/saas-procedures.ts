// The SaaS-mode procedures that go through the agency gate (operators only), listed once for the
// tenant gate test (they are not tenant procedures) and the SaaS gate test (each is proved there).
export const SAAS_AGENCY_PROCEDURES = [
  "saas.plans",
  "saas.createPlan",
  "saas.updatePlan",
  "saas.businesses",
  "saas.assignPlan",
  "saas.connectStatus",
  "saas.startConnect",
  "saas.margin",
  "saas.marginHistory",
  "saas.apiKeys",
  "saas.createApiKey",
  "saas.revokeApiKey",
  "saas.brand",
  "saas.updateBrand",
  "saas.uploadLogo",
] as const;
