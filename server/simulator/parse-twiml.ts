// A small TwiML reader for the call simulator: enough XML to follow what Twilio would do with
// the verbs the app emits (Say, Gather, Dial/Number, Redirect, Hangup, Pause).
export type TwimlNode = { name: string; attrs: Record<string, string>; children: TwimlNode[]; text: string };

const ENTITIES: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&amp;": "&",
  "&quot;": '"',
  "&apos;": "'",
};
const decode = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (m) => ENTITIES[m] ?? m);

export function parseTwiml(xml: string): TwimlNode {
  const root: TwimlNode = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: TwimlNode[] = [root];
  const re =
    /<\?[^>]*\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(re)) {
    const [, closing, name, attrText, selfClosing, text] = m;
    const top = stack[stack.length - 1]!;
    if (text !== undefined) {
      top.text += decode(text);
      continue;
    }
    if (!name) continue;
    if (closing) {
      if (top.name !== name) throw new Error(`TwiML: </${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? "").matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      attrs[a[1]!] = decode(a[2] ?? a[3] ?? "");
    const node: TwimlNode = { name, attrs, children: [], text: "" };
    top.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`TwiML: <${stack[stack.length - 1]!.name}> is not closed`);
  const response = root.children.find((c) => c.name === "Response");
  if (!response) throw new Error("TwiML: no <Response>");
  return response;
}

/** What the simulated caller hears and what happens next, the way Twilio executes the verbs. */
export type TwimlStep =
  | { kind: "say"; text: string }
  | { kind: "gather"; action: string; prompt: string[]; input: string; numDigits?: number }
  | {
      kind: "dial";
      action: string | null;
      numbers: { number: string; whisperUrl: string | null }[];
      timeout: number;
    }
  | { kind: "redirect"; url: string }
  | { kind: "hangup" };

export function twimlSteps(xml: string): TwimlStep[] {
  const steps: TwimlStep[] = [];
  for (const verb of parseTwiml(xml).children) {
    switch (verb.name) {
      case "Say":
        steps.push({ kind: "say", text: verb.text.trim() });
        break;
      case "Gather":
        steps.push({
          kind: "gather",
          action: verb.attrs.action ?? "",
          input: verb.attrs.input ?? "dtmf",
          numDigits: verb.attrs.numDigits ? Number(verb.attrs.numDigits) : undefined,
          prompt: verb.children.filter((c) => c.name === "Say").map((c) => c.text.trim()),
        });
        // Twilio continues after a Gather only when it times out with actionOnEmptyResult off.
        return steps;
      case "Dial":
        steps.push({
          kind: "dial",
          action: verb.attrs.action ?? null,
          timeout: Number(verb.attrs.timeout ?? 30),
          numbers: verb.children
            .filter((c) => c.name === "Number")
            .map((c) => ({ number: c.text.trim(), whisperUrl: c.attrs.url ?? null }))
            .concat(verb.text.trim() ? [{ number: verb.text.trim(), whisperUrl: null }] : []),
        });
        if (verb.attrs.action) return steps;
        break;
      case "Redirect":
        steps.push({ kind: "redirect", url: verb.text.trim() });
        return steps;
      case "Hangup":
        steps.push({ kind: "hangup" });
        return steps;
      default:
        break;
    }
  }
  return steps;
}
