// Every page of the console (every route of its hash router, main.js), in
// English and in Chinese, screenshotted for a person to look at
// (pages-<lang>-<route>.png), with a check per Chinese page that nothing from
// the English string table is left untranslated: the heading is the Chinese
// table's, and no text on the page (status message included) is an English
// entry whose Chinese entry differs.

// Routes of app.pages; ":key", ":account" and ":client" are filled with a
// key, a service account and an OAuth client of the walkthrough's project.
const ROUTES = [
  ["projects", "projectsTitle"],
  ["projects/new", "newProjectTitle"],
  ["library", "libraryTitle"],
  ["library/generativelanguage.googleapis.com", null],  // the API's own name as heading
  ["credentials", "credentialsTitle"],
  ["credentials/key/new", "createKeyTitle"],
  ["credentials/key/:key", "editKeyTitle"],
  ["credentials/wizard", "wizardTitle"],
  ["oauth", "consentTitle"],
  ["oauth/client/:client", "editClientTitle"],
  ["serviceaccounts", "accountsTitle"],
  ["serviceaccounts/new", "createAccount"],
  ["serviceaccounts/:account", null],                    // the account's email as heading
  ["iam", "iamTitle"],
  ["aistudio", "studioTitle"],
];

function fileName(lang, route) {
  return `pages-${lang}-${route.replace(/[/:]+/g, "_").replace(/\./g, "-")}`;
}

// Text the page shows that is an English table entry with a different
// Chinese entry. Entries with placeholders are matched by their fixed parts.
function untranslatedOnPage() {
  const en = window.CONSOLE_STRINGS.en, zh = window.CONSOLE_STRINGS.zh;
  const patterns = [];
  for (const [k, v] of Object.entries(en)) {
    if (typeof v !== "string" || v === zh[k] || !/[A-Za-z]{3}/.test(v)) continue;
    const parts = v.split(/\{\d\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    patterns.push([k, new RegExp("^" + parts.join("[\\s\\S]*") + "$")]);
  }
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.currentNode; el; el = walker.nextNode()) {
    if (el.closest("[hidden]") || el.closest("#lang")) continue;  // the language menu names both languages
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
    if (own) texts.push(own);
    if (el.getAttribute("aria-label")) texts.push(el.getAttribute("aria-label").trim());
  }
  const left = [];
  for (const text of texts) {
    for (const [k, re] of patterns) if (re.test(text)) left.push(`${k}: "${text}"`);
  }
  return [...new Set(left)];
}

export async function everyPageBothLanguages(browser, { base, check, shot, project }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "en-US" });
  const page = await context.newPage();
  await page.addInitScript((p) => { localStorage.setItem("console.project", p); }, project);
  await page.goto(base + "/console#/projects");
  await page.getByText("Signed in as owner@example.com").waitFor();
  const p = encodeURIComponent(project);
  const fill = await page.evaluate(async (p) => {
    const keys = await (await fetch(`/console/api/projects/${p}/keys`)).json();
    const accounts = await (await fetch(`/console/api/projects/${p}/serviceAccounts`)).json();
    const oauth = await (await fetch(`/console/api/projects/${p}/oauth`)).json();
    return { key: keys.keys[0] && keys.keys[0].uid, account: accounts.accounts[0] && accounts.accounts[0].email,
             client: oauth.clients[0] && oauth.clients[0].clientId };
  }, p);
  check("the project has a key, a service account and an OAuth client to show",
        Boolean(fill.key && fill.account && fill.client), JSON.stringify(fill));

  for (const lang of ["en", "zh"]) {
    for (const [route, titleKey] of ROUTES) {
      const hash = route.replace(":key", fill.key).replace(":account", fill.account).replace(":client", fill.client);
      await page.goto(`${base}/console?lang=${lang}#/${hash}`, { waitUntil: "networkidle" });
      const h1 = page.locator("main h1").first();
      await h1.waitFor();
      await page.waitForLoadState("networkidle");
      await shot(page, fileName(lang, route));
      const heading = (await h1.textContent()).trim();
      const errors = await page.locator("main .error:not([hidden])").count();
      check(`${lang} #/${route}: no error shown`, errors === 0,
            errors ? await page.locator("main .error:not([hidden])").first().textContent() : "");
      if (titleKey) {
        const want = await page.evaluate(([l, k]) => window.CONSOLE_STRINGS[l][k], [lang, titleKey]);
        check(`${lang} #/${route}: heading from the ${lang} table`, heading === want, `"${heading}" vs "${want}"`);
      }
      if (lang === "en" && route === "credentials") {
        // The check below can see English: here it must find plenty.
        const seen = await page.evaluate(untranslatedOnPage);
        check("the untranslated-text check finds the English page's strings", seen.length >= 5, String(seen.length));
      }
      if (lang === "zh") {
        check(`zh #/${route}: html lang is zh-CN`, (await page.evaluate(() => document.documentElement.lang)) === "zh-CN");
        const left = await page.evaluate(untranslatedOnPage);
        check(`zh #/${route}: no English from the string table`, left.length === 0, left.join(" | "));
      }
    }
  }
  await context.close();
}
