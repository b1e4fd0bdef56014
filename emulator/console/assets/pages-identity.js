// Pages of the Cloud Console, part two: the OAuth consent screen and OAuth
// clients ("User data", created here, renamed in their Edit page), service accounts with a role picker and JSON keys
// ("Application data"), and IAM with the tutorial's warnings about Owner and
// Editor.
"use strict";
(() => {
  const { app, t, roleTitle, h, i18n, api, readError, readDenied, field, select, radios, table, errorBox, toast,
          secretPanel, download, needProject, heading, go } = Console;

  // The roles offered first, in the tutorial's order; the rest follow.
  const FIRST_ROLES = ["roles/aiplatform.user", "roles/editor", "roles/owner", "roles/viewer"];
  let knownRoles = null;
  async function roles() {
    if (!knownRoles) {
      const r = await api("GET", "roles");
      const all = r.ok ? r.body.roles : FIRST_ROLES;
      knownRoles = FIRST_ROLES.concat(all.filter(x => !FIRST_ROLES.includes(x)));
    }
    return knownRoles;
  }

  // The tutorial's warnings for a set of roles.
  function roleWarnings(list) {
    const out = [];
    if (list.includes("roles/owner")) out.push(h("p", { class: "warning", "data-testid": "warn-owner" }, t("warnOwner")));
    if (list.includes("roles/editor")) out.push(h("p", { class: "warning", "data-testid": "warn-editor" }, t("warnEditor")));
    return out;
  }

  // Rows of role selects with "Add another role"; returns {row, values()}.
  function rolePicker(all, initial) {
    const rows = h("div", { class: "role-rows" });
    const warnings = h("div", { "aria-live": "polite" });
    const values = () => [...rows.querySelectorAll("select")].map(s => s.value).filter(Boolean);
    const refresh = () => warnings.replaceChildren(...roleWarnings(values()));
    const addRow = (value) => {
      const sel = select(t("role"), [{ value: "", label: t("selectRole") }].concat(
        all.map(r => ({ value: r, label: roleTitle(r) + " (" + r + ")", selected: r === value }))),
        { "data-testid": "role-select", onchange: refresh });
      const remove = h("button", { type: "button", class: "small", onclick: () => { row.remove(); refresh(); } }, t("removeRole"));
      const row = h("div", { class: "role-row" }, sel.row, remove);
      rows.append(row);
      return sel.input;
    };
    (initial.length ? initial : [""]).forEach(addRow);
    const add = h("button", { type: "button", class: "small", onclick: () => addRow("").focus() }, "+ " + t("addRole"));
    refresh();
    return { row: h("div", { class: "role-picker" }, rows, add, warnings), values };
  }

  app.pages.oauth = async (main) => {
    heading(main, t("consentTitle"), t("consentIntro"));
    if (needProject(main)) return;
    const p = encodeURIComponent(app.project);
    const err = errorBox();
    main.append(err);
    const r = await api("GET", `projects/${p}/oauth`);
    if (!r.ok) return err.show(readError(r, "whatOauth"));
    const consent = r.body.consent;
    if (!consent) {
      const appName = field(t("appName"), { required: true, "data-testid": "consent-app" });
      const email = field(t("supportEmail"), { type: "email", required: true, value: app.session.user, "data-testid": "consent-email" });
      main.append(h("p", { class: "warning" }, t("consentNeeded")), h("form", { class: "card", novalidate: true, onsubmit: async (e) => {
        e.preventDefault();
        err.clear();
        const s = await api("POST", `projects/${p}/oauth/consent`, { appName: appName.input.value.trim(), supportEmail: email.input.value.trim() });
        if (!s.ok) return err.show(s.error);
        toast("consentSaved");
        Console.route();
      } }, appName.row, email.row, h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("save")))));
      return appName.input.focus();
    }
    main.append(h("p", { class: "badge on" }, t("consentDone", consent.appName, consent.supportEmail)));
    main.append(h("h2", {}, t("oauthClientTitle")));
    const type = radios(t("appType"), "app-type", [
      { value: "installed", label: t("appDesktop"), checked: true },
      { value: "web", label: t("appWeb") },
    ]);
    const name = field(t("clientName"), { value: "Desktop client 1", "data-testid": "client-name" });
    const result = h("div", {});
    main.append(h("form", { class: "card", onsubmit: async (e) => {
      e.preventDefault();
      err.clear();
      const c = await api("POST", `projects/${p}/oauth/clients`, { displayName: name.input.value.trim(), applicationType: type.value() });
      if (!c.ok) return err.show(c.error);
      const panel = secretPanel("oauthCreatedTitle",
        [["clientIdLabel", c.body.clientId, "client-id"], ["clientSecretLabel", c.body.clientSecret, "client-secret"]],
        h("div", { class: "actions" }, i18n("button", "download", { type: "button", class: "primary", "data-testid": "client-download",
          onclick: () => download(c.body.fileName, c.body.clientSecretFile) })));
      result.replaceChildren(panel);
      panel.focus();
    } }, type.row, name.row, h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", "data-testid": "client-create" }, t("create")))), result);
  };

  // Credentials → an OAuth client's Edit: its name (the client ID and secret stay).
  app.pages["oauth/client/"] = async (main, args) => {
    heading(main, t("editClientTitle"));
    if (needProject(main)) return;
    const p = encodeURIComponent(app.project);
    const err = errorBox();
    main.append(err);
    const r = await api("GET", `projects/${p}/oauth`);
    if (!r.ok) return err.show(readError(r, "whatOauth"));
    const c = r.body.clients.find(x => x.clientId === args.rest);
    if (!c) return err.show(args.rest);
    const name = field(t("clientName"), { value: c.displayName, required: true, autocomplete: "off", "data-testid": "client-name" });
    main.append(h("form", { class: "card", novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      err.clear();
      const s = await api("PATCH", `projects/${p}/oauth/clients/${encodeURIComponent(c.clientId)}`,
                          { displayName: name.input.value.trim() });
      if (!s.ok) return err.show(s.error);
      toast("clientSaved", s.body.displayName);
      go("#/credentials");
    } }, h("dl", {}, h("dt", {}, t("colClientId")), h("dd", { class: "mono" }, c.clientId)), name.row,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", "data-testid": "client-save" }, t("save")),
        h("a", { class: "button", href: "#/credentials" }, t("cancel")))));
    name.input.focus();
  };

  app.pages.serviceaccounts = async (main) => {
    heading(main, t("accountsTitle"), t("accountsIntro"));
    if (needProject(main)) return;
    main.append(h("p", {}, h("a", { class: "button primary", href: "#/serviceaccounts/new" }, "+ " + t("createAccount"))));
    const r = await api("GET", `projects/${encodeURIComponent(app.project)}/serviceAccounts`);
    if (!r.ok) return main.append(readDenied(r, "whatAccounts"));
    main.append(table([t("colEmail"), t("colName"), t("colRoles"), t("colKeys")],
      r.body.accounts.map(a => [h("a", { href: `#/serviceaccounts/${a.email}`, class: "mono" }, a.email), a.displayName,
                                a.roles.map(roleTitle).join(", ") || "—", String(a.keys.length)]), t("noAccounts")));
  };

  app.pages["serviceaccounts/new"] = async (main) => {
    heading(main, t("createAccount"));
    if (needProject(main)) return;
    const err = errorBox();
    const suffix = "@" + app.project + ".iam.gserviceaccount.com";
    const name = field(t("accountName"), { autocomplete: "off", "data-testid": "sa-name" });
    const id = field(t("accountId"), { autocomplete: "off", required: true, "data-testid": "sa-id" }, t("accountIdHelp", "…" + suffix));
    const description = field(t("accountDescription"), { autocomplete: "off" });
    let idEdited = false;
    id.input.addEventListener("input", () => { idEdited = true; });
    name.input.addEventListener("input", () => {
      if (!idEdited) id.input.value = name.input.value.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+/, "").replace(/-+$/, "").slice(0, 30);
    });
    const picker = rolePicker(await roles(), []);
    main.append(h("form", { class: "card", novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      err.clear();
      const r = await api("POST", `projects/${encodeURIComponent(app.project)}/serviceAccounts`, {
        accountId: id.input.value.trim(), displayName: name.input.value.trim(),
        description: description.input.value.trim(), roles: picker.values() });
      if (!r.ok) return err.show(r.error);
      toast("accountCreated", r.body.email);
      go(`#/serviceaccounts/${r.body.email}`);
    } }, err, h("h2", {}, "1. " + t("accountDetails")), name.row, id.row, description.row,
      h("h2", {}, "2. " + t("grantAccess")), h("p", { class: "help" }, t("grantAccessHelp")), picker.row,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", "data-testid": "sa-create" }, t("done")),
        h("a", { class: "button", href: "#/serviceaccounts" }, t("cancel")))));
    name.input.focus();
  };

  app.pages["serviceaccounts/"] = async (main, args) => {
    if (needProject(main)) return;
    const p = encodeURIComponent(app.project);
    const r = await api("GET", `projects/${p}/serviceAccounts`);
    const err = errorBox();
    main.append(err);
    if (!r.ok) return err.show(readError(r, "whatAccounts"));
    const a = r.body.accounts.find(x => x.email === args.rest);
    if (!a) return err.show(args.rest);
    heading(main, a.displayName || a.email);
    main.append(h("dl", { class: "card" }, h("dt", {}, t("colEmail")), h("dd", { class: "mono" }, a.email),
                  h("dt", {}, t("colRoles")), h("dd", {}, a.roles.map(roleTitle).join(", ") || "—")),
                ...roleWarnings(a.roles),
                h("p", {}, h("a", { class: "button", href: `#/iam?edit=${encodeURIComponent("serviceAccount:" + a.email)}` }, t("editAccess"))));
    main.append(h("h2", {}, t("keysTitle")),
      h("p", {}, h("button", { type: "button", class: "primary", "data-testid": "sa-add-key", onclick: async () => {
        err.clear();
        const k = await api("POST", `projects/${p}/serviceAccounts/${encodeURIComponent(a.email)}/keys`);
        if (!k.ok) return err.show(k.error);
        download(k.body.fileName, k.body.keyFile);
        app.flash = { text: t("keyCreated", k.body.fileName), testid: "sa-key-created" };
        Console.route();
      } }, t("addKey"))),
      table([t("keyId"), t("colCreated"), t("colActions")], a.keys.map(k => [h("span", { class: "mono" }, k.keyId), k.validAfterTime,
        h("button", { type: "button", class: "small danger", "aria-label": t("delete") + " " + k.keyId, onclick: async () => {
          if (!confirm(t("confirmDelete", k.keyId))) return;
          const d = await api("DELETE", `projects/${p}/serviceAccounts/${encodeURIComponent(a.email)}/keys/${k.keyId}`);
          if (!d.ok) return err.show(d.error);
          toast("keyDeletedToast", k.keyId);
          Console.route();
        } }, t("delete"))]), t("noAccountKeys")));
  };

  async function setRoles(member, list, version, err) {
    const r = await api("POST", `projects/${encodeURIComponent(app.project)}/iam:setMemberRoles`, { member, roles: list, version });
    if (!r.ok) { err.show(r.error); return false; }
    toast("accessSaved", member);
    return true;
  }

  app.pages.iam = async (main, args) => {
    heading(main, t("iamTitle"), app.project ? t("iamIntro", app.project) : "");
    if (needProject(main)) return;
    const err = errorBox();
    main.append(err);
    const r = await api("GET", `projects/${encodeURIComponent(app.project)}/iam`);
    if (!r.ok) return err.show(readError(r, "whatIam"));
    const all = await roles();
    const editor = h("div", {});
    const openEditor = (member, current) => {
      const principal = field(t("principal"), { value: member, readonly: Boolean(member), required: true,
                                                "data-testid": "iam-principal" }, t("principalHelp"));
      const picker = rolePicker(all, current);
      const form = h("form", { class: "card", "aria-label": t("editAccess"), novalidate: true, onsubmit: async (e) => {
        e.preventDefault();
        err.clear();
        if (await setRoles(principal.input.value.trim(), picker.values(), r.body.version, err)) Console.route();
      } }, h("h2", {}, member ? t("editAccess") : t("grant")), principal.row, picker.row,
        h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", "data-testid": "iam-save" }, t("saveAccess")),
          h("button", { type: "button", onclick: () => editor.replaceChildren() }, t("cancel"))));
      editor.replaceChildren(form);
      (member ? form.querySelector("select") : principal.input).focus();
    };
    main.append(h("p", {}, h("button", { type: "button", class: "primary", onclick: () => openEditor("", []) }, "+ " + t("grant"))), editor);
    main.append(table([t("principal"), t("colRoles"), t("colActions")], r.body.members.map(m => {
      const notes = [];
      if (m.roles.includes("roles/owner")) notes.push(h("span", { class: "chip warn" }, t("warnOwnerShort")));
      if (m.roles.includes("roles/editor")) notes.push(h("span", { class: "chip warn" }, t("warnEditorShort")));
      const tighten = m.roles.includes("roles/editor") && m.member.startsWith("serviceAccount:")
        ? h("button", { type: "button", class: "small", "data-testid": "iam-tighten", onclick: async () => {
            const next = m.roles.filter(x => x !== "roles/editor");
            if (!next.includes("roles/aiplatform.user")) next.push("roles/aiplatform.user");
            if (await setRoles(m.member, next, r.body.version, err)) Console.route();
          } }, t("tightenToVertex")) : null;
      return [h("span", { class: "mono" }, m.member), h("span", {}, m.roles.map(roleTitle).join(", "), " ", notes),
              h("span", { class: "row-actions" }, h("button", { type: "button", class: "small", "aria-label": t("edit") + " " + m.member,
                onclick: () => openEditor(m.member, m.roles) }, t("edit")), tighten)];
    }), t("noMembers")));
    const hasOwner = r.body.members.some(m => m.roles.includes("roles/owner"));
    const hasEditor = r.body.members.some(m => m.roles.includes("roles/editor"));
    main.append(...roleWarnings((hasOwner ? ["roles/owner"] : []).concat(hasEditor ? ["roles/editor"] : [])));
    if (args.edit) openEditor(args.edit, (r.body.members.find(m => m.member === args.edit) || { roles: [] }).roles);
  };
})();
