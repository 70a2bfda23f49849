// The web page of `silkgraph serve --http` (docs/server.md): a query editor with history
// (localStorage), the result as a table, its nodes and relationships drawn by the server
// (POST /api/svg: the project's DOT export rendered by Graphviz), node details on click, and
// the schema (GET /api/schema). Every value reaches the page as text (textContent, never
// innerHTML), and the SVG is parsed as XML and stripped of scripts, event handlers and links
// before it is shown, so no property value can run as code.
"use strict";

const HISTORY_KEY = "silkgraph.history";
const HISTORY_MAX = 50;
let graphNodes = {};  // id -> {id, labels, properties}: what the drawing shows

function $(id) { return document.getElementById(id); }

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

async function api(method, path, body) {
  const init = { method, headers: {}, credentials: "same-origin" };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  // location.origin, not a relative URL: a page opened as http://user:password@host/ would
  // resolve one to a URL with the credentials in it, which fetch() refuses; the browser sends
  // the page's basic authentication with same-origin requests anyway.
  const res = await fetch(location.origin + path, init);
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok && !(data && data.errors && data.errors.length)) {
    throw new Error("HTTP " + res.status + " from " + path);
  }
  return data;
}

// ---- history ----
function loadHistory() {
  try {
    const h = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]");
    return Array.isArray(h) ? h : [];
  } catch (e) { return []; }
}

function saveHistory(query, params) {
  const h = loadHistory().filter((x) => x.query !== query);
  h.unshift({ query, params });
  localStorage.setItem(HISTORY_KEY, JSON.stringify(h.slice(0, HISTORY_MAX)));
  showHistory();
}

function showHistory() {
  const select = $("history");
  select.replaceChildren(el("option", "—"));
  select.firstChild.value = "";
  loadHistory().forEach((item, i) => {
    const text = item.query.replace(/\s+/g, " ");
    const option = el("option", text.length > 80 ? text.slice(0, 79) + "…" : text);
    option.value = String(i);
    select.appendChild(option);
  });
}

// ---- schema panel ----
function propertyText(props) {
  return props.map((p) => p.name + " " + p.type + (p.required ? "!" : "")).join(", ");
}

async function showSchema() {
  const box = $("schema");
  try {
    const s = await api("GET", "/api/schema");
    box.replaceChildren(el("p", s.nodes + " nodes, " + s.relationships + " relationships"));
    const section = (title, items, describe) => {
      box.appendChild(el("h3", title + " (" + items.length + ")"));
      const ul = el("ul");
      for (const item of items) {
        const li = el("li");
        li.appendChild(el("span", ":" + item.name + " "));
        li.appendChild(el("span", String(item.count), "count"));
        const extra = describe(item);
        if (extra) li.appendChild(el("div", extra, "props"));
        li.title = propertyText(item.properties);
        ul.appendChild(li);
      }
      box.appendChild(ul);
    };
    section("Labels", s.labels, (l) => (l.key ? "key " + l.key : ""));
    section("Relationship types", s.types, (t) =>
      (t.from.length || t.to.length)
        ? (t.from.join("|") || "any") + " → " + (t.to.join("|") || "any") : "");
  } catch (e) {
    box.textContent = "cannot read the schema: " + e.message;
  }
}

// ---- result table ----
function literal(v) {
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return "[" + v.map(literal).join(", ") + "]";
  if (typeof v === "object") {
    return "{" + Object.keys(v).map((k) => k + ": " + literal(v[k])).join(", ") + "}";
  }
  return String(v);
}

// The properties a table cell shows of a node or relationship: its key and name (all of
// them when `full`); the cell's tooltip has them all.
function shortProps(props, full) {
  if (full || props === null || typeof props !== "object") return literal(props);
  const keys = Object.keys(props);
  const shown = keys.filter((k) => k === "id" || k === "name" || k === "year");
  if (!shown.length) shown.push(...keys.filter((k) => k !== "sources").slice(0, 2));
  const text = shown.map((k) => k + ": " + literal(props[k])).join(", ");
  return "{" + text + (shown.length < keys.length ? ", …" : "") + "}";
}

// The text of one cell from its "row" value, its "meta" and the row's graph.
function cellText(value, meta, nodes, rels, full) {
  if (meta && !Array.isArray(meta) && meta.type === "node") {
    const n = nodes[String(meta.id)];
    const labels = n ? n.labels.map((l) => ":" + l).join("") : "";
    return "(" + labels + " " + shortProps(value, full) + ")";
  }
  if (meta && !Array.isArray(meta) && meta.type === "relationship") {
    const r = rels[String(meta.id)];
    return "[:" + (r ? r.type : "?") + " " + shortProps(value, full) + "]";
  }
  if (Array.isArray(meta) && Array.isArray(value)) {
    return "[" + value.map((v, i) => cellText(v, meta[i], nodes, rels, full)).join(", ") + "]";
  }
  if (typeof value === "string") return value;
  return literal(value);
}

function showTable(result) {
  const table = $("table");
  const head = el("thead");
  const tr = el("tr");
  for (const c of result.columns) tr.appendChild(el("th", c));
  head.appendChild(tr);
  const body = el("tbody");
  for (const item of result.data) {
    const nodes = {}, rels = {};
    if (item.graph) {
      for (const n of item.graph.nodes) nodes[n.id] = n;
      for (const r of item.graph.relationships) rels[r.id] = r;
    }
    const row = el("tr");
    item.row.forEach((v, i) => {
      const td = el("td", cellText(v, item.meta[i], nodes, rels, false));
      const full = cellText(v, item.meta[i], nodes, rels, true);
      if (full !== td.textContent) td.title = full;
      if (typeof v === "number") td.className = "num";
      row.appendChild(td);
    });
    body.appendChild(row);
  }
  table.replaceChildren(head, body);
}

// ---- drawing ----
// Parses the server's SVG as XML and keeps only drawing: no scripts, no foreign content, no
// event handler attributes, no links (Graphviz writes none for our DOT, but a value must
// never be able to add one).
function safeSvg(text) {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = doc.documentElement;
  if (!svg || svg.nodeName !== "svg" || doc.getElementsByTagName("parsererror").length) {
    return null;
  }
  for (const bad of Array.from(svg.querySelectorAll("script, foreignObject, iframe, a"))) {
    if (bad.nodeName === "a") {
      bad.replaceWith(...Array.from(bad.childNodes));
    } else {
      bad.remove();
    }
  }
  for (const e of [svg, ...svg.querySelectorAll("*")]) {
    for (const a of Array.from(e.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith("on") || name === "href" || name.endsWith(":href") || name === "style") {
        e.removeAttribute(a.name);
      }
    }
  }
  return document.importNode(svg, true);
}

function showDetails(id) {
  const n = graphNodes[id];
  if (!n) return;
  $("details").hidden = false;
  const name = n.properties.name !== undefined ? " " + n.properties.name : "";
  $("details-title").textContent = n.labels.map((l) => ":" + l).join("") + name + " (#" + id + ")";
  const props = $("details-props");
  props.replaceChildren();
  for (const k of Object.keys(n.properties)) {
    if (k === "sources") continue;
    const tr = el("tr");
    tr.appendChild(el("td", k));
    const v = n.properties[k];
    tr.appendChild(el("td", typeof v === "string" ? v : literal(v)));
    props.appendChild(tr);
  }
  const sources = $("details-sources");
  sources.replaceChildren();
  const list = n.properties.sources;
  for (const s of Array.isArray(list) ? list : (list === undefined ? [] : [list])) {
    sources.appendChild(el("li", typeof s === "string" ? s : literal(s)));
  }
  if (!sources.children.length) sources.appendChild(el("li", "none recorded"));
  for (const g of document.querySelectorAll("#graph g.node")) {
    g.classList.toggle("selected", g.dataset.nodeId === id);
  }
}

async function showGraph(result) {
  const box = $("graph");
  box.replaceChildren();
  $("details").hidden = true;
  const nodes = new Set(), rels = new Set();
  for (const item of result.data) {
    if (!item.graph) continue;
    for (const n of item.graph.nodes) nodes.add(n.id);
    for (const r of item.graph.relationships) rels.add(r.id);
  }
  if (!nodes.size) {
    box.appendChild(el("p", "No nodes or relationships to draw."));
    return;
  }
  const drawing = await api("POST", "/api/svg", { nodes: [...nodes], relationships: [...rels] });
  if (drawing.errors) {
    box.appendChild(el("p", drawing.errors[0].message));
    return;
  }
  graphNodes = drawing.nodes;
  const svg = safeSvg(drawing.svg);
  if (!svg) {
    box.appendChild(el("p", "The drawing could not be read."));
    return;
  }
  box.appendChild(svg);
  for (const g of box.querySelectorAll("g.node")) {
    const title = g.querySelector("title");
    const m = title && /^n(\d+)$/.exec(title.textContent);
    if (!m) continue;
    g.dataset.nodeId = m[1];
    g.addEventListener("click", () => showDetails(m[1]));
  }
}

// ---- running ----
async function run() {
  const query = $("query").value;
  const error = $("error");
  error.hidden = true;
  let params;
  try {
    params = JSON.parse($("params").value.trim() || "{}");
    if (params === null || typeof params !== "object" || Array.isArray(params)) {
      throw new Error("expected an object such as {\"id\": \"KAZ\"}");
    }
  } catch (e) {
    error.textContent = "Parameters: " + e.message;
    error.hidden = false;
    return;
  }
  saveHistory(query, $("params").value);
  $("status").textContent = "running…";
  document.body.dataset.state = "running";
  const started = performance.now();
  try {
    const reply = await api("POST", "/db/neo4j/tx/commit", {
      statements: [{ statement: query, parameters: params, resultDataContents: ["row", "graph"] }],
    });
    if (reply.errors && reply.errors.length) {
      error.textContent = reply.errors[0].code + "\n" + reply.errors[0].message;
      error.hidden = false;
      $("status").textContent = "failed";
      return;
    }
    const result = reply.results[0];
    showTable(result);
    const ms = Math.round(performance.now() - started);
    const n = result.data.length;
    $("status").textContent = n + (n === 1 ? " row" : " rows") + " in " + ms + " ms";
    await showGraph(result);
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
    $("status").textContent = "failed";
  } finally {
    document.body.dataset.state = "done";
  }
}

function start() {
  showHistory();
  showSchema();
  $("query-form").addEventListener("submit", (e) => { e.preventDefault(); run(); });
  $("query").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  $("history").addEventListener("change", (e) => {
    const item = loadHistory()[Number(e.target.value)];
    if (e.target.value === "" || !item) return;
    $("query").value = item.query;
    $("params").value = item.params || "{}";
  });
  // A link such as /#run=MATCH%20(n)%20RETURN%20n runs its statement when the page opens.
  if (location.hash.startsWith("#run=")) {
    $("query").value = decodeURIComponent(location.hash.slice(5));
    run();
  }
}

document.addEventListener("DOMContentLoaded", start);
