// What an empty inbox says: the truth about why it is empty for this person, and only pages they
// may open (the "Test your flow" hint goes to those who may place test calls).

export type OthersOpen = { ownerName: string; total: number }[];

export type InboxEmptyText = {
  title: string;
  body: string;
  /** Whose open leads this person cannot see, e.g. "3 open leads are with Marco Ruiz." */
  othersNote: string | null;
  /** Offer "place a call in Test your flow" (only to people allowed to place test calls). */
  testCallHint: boolean;
};

function leads(n: number): string {
  return `${n} open lead${n === 1 ? "" : "s"}`;
}

/** "3 open leads are with Marco Ruiz, 1 with Ana Lee." */
export function othersOpenNote(others: OthersOpen): string | null {
  const [first, ...rest] = others.filter((o) => o.total > 0);
  if (!first) return null;
  const verb = first.total === 1 ? "is" : "are";
  const more = rest.map((o) => `, ${o.total} with ${o.ownerName}`).join("");
  return `${leads(first.total)} ${verb} with ${first.ownerName}${more}.`;
}

export function inboxEmptyText(o: {
  filtered: boolean;
  canPlaceTestCalls: boolean;
  othersOpen: OthersOpen;
}): InboxEmptyText {
  const othersNote = othersOpenNote(o.othersOpen);
  if (o.filtered)
    return {
      title: "No leads match these filters.",
      body: "Clear a filter to see more.",
      othersNote,
      testCallHint: false,
    };
  if (othersNote)
    return {
      title: "No leads for you right now.",
      body: "Your inbox shows leads nobody has taken yet and leads given to you. Ask the person who has a lead to hand it to you, or ask the owner to route new leads to you.",
      othersNote,
      testCallHint: false,
    };
  return {
    title: "The inbox is empty.",
    body: "New calls land here as soon as they are missed.",
    othersNote: null,
    testCallHint: o.canPlaceTestCalls,
  };
}
