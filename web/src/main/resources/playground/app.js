// The playground page: one session of the server per tab. Every panel shows what the library computes; nothing is
// derived, checked or trained here.
import { drawBoundary } from "./boundary.js";
import { Charts } from "./charts.js";

const $ = (id) => document.getElementById(id);
const page = { session: null, events: null, presets: null, data: null, state: null, status: "ready",
  charts: null, applying: 0, uploads: {} };

async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = typeof body === "string" || body instanceof ArrayBuffer ? body : JSON.stringify(body);
    if (!(body instanceof ArrayBuffer)) init.headers["Content-Type"] = "application/json";
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = { error: text || ("HTTP " + res.status) }; }
  if (!res.ok) {
    const err = new Error(json.error || ("HTTP " + res.status));
    err.status = res.status;
    throw err;
  }
  return json;
}

function show(el, message) {
  el.textContent = message || "";
  el.hidden = !message;
}

// The fields the Layers text replaces: the server refuses a config with both.
const LAYER_FIELDS = ["hidden", "activation", "batchNorm", "dropout"];

function readConfig() {
  const layers = $("layers").value.trim();
  const hiddenText = $("hidden").value.trim();
  const hidden = hiddenText === "" || hiddenText === "none" ? [] : hiddenText.split(/[ ,;]+/).filter((s) => s).map(Number);
  const num = (id) => { const v = $(id).value.trim(); return v === "" ? null : Number(v); };
  const config = {
    data: $("data").value === "upload" ? (page.uploadData || "upload:none") : $("data").value,
    hidden, activation: $("activation").value, output: $("output").value, loss: $("loss").value,
    optimizer: $("optimizer").value, lr: num("lr"), batchSize: num("batchSize"), l2: num("l2"), epochs: num("epochs"),
    seed: num("seed"), batchNorm: $("batchNorm").checked, dropout: num("dropout"),
  };
  if (layers !== "") {
    LAYER_FIELDS.forEach((f) => delete config[f]);
    config.layers = layers;
  }
  return config;
}

// While the Layers text is given, the controls it replaces are disabled and dimmed, and say why when hovered.
function syncLayerFields() {
  const decided = $("layers").value.trim() !== "";
  for (const id of LAYER_FIELDS) {
    const control = $(id);
    control.disabled = decided;
    control.closest("label").classList.toggle("decided", decided);
    control.closest("label").title = decided ? "The Layers text decides this; clear it to use this control" : "";
  }
}

function fill(select, values, labels) {
  select.innerHTML = "";
  values.forEach((v, i) => {
    const o = document.createElement("option");
    o.value = v;
    o.textContent = labels ? labels[i] : v;
    select.appendChild(o);
  });
}

// --- the panels -----------------------------------------------------------------------------------------------

function renderDerivation(d) {
  const preview = $("loss-preview");
  preview.title = "as read: " + d.typed.unicode;
  try {
    window.katex.render(d.typed.latex, preview, { throwOnError: true, displayMode: false });
  } catch (e) {
    preview.textContent = d.typed.unicode;
  }
  const box = $("derivation");
  box.innerHTML = "";
  let firstGradient = true;
  for (const line of d.lines) {
    const row = document.createElement("div");
    row.className = "line" + (line.gradient ? " gradient" : "");
    if (line.gradient && firstGradient) { row.classList.add("first-gradient"); firstGradient = false; }
    row.dataset.name = line.name;
    row.title = line.unicode + "    (" + line.shape + ")";
    const math = document.createElement("span");
    math.className = "math";
    try {
      window.katex.render(line.latex, math, { throwOnError: true, displayMode: false });
    } catch (e) {
      math.textContent = line.unicode;
    }
    const shape = document.createElement("span");
    shape.className = "shape";
    shape.textContent = line.shape;
    row.append(math, shape);
    box.appendChild(row);
  }
  if (d.note) {
    const n = document.createElement("p");
    n.className = "note";
    n.textContent = d.note;
    box.appendChild(n);
  }
  show($("derive-warnings"), (d.warnings || []).join("\n"));
}

function renderGradcheck(g) {
  const fmt = (v) => typeof v === "number" ? v.toExponential(2) : "–";
  $("gradcheck-summary").textContent = (g.passed ? "All derived gradients agree" : "A derived gradient disagrees")
    + " with central differences (eps " + g.eps + ", " + g.samples + " training samples); worst relative difference "
    + fmt(g.max_relative_difference) + ".";
  const body = $("gradcheck").querySelector("tbody");
  body.innerHTML = "";
  for (const p of g.parameters) {
    const tr = document.createElement("tr");
    const cells = [p.name, p.shape, fmt(p.relative_difference), p.checked, p.kinks, p.result];
    cells.forEach((c, i) => {
      const td = document.createElement("td");
      td.textContent = String(c);
      if (i === 5) td.className = p.passed ? "pass" : "fail";
      tr.appendChild(td);
    });
    body.appendChild(tr);
  }
}

let vizInstance = null;
async function renderGraph(g) {
  const box = $("graph");
  try {
    if (!vizInstance) vizInstance = await window.Viz.instance();
    const svg = vizInstance.renderSVGElement(g.dot);
    svg.removeAttribute("width"); // scaled to the panel by its viewBox; "actual size" shows it 1:1
    svg.removeAttribute("height");
    box.innerHTML = "";
    box.appendChild(svg);
  } catch (e) {
    box.textContent = "The graph could not be laid out: " + e.message;
  }
}

// --- the session ----------------------------------------------------------------------------------------------

function renderState(s) {
  // A control's answer and the event stream race: never let an older state overwrite a newer one.
  const last = page.state;
  if (last && last.id === s.id && typeof last.version === "number" && s.version < last.version) return;
  page.state = s;
  page.status = s.status;
  $("status").textContent = s.status;
  $("epoch").textContent = s.epoch + " / " + s.target;
  const pct = (v) => v === undefined || v === null ? "–" : v.toFixed(3);
  $("accuracy").textContent = pct(s.trainAccuracy);
  $("test-accuracy").textContent = pct(s.testAccuracy);
  $("loss-value").textContent = s.loss === undefined ? "–" : s.loss.toPrecision(4)
    + (s.testLoss === undefined || s.testLoss === null ? "" : " / " + s.testLoss.toPrecision(4));
  $("step-time").textContent = s.stepMillis === undefined ? "–" : s.stepMillis.toFixed(3) + " ms";
  $("play").textContent = s.status === "running" ? "Pause" : "Play";
  $("play").setAttribute("aria-pressed", s.status === "running" ? "true" : "false");
  updateControls();
  show($("train-error"), s.status === "diverged" ? "Diverged: " + s.error : s.status === "failed" ? s.error : "");
  if (s.history) page.charts.add(s.history.from, s.history.rows);
  delete s.history; // added once; a later re-render of this state must not add it again
  if (s.boundary && page.data) drawBoundary($("boundary"), s.boundary, page.data);
  document.body.dataset.status = s.status;
  document.body.dataset.epoch = String(s.epoch);
}

function listen(id) {
  if (page.events) page.events.close();
  const es = new EventSource("/api/sessions/" + id + "/events");
  page.events = es;
  es.addEventListener("data", (ev) => {
    page.data = JSON.parse(ev.data);
    page.charts.clear();
    document.body.dataset.data = page.data.name;
  });
  es.addEventListener("state", (ev) => renderState(JSON.parse(ev.data)));
  es.addEventListener("failure", () => { es.close(); page.session = null; apply(); });
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED) { page.session = null; }
  };
}

async function openSession(config) {
  if (page.session) {
    try {
      const s = await api("POST", "/api/sessions/" + page.session + "/reset", config);
      page.charts.clear();
      return s;
    } catch (e) {
      if (e.status !== 404) throw e;
      page.session = null;
    }
  }
  return adopt(await api("POST", "/api/sessions", config));
}

// Makes a session the server just created this tab's: its events, its downloads and the chosen speed.
async function adopt(s) {
  page.session = s.id;
  document.body.dataset.session = s.id;
  $("download-model").href = "/api/sessions/" + s.id + "/model.safetensors";
  $("download-history").href = "/api/sessions/" + s.id + "/history.csv";
  listen(s.id);
  if (Number($("speed").value) !== s.speed) {
    await api("POST", "/api/sessions/" + s.id + "/speed", { epochsPerSecond: Number($("speed").value) });
  }
  return s;
}

// --- waiting for a place ----------------------------------------------------------------------------------------
// The server keeps a few sessions at once and refuses more with 429. A tab left without one says so, and its Play or
// Step waits for a place, asking again with a growing delay (a full server is not hammered by every waiting tab), then
// acts as if the place had been free. An edit of the setup, or closing the tab, ends the wait.

async function showNoPlace(waiting) {
  let open = "every place is taken";
  try {
    const summary = await api("GET", "/api/sessions");
    open = summary.open + " sessions are open";
  } catch (e) { /* the message below is enough without the count */ }
  // the count came back after the wait began or ended, or after another apply found a place: it is out of date
  if (waiting !== Boolean(page.wait) || (!waiting && page.session)) return;
  show($("session-wait"), waiting ? "Waiting for a free place (" + open + ")…"
    : "No free place for this tab (" + open + "): Play waits for one.");
  document.body.dataset.waiting = waiting ? "true" : "false";
}

function waitForPlace(action) {
  page.pendingAction = action;
  if (page.wait) return;
  const w = { delay: 2000, timer: null };
  page.wait = w;
  showNoPlace(true);
  const attempt = async () => {
    let s;
    try {
      s = await api("POST", "/api/sessions", readConfig());
    } catch (e) {
      if (page.wait !== w) return;
      if (e.status !== 429) { endWait(); show($("train-error"), e.message); return; }
      showNoPlace(true);
      w.timer = setTimeout(attempt, w.delay);
      w.delay = Math.min(w.delay * 1.5, 5000);
      return;
    }
    if (page.wait !== w) { // ended while the place was being taken: the setup changed, so give the place back
      api("DELETE", "/api/sessions/" + s.id).catch(() => {});
      return;
    }
    const next = page.pendingAction;
    endWait();
    page.state = Object.assign({}, await adopt(s), { history: undefined });
    updateControls();
    control(next);
  };
  attempt();
}

function endWait() {
  if (page.wait) clearTimeout(page.wait.timer);
  page.wait = null;
  page.pendingAction = null;
  show($("session-wait"), "");
  document.body.dataset.waiting = "false";
}

// Applies the editor and the loss box: the derivation, gradient check, graph and a fresh run, all from the server.
function apply() {
  endWait();
  clearTimeout(page.timer);
  page.timer = null;
  const ticket = ++page.applying;
  setApplying(true);
  page.inFlight = applyNow(ticket).finally(() => {
    if (ticket === page.applying) setApplying(false);
  });
  return page.inFlight;
}

// One pending apply for every edit: the last edit's delay wins.
function schedule(ms) {
  clearTimeout(page.timer);
  page.timer = setTimeout(apply, ms);
}

// Before a control acts on the run, the edits made so far take effect (else their reset would undo it).
async function settle() {
  if (page.timer) await apply();
  else if (page.inFlight) await page.inFlight;
}

// While the network is rebuilt, the run's controls wait: a play pressed now would be undone by the reset.
function setApplying(on) {
  document.body.dataset.applying = on ? "true" : "false";
  if (!on && page.state) renderState(page.state);
  else updateControls();
}

// Which of Play, Step and Reset can act now, and why not. A stale setup (see markStale) keeps Play and Step off: they
// would train the last valid network, not the one the editor shows; Pause stays, so a run can always be stopped.
function updateControls() {
  const applying = document.body.dataset.applying === "true";
  const status = page.state ? page.state.status : "ready";
  const running = status === "running";
  const stopped = status === "diverged" || status === "failed";
  const why = page.stale === "loss" ? "The loss J is not valid: fix it to train"
    : page.stale ? "The network is not valid: fix it to train" : "";
  $("play").disabled = applying || stopped || (!!page.stale && !running);
  $("step").disabled = applying || running || stopped || !!page.stale;
  $("reset").disabled = applying;
  $("play").title = page.stale && !running ? why : "";
  $("step").title = why;
}

// When the loss box or the editor no longer validates, the panels keep the last valid network's derivation, check and
// graph, dimmed under a banner, rather than go blank while a formula is being typed.
function markStale(field) {
  page.stale = field || null;
  document.body.dataset.stale = field || "";
  for (const id of ["derivation-panel", "gradcheck-panel", "graph-panel"]) $(id).classList.toggle("stale", !!field);
  show($("stale-banner"), !field ? "" : (field === "loss" ? "The loss J does not parse or fit the network"
    : "The network settings are not valid") + ": this is the derivation of the last valid one.");
  updateControls();
}

async function applyNow(ticket) {
  const config = readConfig();
  show($("loss-error"), "");
  show($("config-error"), "");
  if (config.data === "upload:none") { // "upload" chosen, no file yet: nothing to ask the server about
    show($("config-error"), "choose a CSV file (x, y, label) to upload");
    markStale("config");
    return;
  }
  try {
    const v = await api("POST", "/api/validate", config);
    if (ticket !== page.applying) return;
    show($("loss-warnings"), v.valid ? (v.warnings || []).join("\n\n") : "");
    if (!v.valid) {
      show($(v.field === "loss" ? "loss-error" : "config-error"), v.error);
      markStale(v.field === "loss" ? "loss" : "config");
      return;
    }
    const [derivation, check] = await Promise.all([api("POST", "/api/derive", config), api("POST", "/api/gradcheck", config)]);
    if (ticket !== page.applying) return;
    renderDerivation(derivation);
    renderGradcheck(check);
    markStale(null);
    api("POST", "/api/graph", config).then((g) => { if (ticket === page.applying) renderGraph(g); })
      .catch((e) => show($("config-error"), e.message));
    const state = await openSession(config);
    if (ticket === page.applying) page.state = Object.assign({}, state, { history: undefined });
  } catch (e) {
    if (ticket !== page.applying) return;
    if (e.status === 429) {
      showNoPlace(false);
    } else if (e.message.startsWith("loss: ") || e.message.startsWith("'loss'")) {
      show($("loss-error"), e.message.replace(/^loss: /, ""));
      markStale("loss");
    } else {
      show($("config-error"), e.message);
    }
  }
}

// Shows the preset the loss box holds, or "(your own)".
function matchPreset() {
  const i = page.presets.losses.findIndex((l) => l.formula.trim() === $("loss").value.trim());
  $("preset").value = i < 0 ? "custom" : String(i);
}

async function control(action) {
  await settle();
  if (page.stale && action !== "pause") return; // the edit just made does not validate: train nothing old
  if (!page.session) {
    if (action === "play" || action === "step") waitForPlace(action);
    return;
  }
  try {
    renderState(Object.assign({}, page.state || {}, await api("POST", "/api/sessions/" + page.session + "/" + action)));
  } catch (e) {
    show($("train-error"), e.message);
  }
}

async function upload(file) {
  const limit = page.presets.limits.uploadBytes;
  if (file.size > limit) { // refused here: the server would refuse it too, after the whole file was sent
    show($("config-error"), "upload: " + file.name + " is " + Math.round(file.size / 1024) + " KiB; at most "
      + Math.round(limit / 1024) + " KiB of CSV");
    return;
  }
  try {
    const buf = await file.arrayBuffer();
    const res = await fetch("/api/uploads", { method: "POST", body: buf, headers: { "X-File-Name": file.name } });
    const json = await res.json();
    if (!res.ok) throw new Error(json.error || ("HTTP " + res.status));
    page.uploadData = json.data;
    apply();
  } catch (e) {
    show($("config-error"), "upload: " + e.message);
  }
}

async function start() {
  page.charts = new Charts($("loss-chart"), $("accuracy-chart"));
  const p = await api("GET", "/api/presets");
  page.presets = p;
  fill($("data"), p.datasets.concat(["upload"]), p.datasets.concat(["upload a CSV…"]));
  fill($("activation"), p.activations);
  fill($("output"), ["auto"].concat(p.activations), ["auto (sigmoid / softmax)"].concat(p.activations));
  fill($("optimizer"), p.optimizers);
  fill($("preset"), p.losses.map((l, i) => String(i)).concat(["custom"]), p.losses.map((l) => l.name).concat(["(your own)"]));
  const d = p.defaults;
  $("data").value = d.data;
  $("hidden").value = d.hidden.join(", ");
  $("activation").value = d.activation;
  $("output").value = d.output;
  $("optimizer").value = d.optimizer;
  $("lr").value = d.lr;
  $("batchSize").value = d.batchSize;
  $("l2").value = d.l2;
  $("epochs").value = d.epochs;
  $("seed").value = d.seed;
  $("batchNorm").checked = d.batchNorm;
  $("dropout").value = d.dropout;
  $("layers").value = d.layers || "";
  syncLayerFields();
  $("layers").addEventListener("input", syncLayerFields);
  $("loss").value = d.loss;
  const later = () => schedule(400);
  $("network").addEventListener("input", (ev) => { if (ev.target.id !== "upload") later(); });
  $("network").addEventListener("change", (ev) => {
    if ((ev.target.tagName === "SELECT" || ev.target.type === "checkbox") && ev.target.id !== "data") later();
  });
  $("network").addEventListener("submit", (ev) => { ev.preventDefault(); apply(); });
  $("data").addEventListener("change", () => {
    $("upload-label").hidden = $("data").value !== "upload";
    if ($("data").value === "upload" && !page.uploadData) $("upload").focus();
    else later();
  });
  $("upload").addEventListener("change", () => { if ($("upload").files.length) upload($("upload").files[0]); });
  const lossLater = () => schedule(600);
  $("loss").addEventListener("input", () => { matchPreset(); lossLater(); });
  $("preset").addEventListener("change", () => {
    if ($("preset").value === "custom") { $("loss").focus(); return; }
    const l = p.losses[Number($("preset").value)];
    $("loss").value = l.formula;
    // a softmax J needs a row per class, which "auto" gives two classes only as one sigmoid row
    if (l.output === "softmax") $("output").value = "softmax";
    apply();
  });
  $("graph-actual-size").addEventListener("change", () =>
    $("graph").classList.toggle("actual-size", $("graph-actual-size").checked));
  $("show-shapes").addEventListener("change", () =>
    $("derivation").classList.toggle("with-shapes", $("show-shapes").checked));
  $("speed").addEventListener("change", async () => {
    if (!page.session) return;
    try {
      await api("POST", "/api/sessions/" + page.session + "/speed", { epochsPerSecond: Number($("speed").value) });
    } catch (e) {
      show($("train-error"), e.message);
    }
  });
  $("play").addEventListener("click", () => control(page.status === "running" ? "pause" : "play"));
  $("step").addEventListener("click", () => control("step"));
  $("reset").addEventListener("click", () => { page.charts.clear(); control("reset"); });
  window.addEventListener("pagehide", () => {
    endWait();
    if (page.session) navigator.sendBeacon("/api/sessions/" + page.session + "/close");
  });
  await apply();
  document.body.dataset.ready = "true";
}

window.addEventListener("load", () => {
  start().catch((e) => show($("config-error"), "The playground could not start: " + e.message));
});
