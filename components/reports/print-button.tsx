"use client";
// "Print or save as PDF": the browser's own print dialog; hidden on paper.
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 print:hidden"
    >
      Print or save as PDF
    </button>
  );
}
