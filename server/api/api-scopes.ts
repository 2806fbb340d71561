// What an API key may do. Pure, so the settings page can list them.
export const API_SCOPES = ["leads:read", "leads:write", "webhooks:manage"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  "leads:read": "Read leads",
  "leads:write": "Add leads and update them (external job, booking, outcome)",
  "webhooks:manage": "Manage webhook endpoints",
};
