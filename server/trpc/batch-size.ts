// How many procedure calls one tRPC request may carry. The browser's batch link groups the calls a
// page makes at once (a few, a dozen on the busiest pages) and splits a larger group into several
// requests; the server refuses a bigger batch (400) before running any of it, so nobody makes one
// request do the work of hundreds (a batch was bounded only by the URL's length: ~800 calls).
// Shared by both ends: the client must never send more than the server takes.
export const MAX_TRPC_BATCH = 20;
