// The local mailbox: a person's own account emails (password reset links) while the app runs in
// local mode without an email server. Not found anywhere else (server/integrations/email.ts).
import { connection } from "next/server";
import { notFound } from "next/navigation";
import { localMailbox, usesLocalMailbox } from "@/server/integrations/email";
import { businessTime } from "@/components/leads/format";

export const metadata = { title: "Local mailbox" };

export default async function LocalMailboxPage() {
  await connection();
  if (!usesLocalMailbox()) notFound();
  const mails = localMailbox();
  // No business here: times in this machine's zone, the developer's own, like the inbox's times.
  const time = businessTime(Intl.DateTimeFormat().resolvedOptions().timeZone);
  return (
    <main id="main-content" className="mx-auto max-w-3xl space-y-4 p-6">
      <h1 className="text-2xl font-bold">Local mailbox</h1>
      <p className="text-sm text-slate-600">
        Account emails this app would send (local mode, no email server). Newest first; kept until the app
        restarts. {time.note()}.
      </p>
      {mails.length ? (
        <ol aria-label="Emails" className="space-y-3">
          {mails.map((m) => (
            <li
              key={m.id}
              data-testid="local-mail"
              className="rounded-md border border-slate-200 bg-white p-4"
            >
              <p className="text-sm">
                <span className="font-medium">To:</span> {m.to}
              </p>
              <p className="text-sm">
                <span className="font-medium">Subject:</span> {m.subject}
              </p>
              <p className="text-xs text-slate-600">
                <time dateTime={m.at.toISOString()}>{time.dateTimeRelative(m.at)}</time>
              </p>
              <pre className="mt-2 text-sm whitespace-pre-wrap break-words">{m.text}</pre>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600">No emails yet.</p>
      )}
    </main>
  );
}
