// The console's small core: strings (t), DOM building without HTML strings
// (h: every text goes in as a text node, so nothing a user typed becomes
// markup), the JSON API client (api: the session's CSRF token on every
// change; readError: what a refused read says), and the pieces pages share
// (forms, tables, the one-time secret panel, downloads, toasts).
"use strict";
const Console = (() => {
  const app = {
    lang: "en",
    session: null,   // {user, csrfToken, csrfHeader}
    projects: [],
    project: "",     // the picked project id
    pages: {},       // route name -> render(main, args)
  };

  function t(key, ...args) {
    const table = window.CONSOLE_STRINGS[app.lang] || window.CONSOLE_STRINGS.en;
    let s = table[key] !== undefined ? table[key] : window.CONSOLE_STRINGS.en[key];
    if (s === undefined) return key;
    args.forEach((a, i) => { s = s.split("{" + i + "}").join(String(a)); });
    return s;
  }

  function roleTitle(role) {
    const title = t("role:" + role);
    return title === "role:" + role ? role : title;
  }

  // h("button", {class: "primary", onclick: f}, "Save")
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (k === "class") el.className = v;
      else if (k === "for") el.htmlFor = v;
      else if (k === "value") el.value = v;
      else if (k === "checked" || k === "selected" || k === "disabled") el[k] = Boolean(v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  async function api(method, path, body) {
    const headers = {};
    if (method !== "GET") {
      headers[app.session ? app.session.csrfHeader : "X-Console-Csrf"] = app.session ? app.session.csrfToken : "";
    }
    const init = { method, headers, credentials: "same-origin" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch("/console/api/" + path, init);
    } catch (e) {
      return { ok: false, status: 0, error: String(e) };
    }
    let json = null;
    try { json = await res.json(); } catch (e) { json = null; }
    if (!res.ok) {
      const message = json && json.error && json.error.message ? json.error.message : "HTTP " + res.status;
      return { ok: false, status: res.status, error: message, body: json, permission: deniedPermission(json) };
    }
    return { ok: true, status: res.status, body: json };
  }

  // The IAM permission a 403 names: IAM's and Resource Manager's ErrorInfo
  // metadata, or Service Usage's PreconditionFailure subject ("...&permission=X&...").
  function deniedPermission(body) {
    const details = (body && body.error && body.error.details) || [];
    for (const d of details) {
      if (d.metadata && d.metadata.permission) return d.metadata.permission;
      for (const v of d.violations || []) {
        const m = /[?&]permission=([^&]+)/.exec(v.subject || "");
        if (m) return decodeURIComponent(m[1]);
      }
    }
    return "";
  }

  // What a page says when a read fails: on a 403, that the user may not see
  // `whatKey` (a string-table key) here and which permission it takes, as the
  // Cloud Console does; otherwise the error itself.
  function readError(r, whatKey) {
    if (r.status !== 403) return t("errorPrefix", r.error);
    return r.permission ? t("noPermissionView", t(whatKey), r.permission) : t("noPermissionViewWhy", t(whatKey), r.error);
  }

  // readError as a paragraph, for a page (or one section of it) that has nothing else to show.
  function readDenied(r, whatKey) {
    return h("p", { class: "error", role: "alert", "data-testid": "read-error" }, readError(r, whatKey));
  }

  let fieldCounter = 0;
  function fieldId() { return "f" + (++fieldCounter); }

  // A labelled input; returns {row, input}.
  function field(label, attrs, help) {
    const id = fieldId();
    const helpId = help ? id + "-help" : undefined;
    const input = h(attrs && attrs.tag === "textarea" ? "textarea" : "input",
                    Object.assign({ id, "aria-describedby": helpId }, attrs, { tag: undefined }));
    const row = h("div", { class: "field" }, h("label", { for: id }, label), input,
                  help ? h("p", { class: "help", id: helpId }, help) : null);
    return { row, input };
  }

  function select(label, options, attrs) {
    const id = fieldId();
    const sel = h("select", Object.assign({ id }, attrs),
                  options.map(o => h("option", { value: o.value, selected: o.selected }, o.label)));
    return { row: h("div", { class: "field" }, h("label", { for: id }, label), sel), input: sel };
  }

  // A group of radio buttons in a fieldset (legend, then `help`); returns {row, inputs, value()}.
  function radios(legend, name, options, help) {
    const inputs = [];
    const row = h("fieldset", { class: "radios" }, h("legend", {}, legend), help ? h("p", { class: "help" }, help) : null,
                  options.map(o => {
      const id = fieldId();
      const input = h("input", { type: "radio", name, id, value: o.value, checked: o.checked,
                                 "aria-describedby": o.help ? id + "-help" : undefined,
                                 onchange: o.onchange });
      inputs.push(input);
      return h("div", { class: "radio" }, input, h("label", { for: id }, o.label),
               o.help ? h("p", { class: "help", id: id + "-help" }, o.help) : null);
    }));
    return { row, inputs, value: () => (inputs.find(i => i.checked) || {}).value };
  }

  function table(columns, rows, emptyText) {
    if (!rows.length) return h("p", { class: "empty" }, emptyText);
    return h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, columns.map(c => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.map(r => h("tr", {}, r.map((c, i) => h("td", { "data-label": columns[i] }, c)))))));
  }

  function errorBox() {
    const box = h("div", { class: "error", role: "alert", hidden: true });
    box.show = (message) => { box.textContent = message; box.hidden = false; box.focus(); };
    box.clear = () => { box.textContent = ""; box.hidden = true; };
    box.setAttribute("tabindex", "-1");
    return box;
  }

  // A status message from the string table: `key` and its arguments are
  // kept, so a language switch redraws it in the new language
  // (retranslateToast) instead of leaving it in the old one.
  let toastShown = null;
  function toast(key, ...args) {
    const el = document.getElementById("toast");
    toastShown = { key, args };
    el.textContent = t(key, ...args);
    el.dataset.key = key;
    el.classList.add("show");
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => {
      el.classList.remove("show");
      el.textContent = "";
      toastShown = null;
    }, 5000);
  }

  function retranslateToast() {
    if (toastShown) document.getElementById("toast").textContent = t(toastShown.key, ...toastShown.args);
  }

  // Text from the string table that a language switch retranslates in place
  // (main.js's applyStrings), for what must not be redrawn: a shown secret.
  function i18n(tag, key, attrs) {
    return h(tag, Object.assign({ "data-i18n": key }, attrs), t(key));
  }

  // A secret shown once: a read-only field, Copy, and the warning. `titleKey`
  // and each item's `labelKey` are string-table keys: a language switch
  // translates the panel in place instead of redrawing the page (which would
  // lose the secret; see main.js).
  function secretPanel(titleKey, items, extra) {
    const panel = h("section", { class: "secret", "aria-labelledby": "secret-title", tabindex: "-1" },
      i18n("h2", titleKey, { id: "secret-title" }),
      i18n("p", "secretOnce", { class: "warning" }),
      items.map(([labelKey, value, testId]) => {
        const f = field(i18n("span", labelKey), { value, readonly: true, class: "mono", "data-testid": testId });
        const copy = h("button", { type: "button", onclick: async () => {
          f.input.select();
          try { await navigator.clipboard.writeText(value); } catch (e) { document.execCommand("copy"); }
          toast("copied");
        } }, t("copy"));
        copy.dataset.i18n = "copy";
        f.row.append(copy);
        return f.row;
      }), extra || null);
    return panel;
  }

  function download(fileName, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const a = h("a", { href: url, download: fileName, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function needProject(main) {
    if (app.project) return false;
    main.append(h("p", { class: "empty" }, t("selectProjectFirst")));
    return true;
  }

  function heading(main, text, intro) {
    main.append(h("h1", {}, text));
    if (intro) main.append(h("p", { class: "intro" }, intro));
  }

  function go(hash) { location.hash = hash; }

  function lines(text) { return text.split(/\r?\n/).map(s => s.trim()).filter(Boolean); }

  return { app, t, roleTitle, h, i18n, api, readError, readDenied, field, select, radios, table, errorBox, toast,
           retranslateToast, secretPanel, download, needProject, heading, go, lines };
})();
