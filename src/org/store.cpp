#include "org/store.hpp"

#include "api/problem.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "store/sql.hpp"

namespace varde::org {

namespace {

const char* kColumns = "id, parent_id, path, code, name, kind, version, created_at, updated_at";

Node read_node(const store::Rows& r) {
  Node n;
  n.id = r.integer(0);
  n.parent_id = r.opt_integer(1);
  n.path = r.str(2);
  n.code = r.str(3);
  n.name = r.str(4);
  n.kind = r.str(5);
  n.version = r.integer(6);
  n.created_at = r.str(7);
  n.updated_at = r.str(8);
  return n;
}

std::optional<Node> find_where(store::Tx& tx, const std::string& where, const store::Params& params) {
  auto rows = tx.query(std::string("SELECT ") + kColumns + " FROM org WHERE " + where, params);
  if (!rows.next()) return std::nullopt;
  return read_node(rows);
}

void check_code(store::Tx& tx, const std::string& code, std::optional<int64_t> except_id) {
  if (auto why = code_problem(code)) throw api::bad_request("code", *why);
  auto other = find_by_code(tx, code);
  if (other && other->id != except_id)
    throw api::conflict("code", "Koden «" + code + "» er allerede i bruk av «" + other->name + "».");
}

void check_name(const std::string& name) {
  if (core::is_blank(name)) throw api::bad_request("name", "Navnet må fylles ut.");
  if (name.size() > 200) throw api::bad_request("name", "Navnet kan ha høyst 200 tegn.");
}

void check_kind(const std::string& kind) {
  if (!is_kind(kind))
    throw api::bad_request("kind", "Ukjent type «" + kind + "»; bruk nation, region, trust, division eller unit.");
}

}  // namespace

std::optional<Node> find(store::Tx& tx, int64_t id) {
  return tx.once<std::optional<Node>>("org.find " + std::to_string(id), [&] { return find_where(tx, "id = ?", {id}); });
}

std::optional<Node> find_by_code(store::Tx& tx, std::string_view code) {
  return find_where(tx, "code = ?", {code});
}

Node create(store::Tx& tx, const audit::Actor& actor, const NewNode& n) {
  check_name(n.name);
  check_kind(n.kind);
  check_code(tx, n.code, std::nullopt);
  std::optional<Node> parent;
  if (n.parent_id) {
    parent = find(tx, *n.parent_id);
    if (!parent) throw api::Problem(404, "Finnes ikke", "Overordnet enhet finnes ikke.", "parent_id");
    if (!may_contain(parent->kind, n.kind))
      throw api::bad_request("kind", "En " + n.kind + " kan ikke ligge under en " + parent->kind + ".");
  }
  const auto now = core::now_iso();
  // The path holds the node's own id, which exists only after the insert:
  // insert with a unique placeholder path, then set the real one.
  const auto id = tx.scalar_integer(
      "INSERT INTO org (parent_id, path, code, name, kind, search_text, name_key, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
      {n.parent_id, "pending:" + n.code, n.code, n.name, n.kind, core::fold_for_search(n.code + " " + n.name),
       core::sort_key(n.name), now, now});
  const auto path = child_path(parent ? parent->path : "", *id);
  tx.exec("UPDATE org SET path = ? WHERE id = ?", {path, *id});
  Node created = *find(tx, *id);
  audit::record(tx, actor, "org.create", "org", std::to_string(created.id), created.id, "null", to_json(created));
  return created;
}

Node update(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version, const Patch& p) {
  auto before = find(tx, id);
  if (!before) throw api::not_found();
  if (before->version != expected_version) {
    throw api::stale_version("Noen andre har endret dette i mellomtiden (nå versjon " + std::to_string(before->version) +
                           "). Se gjennom og lagre på nytt.", to_json(*before));
  }
  Node after = *before;
  if (p.name) { check_name(*p.name); after.name = *p.name; }
  if (p.code) { check_code(tx, *p.code, id); after.code = *p.code; }
  if (p.kind) {
    check_kind(*p.kind);
    after.kind = *p.kind;
    if (after.parent_id) {
      auto parent = find(tx, *after.parent_id);
      if (parent && !may_contain(parent->kind, after.kind))
        throw api::bad_request("kind", "En " + after.kind + " kan ikke ligge under en " + parent->kind + ".");
    }
  }
  after.updated_at = core::now_iso();
  const auto changed = tx.exec(
      "UPDATE org SET code = ?, name = ?, kind = ?, search_text = ?, name_key = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?",
      {after.code, after.name, after.kind, core::fold_for_search(after.code + " " + after.name),
       core::sort_key(after.name), after.updated_at, id, expected_version});
  if (changed == 0) throw api::Problem(412, "Endret av noen andre", "Noen andre har endret dette i mellomtiden.", "version");
  after.version = expected_version + 1;
  audit::record(tx, actor, "org.update", "org", std::to_string(id), id, to_json(*before), to_json(after));
  return after;
}

void remove(store::Tx& tx, const audit::Actor& actor, int64_t id) {
  auto node = find(tx, id);
  if (!node) throw api::not_found();
  if (tx.scalar_integer("SELECT 1 FROM org WHERE parent_id = ? LIMIT 1", {id}))
    throw api::conflict("id", "«" + node->name + "» har underenheter. Flytt eller slett dem først.");
  if (tx.scalar_integer("SELECT 1 FROM app_user WHERE home_org_id = ? LIMIT 1", {id}))
    throw api::conflict("id", "«" + node->name + "» er hjemmeenhet for brukere.");
  if (tx.scalar_integer("SELECT 1 FROM role_grant WHERE org_id = ? LIMIT 1", {id}))
    throw api::conflict("id", "«" + node->name + "» har rolletildelinger. Fjern dem først.");
  // Recorded first, while the node's path can still be looked up.
  audit::record(tx, actor, "org.delete", "org", std::to_string(id), id, to_json(*node), "null");
  tx.exec("DELETE FROM org WHERE id = ?", {id});
}

namespace {

// " WHERE …" for a list query, its parameters appended to `params`.
std::string list_where(store::Tx& tx, const ListQuery& q, store::Params& params) {
  std::string where = " WHERE 1 = 1";
  if (!q.subtrees.empty()) where += " AND " + store::under_any(tx.dialect(), "path", q.subtrees, params);
  if (q.parent_id) { where += " AND parent_id = ?"; params.emplace_back(*q.parent_id); }
  if (q.kind) { where += " AND kind = ?"; params.emplace_back(*q.kind); }
  if (q.text) {
    where += " AND search_text LIKE ? ESCAPE '\\'";
    params.emplace_back(core::contains_pattern(core::fold_for_search(*q.text)));
  }
  return where;
}

}  // namespace

store::Query list_items_query(store::Tx& tx, const ListQuery& q) {
  store::Params params;
  const auto where = list_where(tx, q, params);
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  return {std::string("SELECT ") + kColumns + " FROM org" + where + " ORDER BY " + q.order_by + " LIMIT ? OFFSET ?",
          std::move(params)};
}

std::vector<Node> read_nodes(store::Rows& rows) {
  std::vector<Node> out;
  while (rows.next()) out.push_back(read_node(rows));
  return out;
}

std::vector<Node> list_items(store::Tx& tx, const ListQuery& q) {
  auto rows = tx.query(list_items_query(tx, q));
  return read_nodes(rows);
}

Page list(store::Tx& tx, const ListQuery& q) {
  Page page;
  store::Params params;
  // The count and the page: one round trip on PostgreSQL.
  const std::string count = "SELECT COUNT(*) FROM org" + list_where(tx, q, params);
  auto reads = tx.query_all({{count, params}, list_items_query(tx, q)});
  page.total = reads[0].first_integer().value_or(0);
  page.items = read_nodes(reads[1]);
  return page;
}

void write_json(core::JsonWriter& w, const Node& n) {
  w.begin_object();
  w.field("id", n.id);
  w.key("parent_id").value(n.parent_id);
  w.field("code", n.code).field("name", n.name).field("kind", n.kind).field("path", n.path);
  w.field("version", n.version).field("created_at", n.created_at).field("updated_at", n.updated_at);
  w.end_object();
}

std::string to_json(const Node& n) {
  core::JsonWriter w;
  write_json(w, n);
  return w.take();
}

}  // namespace varde::org
