// "Skip to main content": the first thing a keyboard reaches on every signed-in page, hidden until
// focused, so the long menu is one Tab away instead of two dozen.
export const MAIN_CONTENT_ID = "main-content";

export function SkipLink() {
  return (
    <a
      href={`#${MAIN_CONTENT_ID}`}
      className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow-lg focus:ring-2 focus:ring-brand-500 focus:outline-none"
    >
      Skip to main content
    </a>
  );
}
