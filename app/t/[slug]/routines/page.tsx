import { Suspense } from "react";
import { DailyRoutines } from "@/components/routines/daily-routines";
import { Loading } from "@/components/ui/layout";

export const metadata = { title: "Today" };

export default function RoutinesPage() {
  return (
    <Suspense fallback={<Loading />}>
      <DailyRoutines />
    </Suspense>
  );
}
