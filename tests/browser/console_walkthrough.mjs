// The credentials tutorial (reference: gemini-credentials-tutorial.zh.md),
// walked in genai-emulator's web console in a real browser: create a project;
// AI Studio's "Get API key" fails with "permission denied"; enable the
// Generative Language API in the Library; the retry succeeds; "Help me
// choose" → Application data → a service account with Editor (the warning
// shows); its JSON key is downloaded and really works (a token from /token,
// a Vertex AI call, and the real `genai doctor` and `genai --vertex generate`
// on it); IAM tightens Editor to Vertex AI User, and doctor agrees. On the
// way: a restricted API key made in Credentials, refused by Gemini from an
// address outside its range and admitted once the range is edited
// (walkthrough_keys.mjs); OAuth clients made, renamed and deleted
// (walkthrough_oauth.mjs); pages the user's roles may not read say which
// permission they need. Keyboard use, the Chinese strings and phone width
// (390 px) are checked, and at the end every page is screenshotted in both
// languages (walkthrough_pages.mjs) for a person to look at.
// Usage: node console_walkthrough.mjs GENAI_EMULATOR CHROMIUM OUTDIR [GENAI]
import { spawn } from "node:child_process";
import { createSign } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { cliWithEditor, cliWithVertexUser, iamRefusalWalk, keyFileForCli, removeKeyFile, restrictedKeyWalk }
  from "./walkthrough_keys.mjs";
import { oauthClientWalk } from "./walkthrough_oauth.mjs";
import { everyPageBothLanguages } from "./walkthrough_pages.mjs";
import { countBecomes, shows, valueBecomes } from "./shows.mjs";

const [emulatorPath, chromiumPath, outdir, genaiPath] = process.argv.slice(2);
const STUDIO_DENIED = "Failed to generate API key: permission denied. Please try again.";
let failures = 0;
let passes = 0;

function check(what, ok, detail = "") {
  if (ok) { passes++; console.log(`ok   ${what}`); }
  else { failures++; console.log(`FAIL ${what}${detail ? ": " + detail : ""}`); }
}

function startEmulator() {
  return new Promise((resolve, reject) => {
    const child = spawn(emulatorPath, ["--port", "0", "--bootstrap-demo"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve({ child, base: m[1] });
    });
    child.on("exit", (code) => reject(new Error(`genai-emulator exited with ${code}: ${out}`)));
    setTimeout(() => reject(new Error("genai-emulator did not start")), 20000);
  });
}

async function shot(page, name) {
  await page.screenshot({ path: join(outdir, name + ".png"), fullPage: true });
}

// A service-account key file's access token, signed here with node's crypto
// (neither libgenai's signer nor the emulator's), then a Vertex AI call.
async function callVertexWithKeyFile(base, keyFile, project) {
  const b64 = (o) => Buffer.from(typeof o === "string" ? o : JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const unsigned = b64({ alg: "RS256", typ: "JWT", kid: keyFile.private_key_id }) + "." +
    b64({ iss: keyFile.client_email, scope: "https://www.googleapis.com/auth/cloud-platform",
          aud: keyFile.token_uri, iat: now, exp: now + 3600 });
  const signature = createSign("RSA-SHA256").update(unsigned).sign(keyFile.private_key).toString("base64url");
  const tokenRes = await fetch(keyFile.token_uri, {
    method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: unsigned + "." + signature }),
  });
  const token = (await tokenRes.json()).access_token;
  if (!token) return { status: tokenRes.status };
  const call = await fetch(`${base}/v1/projects/${project}/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent`, {
    method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "Hello" }] }] }),
  });
  return { status: call.status, body: await call.text() };
}

async function desktopWalk(browser, base, ctx) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true, locale: "en-US" });
  const page = await context.newPage();
  const consoleErrors = [];
  // Script errors, and any console file or API path that is missing (the
  // AI Studio refusal's 403 is expected, so failed loads are judged by status).
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) consoleErrors.push(m.text());
  });
  page.on("response", (r) => { if (r.status() === 404 || r.status() >= 500) consoleErrors.push(`${r.status()} ${r.url()}`); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(base + "/console#/projects");
  await page.getByText("Signed in as owner@example.com").waitFor();

  // One string table per language, with the same keys.
  const missing = await page.evaluate(() => {
    const en = Object.keys(window.CONSOLE_STRINGS.en), zh = Object.keys(window.CONSOLE_STRINGS.zh);
    return en.filter(k => !zh.includes(k)).concat(zh.filter(k => !en.includes(k)));
  });
  check("English and Chinese tables have the same keys", missing.length === 0, missing.join(", "));

  // Keyboard: the first Tab reaches the skip link, then the menu button.
  await page.keyboard.press("Tab");
  check("first Tab focuses the skip link", await page.evaluate(() => document.activeElement.className === "skip-link"));

  // 1. Manage resources → new project.
  await page.getByRole("link", { name: "Create project" }).click();
  await page.getByLabel("Project name").fill("Gemini Tutorial");
  check("project ID derived from the name", (await page.getByLabel("Project ID").inputValue()) === "gemini-tutorial");
  await shot(page, "desktop-01-new-project");
  await page.getByRole("button", { name: "Create" }).click();
  await page.getByRole("heading", { name: "API Library", exact: true }).waitFor();
  check("new project is picked", await valueBecomes(page.locator("#project-picker"), "gemini-tutorial"));

  // 2. AI Studio: Get API key fails while the API is off.
  await page.getByRole("link", { name: "AI Studio: Get API key" }).click();
  await page.getByTestId("studio-open").click();
  await page.getByLabel("Search Google Cloud projects").selectOption("gemini-tutorial");
  await page.getByRole("button", { name: "Create API key in existing project" }).click();
  const error = page.getByTestId("studio-error");
  await error.waitFor({ state: "visible" });
  check("AI Studio says exactly the tutorial's error", (await error.textContent()) === STUDIO_DENIED, await error.textContent());
  await shot(page, "desktop-02-aistudio-permission-denied");

  // 3. Library: search, open, Enable.
  await page.getByRole("link", { name: "APIs & Services: Library" }).click();
  await page.getByLabel("Search for APIs & Services").fill("Generative Language");
  check("search finds one API", await countBecomes(page.locator(".cards > li.card"), 1));
  await shot(page, "desktop-03-library-search");
  await page.getByRole("link", { name: "Generative Language API" }).click();
  await page.getByTestId("service-toggle").click();
  await page.getByTestId("service-status").filter({ hasText: "API enabled" }).waitFor();
  check("Generative Language API enabled", true);
  await shot(page, "desktop-04-api-enabled");

  // 4. AI Studio again: the key is made, once.
  await page.getByRole("link", { name: "AI Studio: Get API key" }).click();
  await page.getByTestId("studio-open").click();
  await page.getByLabel("Search Google Cloud projects").selectOption("gemini-tutorial");
  await page.getByRole("button", { name: "Create API key in existing project" }).click();
  const key = await page.getByTestId("studio-key").inputValue();
  check("AI Studio key made", /^AIza[0-9A-Za-z_-]{35}$/.test(key), key.slice(0, 4));
  check("AI Studio key listed, restricted", await shows(page.getByText("generativelanguage.googleapis.com").first()));
  const gemini = await fetch(`${base}/v1beta/models/gemini-2.5-flash:generateContent`, {
    method: "POST", headers: { "x-goog-api-key": key, "Content-Type": "application/json" },
    body: JSON.stringify({ contents: [{ parts: [{ text: "Hello" }] }] }) });
  check("the AI Studio key calls Gemini", gemini.status === 200, String(gemini.status));
  await page.evaluate(() => { document.querySelector("[data-testid=studio-key]").value = "AIza… (hidden in the screenshot)"; });
  await shot(page, "desktop-05-aistudio-key-created");

  // 4b. A Console key restricted to the Gemini API and an IP range.
  await restrictedKeyWalk(page, ctx);
  // 4c. User data: the consent screen, an OAuth client made, renamed; another deleted.
  await oauthClientWalk(page, ctx);

  // 5. Credentials → Create credentials (keyboard) → Help me choose → Application data.
  await page.getByRole("link", { name: "APIs & Services: Credentials" }).click();
  await page.getByTestId("create-credentials").focus();
  await page.keyboard.press("Enter");
  check("menu opens from the keyboard", (await page.getByTestId("create-credentials").getAttribute("aria-expanded")) === "true");
  await shot(page, "desktop-06-create-credentials-menu");
  await page.getByRole("link", { name: /Help me choose/ }).click();
  await page.getByLabel("Application data").check();
  await shot(page, "desktop-07-what-data");
  await page.getByRole("button", { name: "Next" }).click();

  // 6. Service account with Editor: the warning shows.
  await page.getByLabel("Service account name").fill("gemini-backend");
  await page.getByTestId("role-select").selectOption("roles/editor");
  check("Editor warning shown", await shows(page.getByTestId("warn-editor")));
  await shot(page, "desktop-08-service-account-editor");
  await page.getByTestId("sa-create").click();
  await page.getByTestId("sa-add-key").waitFor();

  // 7. JSON key download: a real key.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("sa-add-key").click()]);
  // Read where playwright put it, copied to a 0600 file outside the
  // screenshots for the CLI, and removed: no private key (even of this
  // emulator) is left among the artifacts.
  const keyText = readFileSync(await download.path(), "utf8");
  await download.delete();
  const keyFile = JSON.parse(keyText);
  ctx.cli = keyFileForCli(genaiPath, base, keyText, "gemini-tutorial");
  check("downloaded key file is a service account key", keyFile.type === "service_account" &&
        keyFile.client_email === "gemini-backend@gemini-tutorial.iam.gserviceaccount.com");
  await page.getByTestId("sa-key-created").waitFor();
  await shot(page, "desktop-09-key-downloaded");
  await page.getByRole("link", { name: "Edit access" }).click();
  check("the account's Edit access opens IAM's editor for it",
        (await page.getByTestId("iam-principal").inputValue()) === "serviceAccount:" + keyFile.client_email);

  // 8. IAM: Editor → Vertex AI User, and the key calls Vertex AI.
  await page.getByRole("link", { name: "APIs & Services: Library" }).click();
  await page.getByLabel("Search for APIs & Services").fill("Vertex");
  await page.getByRole("link", { name: "Vertex AI API" }).click();
  await page.getByTestId("service-toggle").click();
  await page.getByTestId("service-status").filter({ hasText: "API enabled" }).waitFor();
  await page.getByRole("link", { name: "IAM & Admin: IAM" }).click();
  await page.getByTestId("iam-tighten").waitFor();
  check("IAM warns about Owner", await shows(page.getByTestId("warn-owner")));
  await shot(page, "desktop-10-iam-editor");
  cliWithEditor(ctx.cli, ctx);
  await page.getByTestId("iam-tighten").click();
  await page.getByText("Vertex AI User", { exact: true }).waitFor();
  check("no Editor left", await countBecomes(page.getByTestId("iam-tighten"), 0));
  await shot(page, "desktop-11-iam-vertex-user");
  const vertex = await callVertexWithKeyFile(base, keyFile, "gemini-tutorial");
  check("the downloaded key calls Vertex AI as Vertex AI User", vertex.status === 200, `${vertex.status} ${vertex.body || ""}`);
  cliWithVertexUser(ctx.cli, ctx);

  // 9. Chinese, following the tutorial's words.
  await page.locator("#lang").selectOption("zh");
  await page.getByRole("link", { name: "API 和服务：凭据 (Credentials)" }).click();
  await page.getByTestId("create-credentials").click();
  await page.getByRole("link", { name: /帮我选择/ }).click();
  check("Chinese wizard", await shows(page.getByText("你将访问哪些数据？")));
  await shot(page, "desktop-12-zh-what-data");
  await page.locator("#lang").selectOption("en");
  check("no script errors on the page", consoleErrors.length === 0, consoleErrors.join(" | "));
  await context.close();
}

async function phoneWalk(browser, base) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true,
                                             hasTouch: true, locale: "en-US" });
  const page = await context.newPage();
  await page.goto(base + "/console#/library");
  await page.getByText("Signed in as owner@example.com").waitFor();
  await page.locator("#project-picker").selectOption("demo-project");
  await page.locator(".cards > li.card").first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check("no sideways scrolling at 390 px", overflow <= 0, String(overflow));
  check("menu collapsed at phone width", !(await page.locator("#nav").isVisible()));
  await shot(page, "phone-01-library");
  await page.getByRole("button", { name: "Menu" }).click();
  check("menu opens", await shows(page.locator("#nav")));
  await shot(page, "phone-02-menu");
  await page.getByRole("link", { name: "IAM & Admin: IAM" }).click();
  await page.getByRole("heading", { name: "IAM", exact: true }).waitFor();
  await shot(page, "phone-03-iam");
  await page.goto(base + "/console#/aistudio");
  await page.getByTestId("studio-open").click();
  await shot(page, "phone-04-aistudio");
  await page.goto(base + "/console#/credentials/key/new");
  await page.getByLabel("IP addresses").check();
  await shot(page, "phone-05-key-restrictions");
  const overflowForm = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check("key form fits 390 px", overflowForm <= 0, String(overflowForm));
  await page.locator("#lang").selectOption("zh");
  await page.goto(base + "/console#/iam");
  await page.getByRole("heading", { name: "IAM", exact: true }).waitFor();
  await shot(page, "phone-06-zh-iam");
  await context.close();
}

const { child, base } = await startEmulator();
const ctx = { base, check, shot, cli: null };
let browser;
try {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
  await desktopWalk(browser, base, ctx);
  await phoneWalk(browser, base);
  await iamRefusalWalk(browser, ctx);
  await everyPageBothLanguages(browser, { ...ctx, project: "gemini-tutorial" });
} catch (e) {
  failures++;
  console.log(`FAIL walkthrough stopped: ${e.stack || e}`);
} finally {
  removeKeyFile(ctx.cli);
  if (browser) await browser.close();
  child.kill("SIGTERM");
}
console.log(`screenshots in ${outdir}`);
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
