// The ZIPs the simulator's quick-fill phrases use: one of the business's own (so "My ZIP is …"
// reaches the problem question wherever the business works) and one it does not serve (to hear
// the polite decline). Pure.

/** Well-known ZIPs far apart; the first one the business does not serve is the out-of-area sample. */
export const OUT_OF_AREA_CANDIDATES = ["10001", "90210", "60601", "33101", "98101"] as const;

export function sampleZips(serviceZips: readonly string[]): {
  inArea: string | null;
  outOfArea: string | null;
} {
  const served = new Set(serviceZips);
  return {
    inArea: [...serviceZips].sort()[0] ?? null,
    outOfArea: OUT_OF_AREA_CANDIDATES.find((z) => !served.has(z)) ?? null,
  };
}
