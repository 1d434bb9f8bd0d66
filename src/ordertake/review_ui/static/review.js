// Order screen: keyboard-first editing, typeahead pickers, page highlights, save/approve/reject.
// Data arrives as JSON in a <script type="application/json"> block; all text is set with
// textContent, never innerHTML, so nothing read from a document can become markup here.
"use strict";
(() => {
  const DATA = JSON.parse(document.getElementById("order-data").textContent);
  const MSG = DATA.msg;
  const CSRF = document.querySelector('meta[name="csrf-token"]').content;
  const order = DATA.order;
  let version = order.version;
  let dirty = false;
  let busy = false;
  // Only what this clerk touched is sent, so saving over a colleague's change keeps theirs.
  const changed = new Set();
  const touch = (what) => { changed.add(what); dirty = true; };

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const tbody = $("#lines tbody");
  const notice = $("#notice");
  const picker = $("#picker");

  // ── talking to the API ──────────────────────────────────────────────────────────────
  async function api(method, url, body) {
    const response = await fetch(url, {
      method,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": CSRF, Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    let payload = {};
    try { payload = await response.json(); } catch (_) { /* empty body */ }
    return { status: response.status, payload };
  }

  function errorText(payload, status) {
    // Validation errors arrive as a list; show their messages, never raw objects, and mark the
    // header field each one names (a date typed as 11/20/2026, say).
    const d = payload.detail;
    if (!Array.isArray(d)) return `${MSG.error}: ${d || String(status)}`;
    const texts = d.map((e) => {
      const name = Array.isArray(e.loc) ? e.loc[e.loc.length - 1] : "";
      const field = typeof name === "string" ? $(`#order-form input[name="${CSS.escape(name)}"]`) : null;
      if (field) { field.classList.add("missing"); field.focus(); }
      const [ja, en] = String(e.msg).split(" / ");
      const msg = DATA.lang === "ja" || !en ? ja : en;
      return field ? `${field.closest("label").firstChild.textContent.trim()}: ${msg}` : msg;
    });
    return `${MSG.error}: ${texts.join("; ")}`;
  }

  function say(text, kind = "ok", actions = []) {
    notice.hidden = false;
    notice.className = "notice" + (kind === "error" ? " error" : "");
    notice.replaceChildren();
    const p = document.createElement("div");
    p.textContent = text;
    notice.append(p);
    for (const [label, fn] of actions) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.addEventListener("click", fn);
      notice.append(b);
    }
  }

  // ── reading the form ────────────────────────────────────────────────────────────────
  function number(text) {
    const t = String(text).trim()
      .replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[,，\s]/g, "");
    if (t === "") return null;
    const n = Number(t);
    return Number.isFinite(n) ? n : NaN;
  }

  function collect() {
    const body = { version };
    const customer = $("#customer");
    if (changed.has("customer_id")) {
      body.customer_id = customer.dataset.customerId ? Number(customer.dataset.customerId) : null;
    }
    for (const input of $$("#order-form input[name]")) {
      if (!changed.has(input.name)) continue;
      body[input.name] = input.value;
    }
    if (changed.has("duplicate_confirmed")) body.duplicate_confirmed = $("#duplicate-confirmed").checked;
    if (!changed.has("lines")) return body;
    body.lines = $$("tr.line", tbody).map((row) => ({
      id: row.dataset.lineId ? Number(row.dataset.lineId) : null,
      product_id: row.dataset.productId ? Number(row.dataset.productId) : null,
      description: row.dataset.description ?? lineData(row)?.description ?? "",
      quantity: number($(".qty", row).value),
      unit: $(".unit", row).value.trim(),
      unit_price: number($(".price", row).value),
    }));
    return body;
  }

  function lineData(row) {
    const i = Number(row.dataset.index);
    return i >= 0 ? order.lines[i] : null;
  }

  function validNumbers() {
    let ok = true;
    for (const input of $$("input.qty, input.price", tbody)) {
      const bad = Number.isNaN(number(input.value));
      input.classList.toggle("missing", bad);
      ok = ok && !bad;
    }
    return ok;
  }

  // ── save, approve, reject ───────────────────────────────────────────────────────────
  async function save() {
    if (!validNumbers()) { say(MSG.error, "error"); return false; }
    const { status, payload } = await api("PATCH", `/api/orders/${order.id}`, collect());
    if (status === 200) {
      version = payload.version;
      adoptLineIds(payload.lines);
      dirty = false;
      changed.clear();
      refreshAudit();
      return true;
    }
    if (status === 409) { conflict(payload); return false; }
    say(errorText(payload, status), "error");
    return false;
  }

  function adoptLineIds(lines) {
    // The server numbered new lines; remember their ids so the next save updates, not adds.
    $$("tr.line", tbody).forEach((row, i) => {
      if (lines[i]) { row.dataset.lineId = lines[i].id; $(".no", row).textContent = lines[i].line_no; }
    });
  }

  function conflict(payload) {
    const current = payload.current || {};
    const open = () => window.open(`/orders/${order.id}`, "_blank", "noopener");
    refreshAudit(); // their change, by name, appears in the history below
    if (current.status && current.status !== "draft") {
      say(MSG.conflict_closed, "error", [[MSG.view_theirs, open]]);
      return;
    }
    say(MSG.conflict, "error", [
      [MSG.overwrite, async () => { version = current.version; if (await save()) say(MSG.saved); }],
      [MSG.view_theirs, open],
    ]);
  }

  async function refreshAudit() {
    const r = await fetch(`/orders/${order.id}/audit`, { credentials: "same-origin" });
    // Server-rendered and autoescaped by Jinja, so safe to place as HTML.
    if (r.ok) $("#audit").innerHTML = await r.text();
  }

  function markProblems(problems) {
    $$(".missing").forEach((el) => el.classList.remove("missing"));
    for (const p of problems || []) {
      if (p.field === "customer") $("#customer").classList.add("missing");
      if (p.field === "duplicate") $("#duplicate-confirmed")?.closest("label").classList.add("missing");
      const row = p.line_id ? $(`tr.line[data-line-id="${Number(p.line_id)}"]`, tbody) : null;
      if (row && p.field === "product") $(".product", row).classList.add("missing");
      if (row && p.field === "quantity") $(".qty", row).classList.add("missing");
    }
    const first = $(".missing");
    if (first) first.focus();
  }

  function go(nextId, text) {
    sessionStorage.setItem("ordertake-flash", JSON.stringify(text));
    dirty = false;
    window.location.assign(nextId ? `/orders/${nextId}` : "/");
  }

  async function approve() {
    if (busy || !DATA.editable) return;
    busy = true;
    try {
      if (dirty && !(await save())) return;
      const { status, payload } = await api("POST", `/api/orders/${order.id}/approve`, { version });
      if (status === 200) {
        const lines = [MSG.approved, ...(payload.messages || [])];
        if (!payload.next_order_id) lines.push(MSG.no_next);
        go(payload.next_order_id, lines);
      } else if (status === 409) conflict(payload);
      else if (status === 422) { say(MSG.incomplete, "error"); markProblems(payload.problems); }
      else say(errorText(payload, status), "error");
    } finally { busy = false; }
  }

  function openReject() {
    if (!DATA.editable) return;
    $("#reject-dialog").showModal();
    $("#reject-reason").focus();
  }

  async function reject() {
    const reason = $("#reject-reason").value.trim();
    if (!reason) { $("#reject-reason").focus(); return; }
    if (dirty && !(await save())) { $("#reject-dialog").close(); return; }
    const { status, payload } = await api("POST", `/api/orders/${order.id}/reject`, { version, reason });
    $("#reject-dialog").close();
    if (status === 200) go(payload.next_order_id, [MSG.rejected]);
    else if (status === 409) conflict(payload);
    else say(errorText(payload, status), "error");
  }

  // ── page highlight ──────────────────────────────────────────────────────────────────
  let hl = null;
  function highlight(box) {
    if (hl) { hl.remove(); hl = null; }
    if (!box || !box.page) return;
    const page = $(`.page[data-page="${Number(box.page)}"]`);
    if (!page) return;
    hl = document.createElement("div");
    hl.className = "hl";
    const text = page.querySelector("pre.textpage");
    if (text) {
      // A mail body or a sheet is shown as its lines: the box's lines are highlighted whole.
      const lines = Number(text.dataset.lines) || 1;
      const first = Math.floor(box.y0 * lines + 0.01);
      const last = Math.max(first, Math.ceil(box.y1 * lines - 0.01) - 1);
      const top = text.querySelector(`[data-line="${first}"]`);
      const bottom = text.querySelector(`[data-line="${last}"]`) || top;
      if (!top) { hl = null; return; }
      hl.style.left = "0";
      hl.style.width = "100%";
      hl.style.top = `${top.offsetTop}px`;
      hl.style.height = `${bottom.offsetTop + bottom.offsetHeight - top.offsetTop}px`;
    } else {
      const pad = 0.004;
      hl.style.left = `${(box.x0 - pad) * 100}%`;
      hl.style.top = `${(box.y0 - pad) * 100}%`;
      hl.style.width = `${(box.x1 - box.x0 + 2 * pad) * 100}%`;
      hl.style.height = `${(box.y1 - box.y0 + 2 * pad) * 100}%`;
    }
    page.append(hl);
    hl.scrollIntoView({ block: "center", inline: "nearest", behavior: "instant" });
  }

  // ── zoom ────────────────────────────────────────────────────────────────────────────
  let zoom = 1;
  function setZoom(z) {
    zoom = Math.min(4, Math.max(0.5, z));
    $("#zoom").style.width = `${zoom * 100}%`;
    $("#zoom-level").textContent = `${Math.round(zoom * 100)}%`;
  }
  $("#zoom-in").addEventListener("click", () => setZoom(zoom * 1.25));
  $("#zoom-out").addEventListener("click", () => setZoom(zoom / 1.25));
  $("#zoom-fit").addEventListener("click", () => setZoom(1));
  $("#pages").addEventListener("wheel", (e) => {
    if (!e.ctrlKey) return;
    e.preventDefault();
    setZoom(zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1));
  }, { passive: false });
  // Previews of an unreadable original may all fail: then say so instead of a blank pane.
  $$("img[data-hide-on-error]").forEach((img) => img.addEventListener("error", () => {
    img.closest("figure").remove();
    if (!$(".page")) $("#no-preview").hidden = false;
  }));

  // ── typeahead picker (products and customers) ───────────────────────────────────────
  let pick = null; // {input, items, index, onChoose}
  let searchTimer = null;

  function showPicker(input, items, onChoose) {
    pick = { input, items, index: items.length ? 0 : -1, onChoose };
    picker.replaceChildren();
    if (!items.length) {
      const li = document.createElement("li");
      li.textContent = MSG.no_match;
      li.className = "muted";
      picker.append(li);
    }
    items.forEach((item, i) => {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = `pick-${i}`;
      const code = document.createElement("span"); code.className = "code"; code.textContent = item.code;
      const name = document.createElement("span"); name.textContent = item.name;
      const meta = document.createElement("span"); meta.className = "meta"; meta.textContent = item.meta || "";
      li.append(code, name, meta);
      li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(i); });
      picker.append(li);
    });
    const r = input.getBoundingClientRect();
    picker.style.left = `${r.left + window.scrollX}px`;
    picker.style.top = `${r.bottom + window.scrollY + 2}px`;
    picker.style.minWidth = `${Math.max(r.width, 320)}px`;
    picker.hidden = false;
    input.setAttribute("aria-expanded", "true");
    mark();
  }

  function mark() {
    $$("li[role=option]", picker).forEach((li, i) => li.setAttribute("aria-selected", String(i === pick.index)));
    if (pick.index >= 0) pick.input.setAttribute("aria-activedescendant", `pick-${pick.index}`);
  }

  function hidePicker() {
    if (pick) pick.input.setAttribute("aria-expanded", "false");
    picker.hidden = true;
    pick = null;
  }

  function choose(i) {
    const p = pick;
    if (!p || !p.items[i]) return;
    hidePicker();
    p.onChoose(p.items[i]);
  }

  function candidatesOf(row) {
    const line = lineData(row);
    return (line?.candidates || []).filter((c) => c.product_id).map((c) => ({
      id: c.product_id, code: c.product_code, name: c.product_name, unit: c.unit,
      meta: `${Math.round((c.score || 0) * 100)}% ${c.reason || ""}`.trim(),
    }));
  }

  function setProduct(row, p) {
    const input = $(".product", row);
    row.dataset.productId = p.id;
    input.value = `${p.code} ${p.name}`;
    input.classList.remove("missing");
    $(".product-cell", row).classList.remove("low");
    if (!$(".unit", row).value && p.unit) $(".unit", row).value = p.unit;
    if (!$(".price", row).value && p.price != null) $(".price", row).value = p.price;
    touch("lines");
    recompute();
  }

  async function searchInto(input, url, map, onChoose) {
    const q = input.value.trim();
    if (!q) { hidePicker(); return; }
    const r = await fetch(`${url}?q=${encodeURIComponent(q)}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!r.ok || document.activeElement !== input || input.value.trim() !== q) return;
    showPicker(input, map(await r.json()), onChoose);
  }

  function wireProduct(row) {
    const input = $(".product", row);
    input.addEventListener("focus", () => {
      input.select(); // typing replaces the shown product
      const c = candidatesOf(row);
      if (c.length && !row.dataset.typed) showPicker(input, c, (p) => setProduct(row, p));
    });
    input.addEventListener("input", () => {
      row.dataset.typed = "1";
      row.dataset.productId = "";
      touch("lines");
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => searchInto(input, "/api/products",
        (d) => d.products.map((p) => ({ ...p, meta: [p.name_kana, p.unit].filter(Boolean).join(" · ") })),
        (p) => setProduct(row, p)), 120);
    });
    input.addEventListener("blur", () => setTimeout(() => { if (pick?.input === input) hidePicker(); }, 0));
    $$(".cand", row).forEach((b) => b.addEventListener("click", () => {
      if (b.dataset.productId) setProduct(row, { id: Number(b.dataset.productId), code: b.dataset.label.split(" ")[0], name: b.dataset.label.split(" ").slice(1).join(" "), unit: b.dataset.unit });
    }));
    $(".del", row).addEventListener("click", () => deleteRow(row));
    $$("input", row).forEach((i) => i.addEventListener("input", () => { touch("lines"); if (!i.classList.contains("product")) recompute(); }));
  }

  const customer = $("#customer");
  customer.addEventListener("input", () => {
    customer.dataset.customerId = "";
    touch("customer_id");
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => searchInto(customer, "/api/customers",
      (d) => d.customers.map((c) => ({ ...c, meta: "" })),
      (c) => { customer.dataset.customerId = c.id; customer.value = `${c.code} ${c.name}`; customer.classList.remove("missing"); }), 120);
  });
  customer.addEventListener("focus", () => {
    const s = order.suggested_customer;
    if (s && !customer.dataset.customerId) showPicker(customer, [{ ...s, meta: "" }], (c) => { customer.dataset.customerId = c.id; customer.value = `${c.code} ${c.name}`; touch("customer_id"); });
  });
  customer.addEventListener("blur", () => setTimeout(() => { if (pick?.input === customer) hidePicker(); }, 0));
  $$("#order-form input.hdr[name]").forEach((i) => i.addEventListener("input", () => { touch(i.name); i.classList.remove("missing"); }));
  $("#order-form").addEventListener("submit", (e) => e.preventDefault());
  $("#duplicate-confirmed")?.addEventListener("change", () => touch("duplicate_confirmed"));

  // ── lines ───────────────────────────────────────────────────────────────────────────
  function recompute() {
    let total = 0;
    for (const row of $$("tr.line", tbody)) {
      const q = number($(".qty", row).value), p = number($(".price", row).value);
      const amount = q != null && p != null && !Number.isNaN(q) && !Number.isNaN(p) ? q * p : null;
      $(".amount", row).textContent = amount == null ? "" : amount.toLocaleString("ja-JP");
      total += amount || 0;
    }
    $("#total").textContent = total ? total.toLocaleString("ja-JP") : "";
  }

  function addRow() {
    const row = $("#new-line").content.firstElementChild.cloneNode(true);
    tbody.append(row);
    wireProduct(row);
    $(".no", row).textContent = $$("tr.line", tbody).length;
    touch("lines");
    $(".product", row).focus();
  }

  function deleteRow(row) {
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    touch("lines");
    recompute();
    if (next) $(".product", next).focus();
  }

  // ── keyboard ────────────────────────────────────────────────────────────────────────
  function moveVertical(input, delta) {
    const row = input.closest("tr.line");
    const rows = $$("tr.line", tbody);
    const target = rows[rows.indexOf(row) + delta];
    if (!target) return false;
    const col = input.dataset.col;
    $(`input[data-col="${col}"]`, target).focus();
    return true;
  }

  function nextField(input) {
    const fields = $$("#order-form input.hdr, #lines input.cell");
    const i = fields.indexOf(input);
    if (i >= 0 && fields[i + 1]) fields[i + 1].focus();
  }

  document.addEventListener("keydown", (e) => {
    const inDialog = e.target.closest && e.target.closest("dialog");
    if (inDialog) {
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); reject(); }
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
      e.preventDefault();
      // A typed search with a highlighted product: take it, as Enter would, then approve.
      const row = pick?.input.closest("tr.line");
      if (row && row.dataset.typed && !row.dataset.productId && pick.index >= 0) choose(pick.index);
      hidePicker();
      approve();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && (e.key === "s" || e.key === "S")) {
      e.preventDefault();
      if (DATA.editable) save().then((ok) => ok && say(MSG.saved));
      return;
    }
    if (e.altKey && (e.code === "KeyR")) { e.preventDefault(); openReject(); return; }
    if (e.altKey && (e.code === "KeyN") && DATA.editable) { e.preventDefault(); addRow(); return; }
    const input = e.target;
    if (!(input instanceof HTMLInputElement)) return;
    if (e.altKey && e.code === "KeyD" && input.closest("tr.line")) { e.preventDefault(); deleteRow(input.closest("tr.line")); return; }
    if (pick && pick.input === input) {
      if (e.key === "ArrowDown") { e.preventDefault(); pick.index = Math.min(pick.items.length - 1, pick.index + 1); mark(); return; }
      if (e.key === "ArrowUp") { e.preventDefault(); pick.index = Math.max(0, pick.index - 1); mark(); return; }
      if (e.key === "Enter" && pick.index >= 0) { e.preventDefault(); choose(pick.index); nextField(input); return; }
      if (e.key === "Escape") { e.preventDefault(); hidePicker(); return; }
    }
    if (input.closest("tr.line")) {
      if (e.key === "ArrowDown" || (e.key === "Enter" && !e.shiftKey)) {
        e.preventDefault();
        if (!moveVertical(input, 1) && e.key === "Enter") nextField(input);
        return;
      }
      if (e.key === "ArrowUp" || (e.key === "Enter" && e.shiftKey)) { e.preventDefault(); moveVertical(input, -1); return; }
    } else if (e.key === "Enter" && input.classList.contains("hdr")) { e.preventDefault(); nextField(input); }
  });

  // Highlight where the focused field or line was read, and mark the current line.
  document.addEventListener("focusin", (e) => {
    $$("tr.line.current", tbody).forEach((r) => r.classList.remove("current"));
    const row = e.target.closest && e.target.closest("tr.line");
    if (row) { row.classList.add("current"); highlight(lineData(row)?.box); return; }
    const label = e.target.closest && e.target.closest("[data-evidence]");
    if (label) highlight(order.evidence?.[label.dataset.evidence]?.box);
  });

  $(".fields").addEventListener("scroll", hidePicker, { passive: true });
  window.addEventListener("beforeunload", (e) => { if (dirty) { e.preventDefault(); e.returnValue = MSG.unsaved; } });

  // ── start ───────────────────────────────────────────────────────────────────────────
  $$("tr.line", tbody).forEach(wireProduct);
  $("#approve")?.addEventListener("click", approve);
  $("#save")?.addEventListener("click", () => save().then((ok) => ok && say(MSG.saved)));
  $("#reject")?.addEventListener("click", openReject);
  $("#add-line")?.addEventListener("click", addRow);
  $("#reject-confirm").addEventListener("click", (e) => { e.preventDefault(); reject(); });
  $("#reject-cancel").addEventListener("click", () => $("#reject-dialog").close());
  if (!DATA.editable) $$("input.cell, input.hdr").forEach((i) => { i.readOnly = true; });
  recompute();

  const flashed = sessionStorage.getItem("ordertake-flash");
  if (flashed) {
    sessionStorage.removeItem("ordertake-flash");
    say(JSON.parse(flashed).join(" "));
  }
  // Start where attention is needed: the first uncertain product, else the customer if unknown.
  if (DATA.editable) {
    if (!order.lines.length) { addRow(); dirty = false; changed.delete("lines"); } // manual entry
    const first = $("td.low input.product", tbody) || (!customer.dataset.customerId ? customer : null);
    if (first) first.focus();
  }
  document.body.dataset.ready = "1";
})();
