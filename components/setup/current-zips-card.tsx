"use client";
// The ZIP codes served now, with search and pages; owners and managers remove them here.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { Button, ErrorBanner, Field } from "@/components/ui/form";
import { Card, EmptyState, LoadError, Loading } from "@/components/ui/layout";
import { ConfirmButton } from "@/components/ui/confirm-button";

const PAGE_SIZE = 25;

export function CurrentZips({ editable }: { editable: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;

  useEffect(() => {
    const t = setTimeout(() => {
      setSearch(searchText.trim());
      setCursors([null]);
    }, 250);
    return () => clearTimeout(t);
  }, [searchText]);

  const zips = useQuery(
    trpc.setup.zips.queryOptions(
      { search: search || undefined, cursor, limit: PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );
  const remove = useMutation(
    trpc.setup.removeZips.mutationOptions({
      onSuccess: () => {
        setCursors([null]);
        void queryClient.invalidateQueries({ queryKey: trpc.setup.pathKey() });
      },
    }),
  );

  const from = (cursors.length - 1) * PAGE_SIZE;
  return (
    <Card
      title="Your service area"
      description={
        zips.data
          ? `${zips.data.total} ZIP code${zips.data.total === 1 ? "" : "s"}${search ? ` matching "${search}"` : ""}`
          : undefined
      }
    >
      <Field
        label="Search ZIP or city"
        type="search"
        value={searchText}
        onChange={(e) => setSearchText(e.target.value)}
        placeholder="787 or Austin"
        className="mb-4 max-w-sm"
      />
      {zips.isPending ? (
        <Loading />
      ) : zips.error ? (
        <LoadError error={zips.error} retry={() => void zips.refetch()} />
      ) : zips.data.items.length === 0 ? (
        <EmptyState title={search ? `No ZIP codes match "${search}"` : "No ZIP codes yet"}>
          {search
            ? "Try another ZIP or city."
            : "Add the ZIP codes you serve above; until then the AI stays off."}
        </EmptyState>
      ) : (
        <>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">ZIP codes in your service area</caption>
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-2">
                  ZIP
                </th>
                <th scope="col" className="py-2">
                  City
                </th>
                {editable ? (
                  <th scope="col" className="py-2 text-right">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {zips.data.items.map((z) => (
                <tr key={z.id}>
                  <td className="py-2 font-mono">{z.zip}</td>
                  <td className="py-2">
                    {z.city}, {z.state}
                  </td>
                  {editable ? (
                    <td className="py-2 text-right">
                      <ConfirmButton
                        label={`Remove ZIP ${z.zip}`}
                        busy={remove.isPending && remove.variables?.zips[0] === z.zip}
                        onConfirm={() => remove.mutate({ zips: [z.zip] })}
                      >
                        Remove
                      </ConfirmButton>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          <nav aria-label="ZIP code pages" className="mt-4 flex items-center justify-between text-sm">
            <p className="text-slate-600">
              Showing {from + 1}–{from + zips.data.items.length} of {zips.data.total}
            </p>
            <div className="flex gap-2">
              <Button
                type="button"
                variant="secondary"
                disabled={cursors.length <= 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                Previous page
              </Button>
              <Button
                type="button"
                variant="secondary"
                disabled={!zips.data.nextCursor}
                onClick={() => setCursors((c) => [...c, zips.data.nextCursor ?? null])}
              >
                Next page
              </Button>
            </div>
          </nav>
        </>
      )}
      <ErrorBanner message={remove.error?.message} />
    </Card>
  );
}
