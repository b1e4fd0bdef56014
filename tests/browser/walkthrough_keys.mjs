// Parts of the console walkthrough (console_walkthrough.mjs) that check the
// console's work from outside the browser: a restricted API key made in the
// Credentials page, refused and then admitted by Gemini as Google would; the
// real `genai` CLI (doctor, a Vertex AI call) on the service-account key file
// the console downloaded; a status message that follows a language switch;
// the console refusing a user's reads and changes as their roles say.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { countBecomes, shows, valueBecomes } from "./shows.mjs";

const HELLO = JSON.stringify({ contents: [{ parts: [{ text: "Hello" }] }] });

// The ErrorInfo reason of a Google error body, or "".
function reasonOf(body) {
  const details = (body && body.error && body.error.details) || [];
  const info = details.find((d) => d.reason);
  return info ? info.reason : "";
}

async function callGemini(base, key) {
  const r = await fetch(`${base}/v1beta/models/gemini-2.5-flash:generateContent`, {
    method: "POST", headers: { "x-goog-api-key": key, "Content-Type": "application/json" }, body: HELLO });
  const text = await r.text();
  let body = null;
  try { body = JSON.parse(text); } catch (e) { body = null; }
  return { status: r.status, reason: reasonOf(body), text };
}

// Credentials → Create credentials → API key, restricted to the Generative
// Language API and 203.0.113.0/24 (TEST-NET-3: not this machine). Gemini
// refuses it from 127.0.0.1 with Google's API_KEY_IP_ADDRESS_BLOCKED, and
// Vertex AI with API_KEY_SERVICE_BLOCKED; once the page's edit form allows
// 127.0.0.0/8, the same key works. The "saved" status message is checked
// to follow a switch to Chinese and back (within its 5 s on screen).
export async function restrictedKeyWalk(page, { base, check, shot }) {
  await page.getByRole("link", { name: "APIs & Services: Credentials" }).click();
  await page.getByTestId("create-credentials").click();
  await page.locator("#create-menu a[href='#/credentials/key/new']").click();
  await page.getByRole("heading", { name: "Create API key", exact: true }).waitFor();
  await page.getByTestId("key-name").fill("Server key");
  await page.getByLabel("IP addresses", { exact: true }).check();
  await page.getByTestId("key-ips").fill("203.0.113.0/24");
  await page.getByLabel("Restrict key", { exact: true }).check();
  await page.getByLabel("Generative Language API", { exact: true }).check();
  check("API restrictions offer only the project's enabled APIs (Vertex AI is not yet)",
        await countBecomes(page.getByLabel("Vertex AI API", { exact: true }), 0));
  await shot(page, "desktop-05a-restricted-key-form");
  await page.getByTestId("key-save").click();
  const key = await page.getByTestId("created-key").inputValue();
  check("restricted key made in the Credentials page", /^AIza[0-9A-Za-z_-]{35}$/.test(key), key.slice(0, 4));
  // A language switch while the key is on screen translates it in place: the
  // key, shown only this once, must survive (a redraw used to lose it).
  await page.locator("#lang").selectOption("zh");
  const zhTitle = await page.evaluate(() => window.CONSOLE_STRINGS.zh.keyCreatedTitle);
  check("switching language keeps the one-time key on screen, translated",
        (await page.getByTestId("created-key").inputValue()) === key &&
        (await page.locator("#secret-title").textContent()) === zhTitle,
        await page.locator("#secret-title").textContent());
  await page.locator("#lang").selectOption("en");
  check("and back in English", (await page.locator("#secret-title").textContent()) === "API key created" &&
        (await page.getByTestId("created-key").inputValue()) === key, await page.locator("#secret-title").textContent());
  await page.evaluate(() => { document.querySelector("[data-testid=created-key]").value = "AIza… (hidden in the screenshot)"; });
  await shot(page, "desktop-05b-restricted-key-created");

  const blocked = await callGemini(base, key);
  check("Gemini refuses the key from 127.0.0.1: API_KEY_IP_ADDRESS_BLOCKED",
        blocked.status === 403 && blocked.reason === "API_KEY_IP_ADDRESS_BLOCKED" &&
        blocked.text.includes("The originating IP address of the call (127.0.0.1) violates this restriction"),
        `${blocked.status} ${blocked.text.slice(0, 300)}`);
  const vertex = await fetch(`${base}/v1/publishers/google/models/gemini-2.5-flash:generateContent`, {
    method: "POST", headers: { "x-goog-api-key": key, "Content-Type": "application/json" }, body: HELLO });
  const vertexBody = await vertex.json().catch(() => null);
  check("Vertex AI refuses it: restricted to the Generative Language API (API_KEY_SERVICE_BLOCKED)",
        vertex.status === 403 && reasonOf(vertexBody) === "API_KEY_SERVICE_BLOCKED", String(vertex.status));

  // Credentials: the list shows the restrictions; Edit → allow this machine.
  await page.getByRole("link", { name: "Close" }).click();
  await page.getByText("IP addresses: 203.0.113.0/24").waitFor();
  await shot(page, "desktop-05c-credentials-restricted-key");
  await page.getByRole("link", { name: "Edit Server key" }).click();
  await page.getByRole("heading", { name: "Edit API key", exact: true }).waitFor();
  await page.getByTestId("key-ips").fill("127.0.0.0/8");
  await page.getByTestId("key-save").click();
  await page.getByText("IP addresses: 127.0.0.0/8").waitFor();
  const toast = page.locator("#toast");
  check("the save is announced", (await toast.textContent()) === 'API key Server key saved.', await toast.textContent());
  // The status message follows the language switch (it used to stay English).
  await page.locator("#lang").selectOption("zh");
  const zhSaved = await page.evaluate(() => window.CONSOLE_STRINGS.zh.keySaved.split("{0}").join("Server key"));
  check("the status message is redrawn in Chinese", (await toast.textContent()) === zhSaved, await toast.textContent());
  await page.getByRole("heading", { name: await page.evaluate(() => window.CONSOLE_STRINGS.zh.credentialsTitle), exact: true }).waitFor();
  await shot(page, "desktop-05e-zh-toast");
  await page.locator("#lang").selectOption("en");
  check("and back in English", (await toast.textContent()) === "API key Server key saved.", await toast.textContent());
  await shot(page, "desktop-05d-key-allows-loopback");
  const admitted = await callGemini(base, key);
  check("after the edit, the same key calls Gemini from 127.0.0.1", admitted.status === 200,
        `${admitted.status} ${admitted.text.slice(0, 300)}`);
}

// Runs the genai CLI against the emulator with the downloaded key file as
// Application Default Credentials; returns {code, output}.
function genai(cli, args) {
  const r = spawnSync(cli.path, args, { env: cli.env, cwd: cli.home, encoding: "utf8", timeout: 60000 });
  return { code: r.status, output: (r.stdout || "") + (r.stderr || "") };
}

// The key file where only this user can read it (0600), outside the
// screenshots directory, with a genai environment pointing at the emulator:
// nothing of the user's own (HOME, gcloud, keys) reaches the CLI.
export function keyFileForCli(genaiPath, base, keyText, project) {
  if (!genaiPath) return null;
  const home = mkdtempSync(join(tmpdir(), "genai-console-walk-"));
  const keyPath = join(home, "key.json");
  writeFileSync(keyPath, keyText, { mode: 0o600 });
  chmodSync(keyPath, 0o600);
  return {
    path: genaiPath, home, keyPath,
    env: {
      PATH: "/usr/local/bin:/usr/bin:/bin", HOME: home, CLOUDSDK_CONFIG: join(home, "gcloud"), NO_GCE_CHECK: "true",
      GOOGLE_APPLICATION_CREDENTIALS: keyPath, GOOGLE_CLOUD_PROJECT: project, GOOGLE_CLOUD_LOCATION: "us-central1",
      GOOGLE_GEMINI_BASE_URL: base, GOOGLE_VERTEX_BASE_URL: base, GENAI_CLOUD_BASE_URL: base,
      GENAI_LANG: "en", NO_COLOR: "1",
    },
  };
}

export function removeKeyFile(cli) {
  if (cli) rmSync(cli.home, { recursive: true, force: true });
}

// `genai doctor` and a Vertex AI call with the console's key file, while the
// account holds Editor: both work, and doctor says to tighten the role.
export function cliWithEditor(cli, { check }) {
  if (!cli) {
    // A build without the CLI (GENAI_BUILD_CLI=OFF): CMake passes genai whenever it builds it.
    console.log("skip genai doctor / generate on the key file: no genai binary given (run.sh's third argument)");
    return;
  }
  check("key file is 0600", (statSync(cli.keyPath).mode & 0o777) === 0o600);
  const doctor = genai(cli, ["--vertex", "doctor"]);
  console.log(doctor.output.trimEnd().replace(/^/gm, "     | "));
  check("genai doctor with Editor: works, and says to tighten the role",
        doctor.code === 0 && doctor.output.includes("[warn] least privilege") &&
        doctor.output.includes("--revoke-role roles/editor"), doctor.output);
  const call = genai(cli, ["--vertex", "generate", "--max-tokens", "30", "Hello from the console's key file"]);
  check("genai --vertex generate with the console's key file", call.code === 0 && call.output.trim().length > 0,
        call.output);
}

// After IAM's "Change to Vertex AI User": doctor is clean (the role grants
// what a Vertex AI call needs, and nothing broad), and the call still works.
export function cliWithVertexUser(cli, { check }) {
  if (!cli) return;
  const doctor = genai(cli, ["--vertex", "doctor"]);
  console.log(doctor.output.trimEnd().replace(/^/gm, "     | "));
  check("genai doctor with Vertex AI User: clean, no role to tighten",
        doctor.code === 0 && doctor.output.includes("aiplatform.endpoints.predict") &&
        !doctor.output.includes("--revoke-role") && !doctor.output.includes("[warn]"), doctor.output);
  const call = genai(cli, ["--vertex", "generate", "--max-tokens", "30", "Hello again"]);
  check("genai --vertex generate as Vertex AI User", call.code === 0, call.output);
}

// As Vertex AI User alone the project is in the picker, but its pages say
// which permission their reads need instead of breaking: the Library
// (serviceusage.services.list), and each of Credentials' three sections on
// its own (apikeys.keys.list, clientauthconfig.clients.list,
// iam.serviceAccounts.list).
async function readsRefusedForVertexUser(page, admin, { base, check, shot }) {
  check("Vertex AI User granted through the admin API",
        (await admin("projects/not-yours/members", { role: "roles/aiplatform.user", member: "user:owner@example.com" })).ok);
  await page.evaluate(() => { localStorage.setItem("console.project", "not-yours"); });
  // A new query string: a real load, which reloads the project list.
  await page.goto(base + "/console?lang=en&walk=reads#/library");
  const denied = page.locator("main .error:not([hidden])").first();
  await denied.waitFor();
  const text = await denied.textContent();
  check("as Vertex AI User the project is picked", await valueBecomes(page.locator("#project-picker"), "not-yours"));
  check("the Library says the user may not view it, and which permission it needs",
        text.startsWith("You don't have permission to view the APIs") && text.includes("serviceusage.services.list"), text);
  await shot(page, "desktop-13a-library-read-refused");
  await page.getByRole("link", { name: "APIs & Services: Credentials" }).click();
  const sections = page.getByTestId("read-error");
  await sections.nth(2).waitFor();
  const texts = await sections.allTextContents();
  check("Credentials: each section says which permission it needs",
        texts.length === 3 && texts[0].includes("apikeys.keys.list") && texts[1].includes("clientauthconfig.clients.list") &&
        texts[2].includes("iam.serviceAccounts.list") && texts.every((t) => t.startsWith("You don't have permission")),
        texts.join(" | "));
  check("and the page around them still works", await shows(page.getByTestId("create-credentials")));
  await shot(page, "desktop-13b-credentials-read-refused");
}

// The console acts with its user's rights, as the real Console does. A
// project where owner@example.com holds no role (made through the admin API)
// is not in the project picker; as its Vertex AI User they see it, but its
// pages say which permission their reads need; as its Viewer, Enable is
// refused with Service Usage's own 403 text, shown in the page; once
// roles/serviceusage.serviceUsageAdmin is granted (admin API), the same
// button works.
export async function iamRefusalWalk(browser, { base, check, shot }) {
  const admin = (path, body) => fetch(`${base}/emulator/v1/${path}`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  check("project without the console user's roles made", (await admin("projects", { projectId: "not-yours" })).ok);
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "en-US" });
  const page = await context.newPage();
  const pickable = async () => page.locator("#project-picker option").evaluateAll((os) => os.map((o) => o.value));
  await page.goto(base + "/console#/projects");
  await page.getByText("Signed in as owner@example.com").waitFor();
  check("a project where the user holds no role is not in the picker", !(await pickable()).includes("not-yours"));
  await readsRefusedForVertexUser(page, admin, { base, check, shot });
  check("Viewer granted through the admin API",
        (await admin("projects/not-yours/members", { role: "roles/viewer", member: "user:owner@example.com" })).ok);
  await page.evaluate(() => { localStorage.setItem("console.project", "not-yours"); });
  // A new query string: a real load (a new hash alone would not reload the project list).
  await page.goto(base + "/console?lang=en#/library/generativelanguage.googleapis.com");
  await page.getByTestId("service-toggle").waitFor();
  const picked = await page.locator("#project-picker").inputValue();
  check("as its Viewer, the user sees the project", (await pickable()).includes("not-yours") && picked === "not-yours",
        picked);
  if (picked !== "not-yours") throw new Error("not-yours is not picked: Enable would act on " + picked);
  await page.getByTestId("service-toggle").click();
  const error = page.locator("main .error:not([hidden])").first();
  await error.waitFor();
  const text = await error.textContent();
  check("Enable without a role: Service Usage's 403 shown in the page",
        text.startsWith("Permission denied to enable service [generativelanguage.googleapis.com]"), text);
  await shot(page, "desktop-13-enable-refused-without-role");
  const granted = await admin("projects/not-yours/members",
                              { role: "roles/serviceusage.serviceUsageAdmin", member: "user:owner@example.com" });
  check("Service Usage Admin granted through the admin API", granted.ok);
  await page.getByTestId("service-toggle").click();
  check("with Service Usage Admin, Enable works",
        await shows(page.getByTestId("service-status").filter({ hasText: "API enabled" })));
  await context.close();
}
