// What a visitor sees at `/`: what LeadRescue does, in a few honest sentences, and the way in
// (Start free / Sign in). No images or scripts from elsewhere; the page is text and links.
import Link from "next/link";

const STEPS = [
  {
    title: "Your phone rings first",
    body: "Every call to your LeadRescue number rings the plumber's phone for 10 seconds. Pick up and press 1, and it is your call as always.",
  },
  {
    title: "Missed? The AI answers",
    body: "If nobody picks up, an AI assistant answers in your business's name, checks the caller's ZIP against your service area and asks what is wrong.",
  },
  {
    title: "Emergencies go straight to you",
    body: "A burst pipe, a gas smell or sewage backing up is escalated at once: a transfer to your on-call phone, or an urgent callback task.",
  },
  {
    title: "Booked, or a callback set",
    body: "The caller gets a visit in one of your own booking slots, or a callback. Nothing is promised that your settings do not say.",
  },
  {
    title: "Every call becomes a lead",
    body: "Each call lands in an inbox with an owner, a next action and a due time, so the office works the queue in order and nothing slips.",
  },
];

export function ProductPage() {
  const primary =
    "inline-flex items-center justify-center rounded-md bg-brand-600 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2";
  const secondary =
    "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-5 py-2.5 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2";
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3 md:px-8">
          <span className="text-lg font-bold tracking-tight text-brand-700">LeadRescue</span>
          <nav aria-label="Account" className="flex items-center gap-3 text-sm">
            <Link href="/sign-in" className="font-medium text-slate-700 underline-offset-2 hover:underline">
              Sign in
            </Link>
            <Link href="/sign-up" className={primary}>
              Start free
            </Link>
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-12 md:px-8 md:py-16">
        <section aria-labelledby="hero-heading" className="max-w-3xl">
          <h1 id="hero-heading" className="text-3xl font-bold tracking-tight md:text-4xl">
            Missed calls, rescued: every caller gets an answer, and every call becomes a lead.
          </h1>
          <p className="mt-4 text-lg text-slate-700">
            LeadRescue is for plumbing businesses that miss calls while they are on a job. When nobody picks
            up, an AI assistant answers, takes the job down and books a visit or a callback, and your office
            sees every call in one inbox.
          </p>
          <div className="mt-6 flex flex-wrap gap-3">
            <Link href="/sign-up" className={primary}>
              Start free
            </Link>
            <Link href="/sign-in" className={secondary}>
              Sign in
            </Link>
          </div>
          <p className="mt-3 text-sm text-slate-600">
            Setup takes a few minutes: your number, your service area, your hours. The AI answers only once
            setup is complete. Every new business starts with a 14-day free trial, no card needed.
          </p>
        </section>
        <section aria-labelledby="how-heading" className="mt-14">
          <h2 id="how-heading" className="text-xl font-semibold">
            How it works
          </h2>
          <ol className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {STEPS.map((s, i) => (
              <li key={s.title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
                <p className="text-sm font-semibold text-brand-700">Step {i + 1}</p>
                <h3 className="mt-1 font-semibold">{s.title}</h3>
                <p className="mt-2 text-sm text-slate-700">{s.body}</p>
              </li>
            ))}
          </ol>
        </section>
      </main>
      <footer className="border-t border-slate-200">
        <p className="mx-auto max-w-5xl px-4 py-6 text-sm text-slate-600 md:px-8">
          LeadRescue — missed-call rescue for plumbing businesses.
        </p>
      </footer>
    </div>
  );
}
