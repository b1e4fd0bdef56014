// AI Studio's "Get API key" page: "Create API key" → pick a Google Cloud
// project → "Create API key in existing project". The emulator answers from
// the one function that makes AI Studio keys (handlers/ai_studio.h): "Failed
// to generate API key: permission denied. Please try again." until the
// project's Generative Language API is enabled.
"use strict";
(() => {
  const { app, t, h, api, select, table, errorBox, secretPanel, heading } = Console;

  app.pages.aistudio = async (main) => {
    main.classList.add("studio");
    main.append(h("p", { class: "studio-brand" }, t("studioBrand")));
    heading(main, t("studioTitle"), t("studioIntro"));
    const err = errorBox();
    err.setAttribute("data-testid", "studio-error");
    const result = h("div", {});
    const panel = h("div", { hidden: true });
    const picker = select(t("studioSearch"), app.projects.map(p => ({ value: p.projectId, label: `${p.displayName} (${p.projectId})`,
                                                                       selected: p.projectId === app.project })),
                          { "data-testid": "studio-project" });
    const open = h("button", { type: "button", class: "primary", "aria-expanded": "false", "data-testid": "studio-open",
                               onclick: () => {
      panel.hidden = !panel.hidden;
      open.setAttribute("aria-expanded", String(!panel.hidden));
      if (!panel.hidden) picker.input.focus();
    } }, "+ " + t("studioCreate"));
    panel.append(h("form", { class: "card", onsubmit: async (e) => {
      e.preventDefault();
      err.clear();
      result.replaceChildren();
      const project = picker.input.value;
      const r = await api("POST", `projects/${encodeURIComponent(project)}/aiStudioKeys`, {});
      if (!r.ok) {
        err.show(r.error);
        result.append(h("p", { class: "help" }, t("studioHint")));
        return;
      }
      panel.hidden = true;
      open.setAttribute("aria-expanded", "false");
      const secret = secretPanel("studioCreated", [["yourKey", r.body.keyString, "studio-key"]]);
      result.append(secret);
      secret.focus();
      drawList();
    } }, picker.row, h("div", { class: "actions" },
      h("button", { type: "submit", class: "primary", "data-testid": "studio-create" }, t("studioCreateIn")))));
    const list = h("div", {});
    main.append(h("p", {}, open), panel, err, result, list);
    async function drawList() {
      const r = await api("GET", "aiStudioKeys");
      if (!r.ok) return err.show(r.error);
      list.replaceChildren(table([t("colName"), t("colProject"), t("colRestrictions"), t("colCreated")],
        r.body.keys.map(k => [k.displayName, h("span", { class: "mono" }, k.projectId), Console.restrictionText(k), k.createTime || "—"]),
        t("studioNoKeys")));
    }
    await drawList();
  };
})();
