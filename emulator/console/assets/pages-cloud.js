// Pages of the Cloud Console, part one: Manage resources (projects), the API
// Library (search, Enable, Disable), Credentials (API keys with their
// restrictions, OAuth clients, service accounts) and "Help me choose".
"use strict";
(() => {
  const { app, t, h, i18n, api, readError, readDenied, field, radios, table, errorBox, toast, secretPanel, needProject, heading,
          go, lines } = Console;

  app.pages.projects = async (main) => {
    heading(main, t("projectsTitle"), t("projectsIntro"));
    main.append(h("p", {}, h("a", { class: "button primary", href: "#/projects/new" }, t("createProject"))));
    const r = await api("GET", "projects");
    if (!r.ok) return main.append(h("p", { class: "error", role: "alert" }, t("errorPrefix", r.error)));
    main.append(table([t("colProjectName"), t("colProjectId"), t("colProjectNumber"), t("colCreated")],
      r.body.projects.map(p => [p.displayName, h("span", { class: "mono" }, p.projectId), p.projectNumber,
                                p.createTime || "—"]), t("noProjects")));
  };

  app.pages["projects/new"] = (main) => {
    heading(main, t("newProjectTitle"));
    const err = errorBox();
    const name = field(t("projectName"), { required: true, autocomplete: "off", "data-testid": "project-name" });
    const id = field(t("projectId"), { required: true, autocomplete: "off", pattern: "[a-z][a-z0-9-]{5,29}",
                                        "data-testid": "project-id" }, t("projectIdHelp"));
    let idEdited = false;
    id.input.addEventListener("input", () => { idEdited = true; });
    name.input.addEventListener("input", () => {
      if (idEdited) return;
      id.input.value = name.input.value.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+/, "")
        .replace(/-+$/, "").slice(0, 30);
    });
    const form = h("form", { class: "card", novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      err.clear();
      const r = await api("POST", "projects", { projectId: id.input.value.trim(), displayName: name.input.value.trim() });
      if (!r.ok) return err.show(r.error);
      app.project = r.body.projectId;
      await Console.reloadProjects();
      toast("projectCreated", r.body.projectId);
      go("#/library");
    } }, err, name.row, id.row,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("create")),
        h("a", { class: "button", href: "#/projects" }, t("cancel"))));
    main.append(form);
    name.input.focus();
  };

  async function setService(service, enable, err) {
    const r = await api("POST", `projects/${encodeURIComponent(app.project)}/services/${encodeURIComponent(service.name)}:${enable ? "enable" : "disable"}`);
    if (!r.ok) { err.show(r.error); return false; }
    toast(enable ? "enabledToast" : "disabledToast", service.title, app.project);
    return true;
  }

  // The Gemini APIs first, as the Library shows them to someone who searched for AI.
  const FIRST_APIS = ["generativelanguage.googleapis.com", "aiplatform.googleapis.com", "cloudaicompanion.googleapis.com"];
  const rank = (s) => (FIRST_APIS.includes(s.name) ? FIRST_APIS.indexOf(s.name) : FIRST_APIS.length + (s.alwaysEnabled ? 1 : 0));

  app.pages.library = async (main, args) => {
    heading(main, t("libraryTitle"));
    if (needProject(main)) return;
    const err = errorBox();
    const search = field(t("librarySearch"), { type: "search", value: args.q || "", "data-testid": "library-search" });
    const list = h("ul", { class: "cards", "aria-live": "polite" });
    main.append(err, search.row, list);
    const r = await api("GET", `projects/${encodeURIComponent(app.project)}/services`);
    if (!r.ok) return err.show(readError(r, "whatApis"));
    const draw = () => {
      const q = search.input.value.trim().toLowerCase();
      list.replaceChildren();
      const matches = r.body.services.filter(s => !q || s.title.toLowerCase().includes(q) || s.name.includes(q))
        .sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title));
      if (!matches.length) list.append(h("li", { class: "empty" }, t("libraryNoMatch", search.input.value)));
      for (const s of matches) {
        list.append(h("li", { class: "card service" },
          h("h2", {}, h("a", { href: `#/library/${s.name}` }, s.title)),
          h("p", { class: "mono small" }, s.name),
          h("p", {}, t("desc:" + s.name)),
          h("p", { class: s.enabled ? "badge on" : "badge off" }, s.enabled ? t("apiEnabled") : t("apiDisabled"))));
      }
    };
    search.input.addEventListener("input", draw);
    draw();
    search.input.focus();
  };

  app.pages["library/"] = async (main, args) => {
    if (needProject(main)) return;
    const name = args.rest;
    const r = await api("GET", `projects/${encodeURIComponent(app.project)}/services`);
    const err = errorBox();
    if (!r.ok) { main.append(err); return err.show(readError(r, "whatApis")); }
    const s = r.body.services.find(x => x.name === name);
    if (!s) return main.append(h("p", { class: "error", role: "alert" }, t("libraryNoMatch", name)));
    heading(main, s.title, t("desc:" + s.name));
    const status = h("p", { class: s.enabled ? "badge on" : "badge off", "data-testid": "service-status" },
                     s.enabled ? t("apiEnabled") : t("apiDisabled"));
    const button = h("button", { type: "button", class: s.enabled ? "" : "primary", disabled: s.alwaysEnabled,
                                 "data-testid": "service-toggle", onclick: async () => {
      err.clear();
      if (await setService(s, !s.enabled, err)) Console.route();
    } }, s.enabled ? t("disable") : t("enable"));
    main.append(h("section", { class: "card" }, err,
      h("dl", {}, h("dt", {}, t("serviceName")), h("dd", { class: "mono" }, s.name)),
      status, s.alwaysEnabled ? h("p", { class: "help" }, t("alwaysEnabled")) : null,
      h("div", { class: "actions" }, button, h("a", { class: "button", href: "#/library" }, t("back")))));
    button.focus();
  };

  function restrictionText(k) {
    const parts = [];
    if (k.apiTargets.length) parts.push(k.apiTargets.join(", "));
    if (k.allowedIps.length) parts.push(t("ipRestricted", k.allowedIps.join(", ")));
    if (k.allowedReferrers.length) parts.push(t("refererRestricted", k.allowedReferrers.join(", ")));
    return parts.length ? parts.join("; ") : t("unrestricted");
  }
  Console.restrictionText = restrictionText;

  function createMenu() {
    const items = [
      ["credApiKey", "credApiKeyHelp", "#/credentials/key/new"],
      ["credOauth", "credOauthHelp", "#/oauth"],
      ["credServiceAccount", "credServiceAccountHelp", "#/serviceaccounts/new"],
      ["credHelpChoose", "credHelpChooseHelp", "#/credentials/wizard"],
    ];
    const menu = h("ul", { class: "menu", id: "create-menu", hidden: true },
      items.map(([label, help, href]) => h("li", {}, h("a", { href, class: "menu-item" },
        h("strong", {}, t(label)), h("span", { class: "help" }, t(help))))));
    const toggle = h("button", { type: "button", class: "primary", "aria-expanded": "false", "aria-controls": "create-menu",
                                 "data-testid": "create-credentials", onclick: () => {
      const open = menu.hidden;
      menu.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      if (open) menu.querySelector("a").focus();
    } }, "+ " + t("createCredentials"));
    menu.addEventListener("keydown", (e) => {
      if (e.key === "Escape") { menu.hidden = true; toggle.setAttribute("aria-expanded", "false"); toggle.focus(); }
    });
    return h("div", { class: "menu-wrap" }, toggle, menu);
  }

  app.pages.credentials = async (main) => {
    heading(main, t("credentialsTitle"), t("credentialsIntro"));
    if (needProject(main)) return;
    main.append(createMenu());
    const err = errorBox();
    main.append(err);
    const p = encodeURIComponent(app.project);
    const [keys, oauth, accounts] = await Promise.all([api("GET", `projects/${p}/keys`), api("GET", `projects/${p}/oauth`),
                                                        api("GET", `projects/${p}/serviceAccounts`)]);
    // Each section needs its own permission (apikeys.keys.list,
    // clientauthconfig.clients.list, iam.serviceAccounts.list): one refused
    // says so in its place, and the others still show.
    main.append(h("h2", {}, t("apiKeysHeading")), !keys.ok ? readDenied(keys, "whatApiKeys") :
      table([t("colName"), t("colType"), t("colRestrictions"), t("colCreated"), t("colActions")],
        keys.body.keys.map(k => [k.displayName + (k.expired ? " (" + t("expired") + ")" : ""),
          k.kind === "studio" ? t("kindStudio") : t("kindConsole"), restrictionText(k), k.createTime || "—",
          h("span", { class: "row-actions" },
            h("a", { class: "button small", href: `#/credentials/key/${k.uid}`, "aria-label": t("edit") + " " + k.displayName }, t("edit")),
            h("button", { type: "button", class: "small danger", "aria-label": t("delete") + " " + k.displayName, onclick: async () => {
              if (!confirm(t("confirmDelete", k.displayName))) return;
              const r = await api("DELETE", `projects/${p}/keys/${encodeURIComponent(k.uid)}`);
              if (!r.ok) return err.show(r.error);
              toast("keyDeleted", k.displayName);
              Console.route();
            } }, t("delete")))]), t("noKeys")),
      h("h2", {}, t("oauthClientsHeading")), !oauth.ok ? readDenied(oauth, "whatOauth") :
      table([t("colName"), t("colType"), t("colClientId"), t("colCreated"), t("colActions")],
        oauth.body.clients.map(c => [c.displayName, c.applicationType === "web" ? t("appWeb") : t("appDesktop"),
          h("span", { class: "mono" }, c.clientId), c.createTime || "—",
          h("span", { class: "row-actions" },
            h("a", { class: "button small", href: `#/oauth/client/${c.clientId}`, "aria-label": t("edit") + " " + c.displayName }, t("edit")),
            h("button", { type: "button", class: "small danger", "aria-label": t("delete") + " " + c.displayName, onclick: async () => {
              if (!confirm(t("confirmDeleteClient", c.displayName))) return;
              const r = await api("DELETE", `projects/${p}/oauth/clients/${encodeURIComponent(c.clientId)}`);
              if (!r.ok) return err.show(r.error);
              toast("clientDeleted", c.displayName);
              Console.route();
            } }, t("delete")))]), t("noClients")),
      h("h2", {}, t("serviceAccountsHeading")), !accounts.ok ? readDenied(accounts, "whatAccounts") :
      table([t("colEmail"), t("colName"), t("colRoles")],
        accounts.body.accounts.map(a => [h("a", { href: `#/serviceaccounts/${a.email}`, class: "mono" }, a.email),
                                         a.displayName, a.roles.map(Console.roleTitle).join(", ") || "—"]), t("noAccounts")));
  };

  // Create (uid "new") or edit an API key's name and restrictions.
  app.pages["credentials/key/"] = async (main, args) => {
    if (needProject(main)) return;
    const p = encodeURIComponent(app.project);
    const creating = args.rest === "new";
    heading(main, creating ? t("createKeyTitle") : t("editKeyTitle"));
    const err = errorBox();
    const [keys, services] = await Promise.all([creating ? null : api("GET", `projects/${p}/keys`),
                                                api("GET", `projects/${p}/services`)]);
    if (keys && !keys.ok) { main.append(err); return err.show(readError(keys, "whatApiKeys")); }
    const key = creating ? { displayName: "", apiTargets: [], allowedIps: [], allowedReferrers: [], kind: "console" }
                         : keys.body.keys.find(k => k.uid === args.rest);
    if (!key) { main.append(err); return err.show(args.rest); }
    const studio = key.kind === "studio";
    const name = field(t("keyName"), { value: key.displayName, autocomplete: "off", "data-testid": "key-name" });
    const ips = field(t("ipsLabel"), { tag: "textarea", rows: 3, "data-testid": "key-ips" });
    ips.input.value = key.allowedIps.join("\n");
    const refs = field(t("referrersLabel"), { tag: "textarea", rows: 3, "data-testid": "key-referrers" });
    refs.input.value = key.allowedReferrers.join("\n");
    const showApp = () => { const v = app_r.value(); ips.row.hidden = v !== "ips"; refs.row.hidden = v !== "referrers"; };
    const app_r = radios(t("appRestrictions"), "app-restriction", [
      { value: "none", label: t("restrictNone"), checked: !key.allowedIps.length && !key.allowedReferrers.length, onchange: () => showApp() },
      { value: "referrers", label: t("restrictReferrers"), checked: key.allowedReferrers.length > 0, onchange: () => showApp() },
      { value: "ips", label: t("restrictIps"), checked: key.allowedIps.length > 0, onchange: () => showApp() },
    ], t("appRestrictionsHelp"));
    // As in the Cloud Console, a key can be restricted to the project's
    // enabled APIs (and keeps any it already names), listed by title.
    // Without serviceusage.services.list the key's own APIs are still
    // listed (by name), and the list says why no others are.
    const choices = (services.ok ? services.body.services : key.apiTargets.map(name => ({ name, title: name, enabled: true })))
      .filter(s => s.enabled || key.apiTargets.includes(s.name)).sort((a, b) => a.title.localeCompare(b.title));
    const checks = choices.map(s => {
      const id = "api-" + s.name.replace(/\./g, "-");
      const box = h("input", { type: "checkbox", id, value: s.name, checked: key.apiTargets.includes(s.name), disabled: studio });
      return { box, row: h("div", { class: "check" }, box, h("label", { for: id }, s.title)) };
    });
    const apiList = h("fieldset", { class: "checks" }, h("legend", {}, t("selectApis")),
      services.ok ? null : readDenied(services, "whatApis"),
      checks.length ? checks.map(c => c.row) : services.ok ? h("p", { class: "empty" }, t("noEnabledApis")) : null);
    const showApi = () => { apiList.hidden = api_r.value() !== "restrict"; };
    const api_r = radios(t("apiRestrictions"), "api-restriction", [
      { value: "none", label: t("dontRestrict"), checked: !key.apiTargets.length, onchange: () => showApi() },
      { value: "restrict", label: t("restrictKey"), checked: key.apiTargets.length > 0, onchange: () => showApi() },
    ], t("apiRestrictionsHelp"));
    if (studio) api_r.inputs.forEach(i => { i.disabled = true; });
    const form = h("form", { class: "card", novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      err.clear();
      const which = app_r.value();
      const body = {
        displayName: name.input.value.trim(),
        allowedIps: which === "ips" ? lines(ips.input.value) : [],
        allowedReferrers: which === "referrers" ? lines(refs.input.value) : [],
        apiTargets: api_r.value() === "restrict" ? checks.filter(c => c.box.checked).map(c => c.box.value) : [],
      };
      const r = creating ? await api("POST", `projects/${p}/keys`, body)
                         : await api("PATCH", `projects/${p}/keys/${encodeURIComponent(key.uid)}`, body);
      if (!r.ok) return err.show(r.error);
      if (!creating) { toast("keySaved", r.body.displayName); return go("#/credentials"); }
      main.replaceChildren();
      main.append(i18n("h1", "keyCreatedTitle"), i18n("p", "keyCreatedHelp", { class: "intro" }));
      const panel = secretPanel("keyCreatedTitle", [["yourKey", r.body.keyString, "created-key"]],
        h("div", { class: "actions" }, i18n("a", "close", { class: "button primary", href: "#/credentials" })));
      main.append(panel);
      panel.focus();
    } }, err, name.row,
      h("section", { class: "group" }, app_r.row, refs.row, ips.row),
      h("section", { class: "group" }, studio ? h("p", { class: "warning" }, t("studioKeyLocked")) : null, api_r.row, apiList),
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", "data-testid": "key-save" },
                                       creating ? t("create") : t("save")),
        h("a", { class: "button", href: "#/credentials" }, t("cancel"))));
    main.append(form);
    showApp();
    showApi();
    name.input.focus();
  };

  app.pages["credentials/wizard"] = (main) => {
    heading(main, t("wizardTitle"));
    const err = errorBox();
    const apiChoice = Console.select(t("wizardApi"), [
      { value: "generativelanguage.googleapis.com", label: "Generative Language API" },
      { value: "aiplatform.googleapis.com", label: "Vertex AI API" },
    ]);
    const data = radios(t("wizardData"), "data-kind", [
      { value: "user", label: t("userData"), help: t("userDataHelp") },
      { value: "app", label: t("appData"), help: t("appDataHelp") },
    ]);
    main.append(h("form", { class: "card", onsubmit: (e) => {
      e.preventDefault();
      const v = data.value();
      if (!v) return err.show(t("wizardChoose"));
      go(v === "user" ? "#/oauth" : "#/serviceaccounts/new");
    } }, err, apiChoice.row, data.row,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("next")),
        h("a", { class: "button", href: "#/credentials" }, t("cancel")))));
    apiChoice.input.focus();
  };
})();
