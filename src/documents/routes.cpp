#include "documents/routes.hpp"

#include "api/problem.hpp"
#include "api/report_download.hpp"
#include "api/schema.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "documents/report_layout.hpp"
#include "documents/seed_import.hpp"
#include "documents/store.hpp"
#include "reports/render.hpp"
#include "org/routes.hpp"
#include "org/store.hpp"

namespace varde::documents {

using api::Access;
using api::Context;
using api::NodeRef;
using api::Scope;
using auth::Permission;

namespace {

std::optional<NodeRef> locate_document(Context& ctx) {
  auto d = find(ctx.tx, ctx.id_param());
  if (!d) return std::nullopt;
  return NodeRef{d->org_id, d->org_path};
}

std::optional<NodeRef> locate_body_org(Context& ctx) {
  auto n = org::find(ctx.tx, ctx.body()["org_id"].get<int64_t>());
  if (!n) return std::nullopt;
  return NodeRef{n->id, n->path};
}

std::optional<NodeRef> locate_grant_org(Context& ctx) {
  auto org = ctx.tx.scalar_integer("SELECT org_id FROM role_grant WHERE id = ?", {ctx.id_param()});
  if (!org) return std::nullopt;
  auto n = org::find(ctx.tx, *org);
  return NodeRef{n->id, n->path};
}

// "/1/4/9/" → "/1/", "/1/4/", "/1/4/9/".
std::vector<std::string> ancestor_paths(const std::string& path) {
  std::vector<std::string> out;
  for (std::size_t i = 1; i < path.size(); ++i)
    if (path[i] == '/') out.push_back(path.substr(0, i + 1));
  return out;
}

int number_param(Context& ctx) {
  auto n = core::parse_id(ctx.param("number"));
  if (!n || *n > 100000) throw api::Problem(404, "Finnes ikke", "Versjonsnummeret er ikke et tall.", "number");
  return static_cast<int>(*n);
}

// Whether the caller may see the content of the document: a clearance (on
// a grant that reaches the document) at or above its classification.
bool content_visible(Context& ctx, const Document& d) {
  auto c = clearance_for(ctx.tx, *ctx.principal, d.org_path);
  return c && cleared_for(*c, d.classification);
}

void require_clearance(Context& ctx, const Document& d) {
  if (!content_visible(ctx, d))
    throw api::forbidden("Dokumentet er gradert «" + std::string(classification_label_nb(d.classification)) +
                         "», og du er ikke klarert for innholdet.");
}

std::vector<Section> sections_from(const api::json& arr) {
  std::vector<Section> out;
  for (const auto& s : arr) out.push_back({s["heading"].get<std::string>(), s.value("body", "")});
  return out;
}

std::string document_json(Context& ctx, const Document& d) {
  core::JsonWriter w;
  write_json(w, d, today());
  return w.take();
}

// The linked documents: each code named in the text, resolved to the
// document with that code in the same organisation or the nearest above it.
void write_links(Context& ctx, core::JsonWriter& w, const Document& d, const std::vector<Section>& sections) {
  std::string text;
  for (const auto& s : sections) text += s.heading + "\n" + s.body + "\n";
  const auto paths = ancestor_paths(d.org_path);
  w.key("links").begin_array();
  for (const auto& code : referenced_codes(text)) {
    if (code == d.code) continue;
    store::Params params{code};
    std::string in;
    for (const auto& p : paths) {
      in += in.empty() ? "?" : ", ?";
      params.emplace_back(p);
    }
    auto rows = ctx.tx.query(
        "SELECT d.id, d.title FROM governing_document d JOIN org o ON o.id = d.org_id WHERE d.code = ? AND o.path IN (" +
            in + ") ORDER BY LENGTH(o.path) DESC",
        params);
    w.begin_object().field("code", code);
    if (rows.next()) w.field("document_id", rows.integer(0)).field("title", rows.str(1));
    else w.key("document_id").null().key("title").null();
    w.end_object();
  }
  w.end_array();
}

http::Response list_route(Context& ctx) {
  ListQuery q;
  q.subtrees = auth::subtrees_with(*ctx.principal, Permission::read);
  // What governs the caller from above: the documents of the nodes over its grants.
  for (const auto& s : q.subtrees)
    for (const auto& a : ancestor_paths(s))
      if (a != s && std::find(q.ancestors.begin(), q.ancestors.end(), a) == q.ancestors.end()) q.ancestors.push_back(a);
  q.org_id = ctx.query_id("org_id");
  if (auto t = ctx.query_text("type")) {
    q.type = type_from_code(*t);
    if (!q.type) throw api::bad_request("type", "Ukjent dokumenttype «" + *t + "».");
  }
  if (auto s = ctx.query_text("status")) {
    q.status = status_from_code(*s);
    if (!q.status) throw api::bad_request("status", "Ukjent status «" + *s + "».");
  }
  if (auto c = ctx.query_text("classification")) {
    q.classification = classification_from_code(*c);
    if (!q.classification) throw api::bad_request("classification", "Ukjent gradering «" + *c + "».");
  }
  if (auto r = ctx.query_text("review")) {
    if (*r == "due_soon") q.review = ReviewState::due_soon;
    else if (*r == "overdue") q.review = ReviewState::overdue;
    else if (*r == "ok") q.review = ReviewState::ok;
    else throw api::bad_request("review", "«review» må være due_soon, overdue eller ok.");
  }
  if (auto m = ctx.query_text("mine")) {
    if (*m != "true" && *m != "false") throw api::bad_request("mine", "«mine» må være true eller false.");
    if (*m == "true") q.owner_id = ctx.principal->user_id;
  }
  q.q = ctx.query_text("q");
  q.today = today();
  q.order_by = ctx.order_by({{"code", "d.code"}, {"title", "d.title"}, {"next_review_on", "d.next_review_on"},
                             {"updated_at", "d.updated_at"}, {"org", "o.path"}},
                            "o.path, d.code", "d.id");
  q.limit = ctx.limit();
  q.offset = ctx.offset();
  auto page = list(ctx.tx, q);
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& d : page.items) write_json(w, d, q.today);
  w.end_array().field("total", page.total).end_object();
  return api::json_response(w.take());
}

std::optional<DocType> type_of(const api::json& b) {
  if (!b.contains("type")) return std::nullopt;
  return type_from_code(b["type"].get<std::string>());
}

http::Response create_route(Context& ctx) {
  const auto& b = ctx.body();
  NewDocument d;
  d.org_id = ctx.node->id;
  d.code = b["code"];
  d.title = b["title"];
  d.type = *type_from_code(b["type"].get<std::string>());
  if (b.contains("owner_id") && !b["owner_id"].is_null()) d.owner_id = b["owner_id"].get<int64_t>();
  d.owner_role = b.value("owner_role", "");
  d.approver = b.value("approver", "");
  if (b.contains("classification")) d.classification = *classification_from_code(b["classification"].get<std::string>());
  if (b.contains("exemption") && !b["exemption"].is_null()) d.exemption = b["exemption"].get<std::string>();
  d.review_interval_months = b.value("review_interval_months", 12);
  if (b.contains("next_review_on") && !b["next_review_on"].is_null()) d.next_review_on = b["next_review_on"].get<std::string>();
  if (b.contains("structure_id") && !b["structure_id"].is_null()) d.structure_id = b["structure_id"].get<int64_t>();
  if (b.contains("sections")) d.sections = sections_from(b["sections"]);
  d.change_note = b.value("change_note", "");
  auto out = create(ctx.tx, ctx.actor(), d);
  return api::versioned_response(document_json(ctx, out), out.version, 201);
}

http::Response get_route(Context& ctx) {
  auto d = *find(ctx.tx, ctx.id_param());
  const bool visible = content_visible(ctx, d);
  auto body = document_json(ctx, d);
  core::JsonWriter w;
  w.begin_object();
  w.key("versions").begin_array();
  for (const auto& v : versions(ctx.tx, d.id)) write_json(w, v, false);
  w.end_array();
  auto c = clearance_for(ctx.tx, *ctx.principal, d.org_path);
  w.key("clearance").value(c ? std::optional<std::string>(std::string(classification_code(*c))) : std::nullopt);
  w.field("content_visible", visible);
  // The version shown first: the one in force, else the newest.
  const int shown = d.approved_number.value_or(d.current_number);
  w.field("shown_number", shown);
  if (visible) {
    auto v = find_version(ctx.tx, d.id, shown);
    w.key("sections").begin_array();
    if (v)
      for (const auto& s : v->sections) w.begin_object().field("heading", s.heading).field("body", s.body).end_object();
    w.end_array();
    write_links(ctx, w, d, v ? v->sections : std::vector<Section>{});
  }
  w.end_object();
  auto extra = w.take();
  body.pop_back();
  body += "," + extra.substr(1);
  return api::versioned_response(body, d.version);
}

http::Response patch_route(Context& ctx) {
  // Changing how a document is classified needs the clearance to read it.
  require_clearance(ctx, *find(ctx.tx, ctx.id_param()));
  const auto& b = ctx.body();
  Patch p;
  if (b.contains("code")) p.code = b["code"].get<std::string>();
  if (b.contains("title")) p.title = b["title"].get<std::string>();
  if (b.contains("type")) p.type = type_of(b);
  if (b.contains("owner_id")) p.owner_id = b["owner_id"].is_null() ? std::optional<int64_t>() : b["owner_id"].get<int64_t>();
  if (b.contains("owner_role")) p.owner_role = b["owner_role"].get<std::string>();
  if (b.contains("approver")) p.approver = b["approver"].get<std::string>();
  if (b.contains("classification")) p.classification = classification_from_code(b["classification"].get<std::string>());
  if (b.contains("exemption"))
    p.exemption = b["exemption"].is_null() ? std::optional<std::string>() : b["exemption"].get<std::string>();
  if (b.contains("review_interval_months")) p.review_interval_months = b["review_interval_months"].get<int>();
  if (b.contains("next_review_on"))
    p.next_review_on = b["next_review_on"].is_null() ? std::optional<std::string>() : b["next_review_on"].get<std::string>();
  if (b.contains("structure_id"))
    p.structure_id = b["structure_id"].is_null() ? std::optional<int64_t>() : b["structure_id"].get<int64_t>();
  auto d = update(ctx.tx, ctx.actor(), ctx.id_param(), ctx.expected_version(), p);
  return api::versioned_response(document_json(ctx, d), d.version);
}

std::string version_body(const Version& v) {
  core::JsonWriter w;
  write_json(w, v, true);
  return w.take();
}

http::Response get_version_route(Context& ctx) {
  auto d = *find(ctx.tx, ctx.id_param());
  require_clearance(ctx, d);
  auto v = find_version(ctx.tx, d.id, number_param(ctx));
  if (!v) throw api::Problem(404, "Finnes ikke", "Dokumentet har ingen slik versjon.", "number");
  return api::versioned_response(version_body(*v), v->version);
}

http::Response new_version_route(Context& ctx) {
  auto d = *find(ctx.tx, ctx.id_param());
  require_clearance(ctx, d);
  auto v = new_version(ctx.tx, ctx.actor(), d.id, ctx.body().value("change_note", ""));
  return api::versioned_response(version_body(v), v.version, 201);
}

http::Response save_version_route(Context& ctx) {
  auto d = *find(ctx.tx, ctx.id_param());
  require_clearance(ctx, d);
  const auto& b = ctx.body();
  std::optional<std::string> note;
  if (b.contains("change_note")) note = b["change_note"].get<std::string>();
  auto v = save_sections(ctx.tx, ctx.actor(), d.id, number_param(ctx), ctx.expected_version(), sections_from(b["sections"]), note);
  return api::versioned_response(version_body(v), v.version);
}

// Acting on a version needs its content in view: nobody approves what they
// are not cleared to read.
http::Response act_route(Context& ctx, Action action) {
  auto d = *find(ctx.tx, ctx.id_param());
  require_clearance(ctx, d);
  auto v = act(ctx.tx, ctx.actor(), d.id, number_param(ctx), action);
  return api::versioned_response(version_body(v), v.version);
}

// The document structure that applies at a node: its own and that of the
// nodes above it, with the documents placed in it that the caller can see.
http::Response structure_route(Context& ctx) {
  auto node = *org::find(ctx.tx, ctx.node->id);
  std::vector<int64_t> org_ids;
  for (const auto& p : ancestor_paths(node.path))
    if (auto id = ctx.tx.scalar_integer("SELECT id FROM org WHERE path = ?", {p})) org_ids.push_back(*id);
  core::JsonWriter w;
  w.begin_object().key("nodes").begin_array();
  for (const auto& n : structure(ctx.tx, org_ids)) write_json(w, n);
  w.end_array();
  // The documents of this node and those above it.
  ListQuery q;
  q.ancestors = ancestor_paths(node.path);
  q.today = today();
  q.limit = 1000;
  q.order_by = "o.path, d.code, d.id";
  w.key("documents").begin_array();
  for (const auto& d : list(ctx.tx, q).items) write_json(w, d, q.today);
  w.end_array().end_object();
  return api::json_response(w.take());
}

http::Response add_structure_route(Context& ctx) {
  const auto& b = ctx.body();
  std::optional<int64_t> parent;
  if (b.contains("parent_id") && !b["parent_id"].is_null()) parent = b["parent_id"].get<int64_t>();
  auto n = add_structure_node(ctx.tx, ctx.actor(), ctx.node->id, parent, b["title"].get<std::string>());
  core::JsonWriter w;
  write_json(w, n);
  return api::json_response(w.take(), 201);
}

http::Response set_clearance_route(Context& ctx) {
  const auto& b = ctx.body();
  std::optional<Classification> level;
  if (!b["clearance"].is_null()) level = classification_from_code(b["clearance"].get<std::string>());
  set_clearance(ctx.tx, ctx.actor(), ctx.id_param(), level);
  auto role = ctx.tx.scalar_text("SELECT role FROM role_grant WHERE id = ?", {ctx.id_param()});
  const auto effective = level.value_or(default_clearance(*role));
  core::JsonWriter w;
  w.begin_object().field("grant_id", ctx.id_param());
  w.key("clearance").value(level ? std::optional<std::string>(std::string(classification_code(*level))) : std::nullopt);
  w.field("effective", classification_code(effective)).end_object();
  return api::json_response(w.take());
}

// The document in the seed's layout as a file: .docx, .md or printable
// HTML; the version in force (else the newest), or the one asked for.
http::Response export_route(Context& ctx) {
  auto d = *find(ctx.tx, ctx.id_param());
  require_clearance(ctx, d);
  int number = d.approved_number.value_or(d.current_number);
  if (auto n = ctx.query_id("number")) number = static_cast<int>(*n);
  auto v = find_version(ctx.tx, d.id, number);
  if (!v) throw api::Problem(404, "Finnes ikke", "Dokumentet har ingen versjon " + std::to_string(number) + ".", "number");
  const auto format = ctx.req.query_param("format", "docx");
  auto doc = document_report(d, *v, core::local_time_text());
  std::string name;
  for (char c : d.code) name += c == ' ' ? '-' : c;
  return api::report_download(doc, format, name + "-v" + std::to_string(number), {"docx", "md", "html"});
}

void write_warnings(core::JsonWriter& w, const char* key, const std::vector<ImportWarning>& list) {
  w.key(key).begin_array();
  for (const auto& x : list) w.begin_object().field("line", x.line).field("field", x.field).field("message", x.message).end_object();
  w.end_array();
}

// Previews (dry_run) or takes in a governing document from text: the seed's
// layout (a PDF export as text) or Varde's Markdown export. A preview lists
// what would be created with every warning and its line; an import with
// errors writes nothing (400 naming the line, with the preview).
http::Response import_route(Context& ctx) {
  const auto& b = ctx.body();
  ParseOptions o;
  if (b.contains("code")) o.code = b["code"].get<std::string>();
  if (b.contains("title")) o.title = b["title"].get<std::string>();
  const auto parsed = parse_document_text(b["text"].get<std::string>(), o);
  const bool dry_run = b.value("dry_run", false);
  core::JsonWriter w;
  w.begin_object().field("dry_run", dry_run).field("code", parsed.code).field("title", parsed.title);
  w.field("type", type_code(parsed.type)).field("classification", classification_code(parsed.classification));
  w.key("sections").begin_array();
  for (const auto& s : parsed.sections)
    w.begin_object().field("heading", s.heading).field("line", s.line).field("body", s.body).end_object();
  w.end_array();
  w.key("definitions").begin_array();
  for (const auto& d : parsed.definitions)
    w.begin_object().field("term", d.term).field("explanation", d.explanation).field("line", d.line).end_object();
  w.end_array();
  w.key("next_part_line").value(parsed.next_part_line);
  write_warnings(w, "warnings", parsed.warnings);
  write_warnings(w, "errors", parsed.errors);
  w.end_object();
  if (!parsed.errors.empty()) {
    const auto& e = parsed.errors.front();
    api::Problem p(400, "Importen kan ikke leses", "Linje " + std::to_string(e.line) + ": " + e.message, e.field);
    p.extra_json = "\"import\":" + w.take();
    throw p;
  }
  if (dry_run) return api::json_response(w.take());
  auto d = write_document(ctx.tx, ctx.actor(), ctx.node->id, parsed);
  return api::versioned_response(document_json(ctx, d), d.version, 201);
}

const char* kTypes = R"(["overarching","topic","guideline","template","routine","procedure"])";
const char* kClasses = R"(["open","internal","confidential","strictly_confidential"])";
const char* kSections = R"({"type":"array","maxItems":200,"items":{"type":"object","additionalProperties":false,
  "required":["heading"],"properties":{"heading":{"type":"string","minLength":1,"maxLength":300},
  "body":{"type":"string","maxLength":200000}}}})";

std::string fields_schema(bool create) {
  std::string s = R"({"type":"object","additionalProperties":false,)";
  if (create) s += R"("required":["org_id","code","title","type"],)";
  s += R"("properties":{)";
  if (create) s += R"("org_id":{"type":"integer","minimum":1},"sections":)" + std::string(kSections) + ",";
  else s += R"("version":{"type":"integer"},)";
  s += R"("code":{"type":"string","minLength":2,"maxLength":20},"title":{"type":"string","minLength":1,"maxLength":300},
    "type":{"type":"string","enum":)" + std::string(kTypes) + R"(},
    "owner_id":{"type":["integer","null"],"minimum":1},"owner_role":{"type":"string","maxLength":200},
    "approver":{"type":"string","maxLength":200},
    "classification":{"type":"string","enum":)" + std::string(kClasses) + R"(},
    "exemption":{"type":["string","null"],"maxLength":300},
    "review_interval_months":{"type":"integer","minimum":1,"maximum":120},
    "next_review_on":{"type":["string","null"],"minLength":10,"maxLength":10},
    "structure_id":{"type":["integer","null"],"minimum":1},
    "change_note":{"type":"string","maxLength":2000}}})";
  return s;
}

}  // namespace

void add_routes(api::RouteTable& t) {
  const auto object = api::schema(R"({"type":"object"})");
  const auto list_schema = api::schema(R"({"type":"object","properties":{"items":{"type":"array"},"total":{"type":"integer"}}})");
  const auto empty = api::schema(R"({"type":"object","additionalProperties":false,"properties":{}})");
  const auto read_doc = Access{Scope::node, Permission::read, locate_document, "object:governing_document", true};
  const auto manage_doc = Access{Scope::node, Permission::manage, locate_document, "object:governing_document"};
  const auto approve_doc = Access{Scope::node, Permission::approve, locate_document, "object:governing_document"};

  t.add({"GET", "/api/governing-documents", "Registeret over styrende dokumenter du når", "documents",
         Access{Scope::session, std::nullopt, nullptr, ""}, nullptr, list_schema, 200, list_route,
         {"org_id", "type", "status", "classification", "review", "mine", "q", "sort", "limit", "offset"}});
  t.add({"POST", "/api/governing-documents", "Opprett et styrende dokument (versjon 1 som utkast)", "documents",
         Access{Scope::node, Permission::manage, locate_body_org, "body:org_id"}, api::schema(fields_schema(true).c_str()), object,
         201, create_route});
  t.add({"GET", "/api/governing-documents/{id}", "Et styrende dokument med versjoner, og innholdet når du er klarert",
         "documents", read_doc, nullptr, object, 200, get_route});
  t.add({"PATCH", "/api/governing-documents/{id}", "Endre registeropplysningene om et dokument", "documents", manage_doc,
         api::schema(fields_schema(false).c_str()), object, 200, patch_route});
  t.add({"POST", "/api/governing-documents/{id}/versions", "Start en ny versjon (utkast, kopi av den siste)", "documents",
         manage_doc,
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{"change_note":{"type":"string","maxLength":2000}}})"),
         object, 201, new_version_route});
  t.add({"GET", "/api/governing-documents/{id}/versions/{number}", "Én versjon med avsnittene", "documents", read_doc,
         nullptr, object, 200, get_version_route});
  t.add({"PUT", "/api/governing-documents/{id}/versions/{number}", "Lagre avsnittene i et utkast", "documents",
         manage_doc,
         api::schema((std::string(R"({"type":"object","additionalProperties":false,"required":["sections"],"properties":{
           "sections":)") + kSections + R"(,"change_note":{"type":"string","maxLength":2000},"version":{"type":"integer"}}})").c_str()),
         object, 200, save_version_route});
  t.add({"POST", "/api/governing-documents/{id}/versions/{number}/submit", "Send versjonen til godkjenning", "documents",
         manage_doc, empty, object, 200, [](Context& c) { return act_route(c, Action::submit); }});
  t.add({"POST", "/api/governing-documents/{id}/versions/{number}/return", "Send versjonen tilbake til utkast",
         "documents", approve_doc, empty, object, 200, [](Context& c) { return act_route(c, Action::return_to_draft); }});
  t.add({"POST", "/api/governing-documents/{id}/versions/{number}/approve", "Godkjenn versjonen (den gjelder fra nå)",
         "documents", approve_doc, empty, object, 200, [](Context& c) { return act_route(c, Action::approve); }});
  t.add({"POST", "/api/governing-documents/{id}/versions/{number}/withdraw",
         "Trekk tilbake versjonen (et utkast forkastes, en godkjent versjon slutter å gjelde)", "documents", approve_doc,
         empty, object, 200, [](Context& c) { return act_route(c, Action::withdraw); }});
  t.add({"GET", "/api/governing-documents/{id}/export", "Dokumentet som fil i malens oppsett (docx, md, html)",
         "documents", read_doc, nullptr, api::schema(R"({"type":"string"})"), 200, export_route, {"format", "number"}});
  t.add({"GET", "/api/orgs/{id}/document-structure", "Dokumentstrukturen (referansemodellen) som gjelder for enheten",
         "documents", Access{Scope::node, Permission::read, org::locate_node_param, "path:id", true}, nullptr, object, 200,
         structure_route});
  t.add({"POST", "/api/orgs/{id}/document-structure", "Legg til en node i enhetens dokumentstruktur", "documents",
         Access{Scope::node, Permission::manage, org::locate_node_param, "path:id"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["title"],"properties":{
           "title":{"type":"string","minLength":1,"maxLength":300},"parent_id":{"type":["integer","null"],"minimum":1}}})"),
         object, 201, add_structure_route});
  t.add({"POST", "/api/orgs/{id}/imports/governing-document",
         "Forhåndsvis eller ta inn et styrende dokument fra tekst (malens oppsett eller Vardes Markdown)", "documents",
         Access{Scope::node, Permission::manage, org::locate_node_param, "path:id"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["text"],"properties":{
           "text":{"type":"string","minLength":1,"maxLength":5000000},"code":{"type":"string","minLength":2,"maxLength":20},
           "title":{"type":"string","minLength":1,"maxLength":300},"dry_run":{"type":"boolean"}}})"),
         object, 201, import_route});
  t.add({"PUT", "/api/grants/{id}/clearance", "Sett klarering for styrende dokumenter på en rolletildeling (null: rollens standard)",
         "documents", Access{Scope::node, Permission::administer, locate_grant_org, "object:grant"},
         api::schema((std::string(R"({"type":"object","additionalProperties":false,"required":["clearance"],"properties":{
           "clearance":{"type":["string","null"],"enum":)") + std::string(kClasses).substr(0, std::string(kClasses).size() - 1) + R"(,null]}}})").c_str()),
         object, 200, set_clearance_route});
}

}  // namespace varde::documents
