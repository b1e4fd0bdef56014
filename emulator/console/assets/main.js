// The console's shell: the session, the project picker, the language switch,
// the menu at phone width, and the hash router ("#/library/NAME?q=...")
// that renders a page into <main>.
"use strict";
(() => {
  const { app, t, h, api } = Console;

  function applyStrings() {
    document.documentElement.lang = app.lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll("[data-i18n-label]").forEach(el => { el.setAttribute("aria-label", t(el.dataset.i18nLabel)); });
    document.getElementById("user").textContent = app.session ? t("signedInAs", app.session.user) : "";
    document.title = "genai-emulator · " + t("brand");
  }

  function drawPicker() {
    const picker = document.getElementById("project-picker");
    picker.replaceChildren(h("option", { value: "" }, t("noProject")),
      ...app.projects.map(p => h("option", { value: p.projectId, selected: p.projectId === app.project }, `${p.displayName} (${p.projectId})`)));
    picker.value = app.project;
  }

  Console.reloadProjects = async () => {
    const r = await api("GET", "projects");
    app.projects = r.ok ? r.body.projects : [];
    if (app.project && !app.projects.some(p => p.projectId === app.project)) app.project = "";
    if (!app.project && app.projects.length) app.project = app.projects[0].projectId;
    try { localStorage.setItem("console.project", app.project); } catch (e) { /* storage may be off */ }
    drawPicker();
  };

  // "#/serviceaccounts/a@b?x=1" -> the longest page name that matches, and args.
  function parse(hash) {
    const [path, query] = hash.replace(/^#\/?/, "").split("?");
    const args = Object.fromEntries(new URLSearchParams(query || ""));
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    for (let n = parts.length; n > 0; n--) {
      const name = parts.slice(0, n).join("/");
      if (n === parts.length && app.pages[name]) return { page: app.pages[name], args };
      if (n < parts.length && app.pages[name + "/"]) return { page: app.pages[name + "/"], args: Object.assign(args, { rest: parts.slice(n).join("/") }) };
    }
    return { page: app.pages.projects, args };
  }

  let routing = 0;
  // A page's one-time message that must survive the re-render it asks for
  // (a key file downloaded, then the key list redrawn): {text, testid}.
  app.flash = null;
  Console.route = async (initial) => {
    const mine = ++routing;
    const flash = app.flash;
    app.flash = null;
    const main = document.getElementById("main");
    const fresh = h("main", { id: "main", tabindex: "-1" });
    main.replaceWith(fresh);
    const { page, args } = parse(location.hash || "#/projects");
    document.querySelectorAll("#nav a").forEach(a => {
      const current = (location.hash || "#/projects").startsWith(a.getAttribute("href"));
      if (current) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
    document.body.classList.toggle("studio-mode", (location.hash || "").startsWith("#/aistudio"));
    try {
      await page(fresh, args);
    } catch (e) {
      if (mine === routing) fresh.append(h("p", { class: "error", role: "alert" }, t("errorPrefix", String(e))));
    }
    if (flash && mine === routing) {
      const note = h("p", { class: "warning", role: "status", "data-testid": flash.testid }, flash.text);
      const title = fresh.querySelector("h1");
      if (title) title.after(note); else fresh.prepend(note);
    }
    // On a page change, focus moves to the new content (as a screen reader
    // expects); on the first load it stays at the top, so Tab starts at the
    // skip link.
    if (!initial && mine === routing && !fresh.contains(document.activeElement)) fresh.focus();
  };

  async function start() {
    try { app.lang = localStorage.getItem("console.lang") || ""; } catch (e) { app.lang = ""; }
    if (!app.lang) app.lang = (navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en";
    const params = new URLSearchParams(location.search);
    if (params.get("lang") === "zh" || params.get("lang") === "en") app.lang = params.get("lang");
    try { app.project = localStorage.getItem("console.project") || ""; } catch (e) { app.project = ""; }
    const s = await api("GET", "session");
    if (!s.ok) {
      document.getElementById("main").append(h("p", { class: "error", role: "alert" }, t("errorPrefix", s.error)));
      return;
    }
    app.session = s.body;
    document.getElementById("lang").value = app.lang;
    applyStrings();
    await Console.reloadProjects();

    document.getElementById("project-picker").addEventListener("change", (e) => {
      app.project = e.target.value;
      try { localStorage.setItem("console.project", app.project); } catch (err) { /* ignore */ }
      Console.route();
    });
    document.getElementById("lang").addEventListener("change", (e) => {
      app.lang = e.target.value;
      try { localStorage.setItem("console.lang", app.lang); } catch (err) { /* ignore */ }
      applyStrings();
      Console.retranslateToast();
      drawPicker();
      // A secret shown once (a new API key, an OAuth client secret) is never
      // redrawn away: its panel has just been translated in place, and the
      // rest of the page follows at the next navigation.
      if (!document.querySelector("#main .secret")) Console.route();
    });
    const toggle = document.getElementById("menu-toggle");
    const nav = document.getElementById("nav");
    toggle.addEventListener("click", () => {
      const open = !nav.classList.contains("open");
      nav.classList.toggle("open", open);
      toggle.setAttribute("aria-expanded", String(open));
      if (open) nav.querySelector("a").focus();
    });
    nav.addEventListener("click", (e) => {
      if (e.target.closest("a")) { nav.classList.remove("open"); toggle.setAttribute("aria-expanded", "false"); }
    });
    // The skip link focuses <main> without touching the hash the router reads.
    document.querySelector(".skip-link").addEventListener("click", (e) => {
      e.preventDefault();
      document.getElementById("main").focus();
    });
    window.addEventListener("hashchange", () => Console.route());
    await Console.route(true);
  }

  start();
})();
