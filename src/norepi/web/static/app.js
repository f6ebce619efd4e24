// norepi: small progressive enhancements; every form also works without JavaScript.
"use strict";
const norepi = (() => {
  const csrf = () => document.querySelector('meta[name="csrf-token"]').content;
  const getJSON = async (url) => {
    const r = await fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"});
    if (!r.ok) throw new Error((await r.json().catch(() => ({}))).detail || r.statusText);
    return r.json();
  };
  const el = (tag, attrs = {}, text = "") => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text) e.textContent = text;
    return e;
  };

  // ---- Log: search as you type, portion picker ------------------------------------------------------------
  function foodSearch() {
    const input = document.getElementById("food-input");
    if (!input) return;
    const list = document.getElementById("search-results");
    const portion = document.getElementById("portion-select");
    const amount = document.getElementById("amount-input");
    let timer = null, seq = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) { list.replaceChildren(); return; }
      timer = setTimeout(async () => {
        const mine = ++seq;
        try {
          const hits = await getJSON(`/api/v1/foods/search?q=${encodeURIComponent(q)}&limit=10`);
          if (mine !== seq) return;
          list.replaceChildren(...hits.map((h) => {
            const li = el("li", {"role": "option", "data-ndb": h.ndb_no, "tabindex": "0"});
            li.append(el("span", {}, h.description), el("small", {}, ` ${h.group} · ${h.ndb_no}`));
            const pick = () => choose(h);
            li.addEventListener("click", pick);
            li.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); pick(); } });
            return li;
          }));
        } catch (e) { list.replaceChildren(el("li", {"class": "hint"}, e.message)); }
      }, 150);
    });
    async function choose(hit) {
      input.value = hit.ndb_no;
      input.dataset.description = hit.description;
      list.replaceChildren(el("li", {"class": "chosen"}, `✓ ${hit.description}`));
      const food = await getJSON(`/api/v1/foods/${hit.ndb_no}`);
      portion.replaceChildren(el("option", {"value": ""}, "— grams or your own amount —"),
        ...food.portions.map((p) => el("option", {"value": p.label}, `${p.label} (${p.grams} g)`)));
      if (food.portions.length) { portion.selectedIndex = 1; amount.value = food.portions[0].label; }
      else { amount.value = "100 g"; }
    }
    portion.addEventListener("change", () => { if (portion.value) amount.value = portion.value; });
  }

  // ---- Today: gap foods and model, loaded after the page --------------------------------------------------
  function gapFoods() {
    document.querySelectorAll("[data-gap-key]").forEach(async (box) => {
      const ul = box.querySelector("ul");
      try {
        const foods = await getJSON(`/api/v1/gap-foods/${box.dataset.gapKey}?limit=3`);
        ul.replaceChildren(...foods.map((f) => el("li", {},
          `${f.portion || "100 g"} ${f.description} — ${f.per_portion_pct == null ? "" : Math.round(f.per_portion_pct) + "% of target per portion"}`)));
        if (!foods.length) ul.replaceChildren(el("li", {"class": "hint"}, "no suitable foods found"));
      } catch (e) { ul.replaceChildren(el("li", {"class": "hint"}, e.message)); }
    });
  }
  async function model() {
    const box = document.getElementById("model");
    if (!box) return;
    const values = box.querySelector(".model-values");
    try {
      const res = await getJSON(`/api/v1/model?end=${box.dataset.date}&days=7`);
      const d = res.days[res.days.length - 1];
      values.classList.remove("hint");
      // every figure with its interval, as the model gives it (no more digits than it supports)
      values.replaceChildren(
        el("span", {"class": "index", "id": "store-index"}, `store ${d.store_pct.text}`),
        el("span", {"class": "index", "id": "release-index"}, `release capacity ${d.release_capacity_pct.text}`),
        el("span", {"class": "index"}, `mean plasma NE ${d.ne_mean_pg_per_ml.text}`),
        ...d.assumed.map((a) => el("span", {"class": "hint"}, `assumed: ${a.reason}`)));
      box.querySelector(".disclaimer").textContent = res.disclaimer;
    } catch (e) { values.textContent = `model unavailable: ${e.message}`; }
  }

  // ---- Trends ----------------------------------------------------------------------------------------------
  function renderCharts() {
    const figs = JSON.parse(document.getElementById("charts-data").textContent);
    document.querySelectorAll("section.chart").forEach((sec) => {
      const fig = figs[Number(sec.dataset.index)];
      window.Plotly.newPlot(sec.querySelector(".plot"), fig.data, fig.layout,
        {responsive: true, displaylogo: false, staticPlot: false}).then(() => sec.classList.add("rendered"));
    });
  }

  document.addEventListener("DOMContentLoaded", () => { foodSearch(); gapFoods(); model(); });
  return {renderCharts, csrf, getJSON};
})();
