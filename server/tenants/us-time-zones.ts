// Every US time zone (states and territories) by the name people know it by, for the sign-up,
// add-business and business-settings pickers. Values are IANA zones, as the tenant stores them.
const REGION: [string, string[]][] = [
  [
    "Eastern Time",
    [
      "America/New_York",
      "America/Detroit",
      "America/Kentucky/Louisville",
      "America/Kentucky/Monticello",
      "America/Indiana/Indianapolis",
      "America/Indiana/Vincennes",
      "America/Indiana/Winamac",
      "America/Indiana/Marengo",
      "America/Indiana/Petersburg",
      "America/Indiana/Vevay",
    ],
  ],
  [
    "Central Time",
    [
      "America/Chicago",
      "America/Indiana/Tell_City",
      "America/Indiana/Knox",
      "America/Menominee",
      "America/North_Dakota/Center",
      "America/North_Dakota/New_Salem",
      "America/North_Dakota/Beulah",
    ],
  ],
  ["Mountain Time", ["America/Denver", "America/Boise"]],
  ["Mountain Time, no daylight saving", ["America/Phoenix"]],
  ["Pacific Time", ["America/Los_Angeles"]],
  [
    "Alaska Time",
    [
      "America/Anchorage",
      "America/Juneau",
      "America/Sitka",
      "America/Metlakatla",
      "America/Yakutat",
      "America/Nome",
    ],
  ],
  ["Hawaii-Aleutian Time", ["America/Adak", "Pacific/Honolulu"]],
  ["Atlantic Time", ["America/Puerto_Rico", "America/St_Thomas"]],
  ["Chamorro Time", ["Pacific/Guam", "Pacific/Saipan"]],
  ["Samoa Time", ["Pacific/Pago_Pago"]],
];

const place = (zone: string) => {
  const parts = zone
    .split("/")
    .slice(1)
    .map((p) => p.replace(/_/g, " "));
  return parts.length > 1 ? `${parts.at(-1)}, ${parts.slice(0, -1).join(" ")}` : (parts[0] ?? zone);
};

export const US_TIME_ZONES: { zone: string; label: string }[] = REGION.flatMap(([region, zones]) =>
  zones.map((zone) => ({ zone, label: `${region} — ${place(zone)}` })),
);

/** The label of a zone: its US name, or the zone itself in words elsewhere. */
export function timeZoneLabel(zone: string): string {
  return US_TIME_ZONES.find((z) => z.zone === zone)?.label ?? zone.replace(/_/g, " ");
}
