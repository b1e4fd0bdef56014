// The console walkthrough's "User data" part (console_walkthrough.mjs): the
// OAuth consent screen, an OAuth client whose one-time secret survives a
// language switch, then Credentials' Edit (a new name) and Delete (after the
// confirm dialog) of OAuth clients.
import { countBecomes, shows } from "./shows.mjs";

async function createClient(page, name) {
  await page.getByRole("link", { name: "OAuth consent screen" }).click();
  await page.getByTestId("client-name").fill(name);
  await page.getByTestId("client-create").click();
  return page.getByTestId("client-id").inputValue();
}

// The row of Credentials' OAuth table that shows `clientId`.
const clientRow = (page, clientId) => page.locator("tr", { has: page.getByText(clientId, { exact: true }) });

export async function oauthClientWalk(page, { check, shot }) {
  await page.getByRole("link", { name: "OAuth consent screen" }).click();
  await page.getByTestId("consent-app").fill("Gemini Tutorial");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByTestId("client-create").waitFor();

  const id = await createClient(page, "Desktop client 1");
  const secret = await page.getByTestId("client-secret").inputValue();
  check("OAuth client made, with its secret shown once", /\.apps\.googleusercontent\.com$/.test(id) &&
        secret.startsWith("GOCSPX-"), id);
  // As with a new API key: a language switch translates the panel in place.
  await page.locator("#lang").selectOption("zh");
  const zhTitle = await page.evaluate(() => window.CONSOLE_STRINGS.zh.oauthCreatedTitle);
  check("switching language keeps the one-time client secret on screen, translated",
        (await page.getByTestId("client-secret").inputValue()) === secret &&
        (await page.locator("#secret-title").textContent()) === zhTitle, await page.locator("#secret-title").textContent());
  await page.locator("#lang").selectOption("en");
  check("and back in English", (await page.locator("#secret-title").textContent()) === "OAuth client created" &&
        (await page.getByTestId("client-secret").inputValue()) === secret);
  await page.evaluate(() => { document.querySelector("[data-testid=client-secret]").value = "GOCSPX-… (hidden in the screenshot)"; });
  await shot(page, "desktop-05f-oauth-client-created");

  // Credentials → the client's Edit → a new name.
  await page.getByRole("link", { name: "APIs & Services: Credentials" }).click();
  await page.getByRole("link", { name: "Edit Desktop client 1" }).click();
  await page.getByRole("heading", { name: "Edit OAuth client", exact: true }).waitFor();
  await page.getByTestId("client-name").fill("CLI on my laptop");
  await page.getByTestId("client-save").click();
  check("the renamed client is listed under its new name",
        await shows(clientRow(page, id).getByText("CLI on my laptop", { exact: true })));
  await shot(page, "desktop-05g-oauth-client-renamed");

  // Another client, deleted from Credentials after the confirm dialog.
  const other = await createClient(page, "Throwaway");
  await page.getByRole("link", { name: "APIs & Services: Credentials" }).click();
  await clientRow(page, other).waitFor();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Delete Throwaway" }).click();
  await page.locator("#toast", { hasText: "OAuth client Throwaway deleted." }).waitFor();
  check("the deleted client leaves the list, the other stays",
        (await shows(clientRow(page, id))) && (await countBecomes(clientRow(page, other), 0)));
  await shot(page, "desktop-05h-oauth-client-deleted");
}
