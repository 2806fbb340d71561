// Calls that were not from customers (a salesperson, a recorded message, a wrong number): the
// inbox's "Not a customer" filter shows them with the reason, and one click on the lead page
// ("This is a real customer") turns one back into a real lead. The demo business has one such
// call, seeded with the makeNotACustomerCall factory.
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("the owner finds a sales call under Not a customer and makes it a real lead with one click", async ({
  page,
}) => {
  await signIn(page, DEMO.owner);
  await page.goto(`/t/${DEMO.tenant}/leads`);
  const rows = page.getByTestId("inbox-row");
  // The everyday queue does not show it.
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasText: "Not a customer: sales call" })).toHaveCount(0);

  await page.getByLabel("Not a customer").check();
  await expect(page.getByText("Calls the AI closed as not from a customer")).toBeVisible();
  const sales = rows.filter({ hasText: "(512) 555-0166" });
  await expect(sales.getByTestId("not-a-customer")).toHaveText("Not a customer: sales call");
  await expect(rows).toHaveCount(await rows.filter({ has: page.getByTestId("not-a-customer") }).count());

  await sales.getByRole("link", { name: "Unknown caller" }).click();
  const card = page.getByRole("region", { name: "Not a customer: sales call" });
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: "This is a real customer" }).click();
  // The page turns into an open lead: the status card replaces this one, the timeline says who did it.
  await expect(page.getByLabel("Change status to")).toBeVisible();
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText(
    "Marked a real customer (was “Not a customer: sales call”): open again, call back",
  );
  await expect(page.getByRole("region", { name: "Not a customer: sales call" })).toHaveCount(0);

  // Back in the inbox: no longer under Not a customer, and in the queue as a follow-up.
  await page.goto(`/t/${DEMO.tenant}/leads?notACustomer=1`);
  await expect(page.getByLabel("Not a customer")).toBeChecked();
  await expect(rows.filter({ hasText: "(512) 555-0166" })).toHaveCount(0);
  await page.getByLabel("Not a customer").uncheck();
  await expect(rows.filter({ hasText: "(512) 555-0166" })).toHaveCount(1);
});
