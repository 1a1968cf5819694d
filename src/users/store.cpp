#include "users/store.hpp"

#include "api/problem.hpp"
#include "auth/crypto.hpp"
#include "auth/session.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "store/sql.hpp"

namespace varde::users {

namespace {

const char* kSelect =
    "SELECT u.id, u.username, u.display_name, u.email, u.home_org_id, o.code, o.name, o.path, u.disabled, u.locale, "
    "u.version FROM app_user u JOIN org o ON o.id = u.home_org_id";

User read_user(const store::Rows& r) {
  User u;
  u.id = r.integer(0);
  u.username = r.str(1);
  u.display_name = r.str(2);
  u.email = r.opt_str(3);
  u.home_org_id = r.integer(4);
  u.home_org_code = r.str(5);
  u.home_org_name = r.str(6);
  u.home_org_path = r.str(7);
  u.disabled = r.boolean(8);
  u.locale = r.str(9);
  u.version = r.integer(10);
  return u;
}

std::optional<User> find_where(store::Tx& tx, const std::string& where, const store::Params& params) {
  auto rows = tx.query(std::string(kSelect) + " WHERE " + where, params);
  if (!rows.next()) return std::nullopt;
  User u = read_user(rows);
  u.grants = auth::load_grants(tx, u.id);
  return u;
}

void check_email(const std::optional<std::string>& email) {
  if (email && !core::is_plausible_email(*email))
    throw api::bad_request("email", "«" + *email + "» ser ikke ut som en e-postadresse.");
}

void check_locale(const std::string& locale) {
  if (locale != "nb" && locale != "en") throw api::bad_request("locale", "Språk må være «nb» eller «en».");
}

void check_display_name(const std::string& name) {
  if (core::is_blank(name)) throw api::bad_request("display_name", "Navnet må fylles ut.");
  if (name.size() > 200) throw api::bad_request("display_name", "Navnet kan ha høyst 200 tegn.");
}

}  // namespace

std::string search_text(std::string_view username, std::string_view display_name) {
  return core::fold_for_search(std::string(username) + " " + std::string(display_name));
}

std::optional<User> find(store::Tx& tx, int64_t id) { return find_where(tx, "u.id = ?", {id}); }

User signed_in(const auth::Principal& p) {
  User u;
  u.id = p.user_id;
  u.username = p.username;
  u.display_name = p.display_name;
  u.email = p.email;
  u.home_org_id = p.home_org_id;
  u.home_org_code = p.home_org_code;
  u.home_org_name = p.home_org_name;
  u.home_org_path = p.home_org_path;
  u.disabled = false;  // a disabled user has no session
  u.locale = p.locale;
  u.version = p.user_version;
  u.grants = p.grants;
  return u;
}

std::optional<User> find_by_username(store::Tx& tx, std::string_view username) {
  return find_where(tx, "u.username = ?", {username});
}

User create(store::Tx& tx, const audit::Actor& actor, const NewUser& n) {
  if (auto why = username_problem(n.username)) throw api::bad_request("username", *why);
  if (!n.password_hash)
    if (auto why = password_problem(n.password)) throw api::bad_request("password", *why);
  check_display_name(n.display_name);
  check_email(n.email);
  check_locale(n.locale);
  if (!tx.scalar_integer("SELECT 1 FROM org WHERE id = ?", {n.home_org_id}))
    throw api::Problem(404, "Finnes ikke", "Enheten finnes ikke.", "home_org_id");
  if (find_by_username(tx, n.username))
    throw api::conflict("username", "Brukernavnet «" + n.username + "» er allerede i bruk.");
  const auto now = core::now_iso();
  const auto id = tx.scalar_integer(
      "INSERT INTO app_user (username, display_name, email, password_hash, home_org_id, disabled, locale, "
      "search_text, name_key, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, 1, ?, ?) RETURNING id",
      {n.username, n.display_name, n.email, n.password_hash ? *n.password_hash : auth::hash_password(n.password),
       n.home_org_id, n.locale,
       search_text(n.username, n.display_name), core::sort_key(n.display_name), now, now});
  User u = *find(tx, *id);
  audit::record(tx, actor, "user.create", "user", std::to_string(u.id), u.home_org_id, "null", to_json(u));
  return u;
}

User update(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version, const Patch& p) {
  auto before = find(tx, id);
  if (!before) throw api::not_found();
  if (before->version != expected_version) {
    throw api::stale_version("Noen andre har endret denne brukeren i mellomtiden. Se gjennom og lagre på nytt.", to_json(*before));
  }
  User after = *before;
  if (p.display_name) { check_display_name(*p.display_name); after.display_name = *p.display_name; }
  if (p.email) { check_email(*p.email); after.email = *p.email; }
  if (p.disabled) after.disabled = *p.disabled;
  if (p.locale) { check_locale(*p.locale); after.locale = *p.locale; }
  std::optional<std::string> new_hash;
  if (p.password) {
    if (auto why = password_problem(*p.password)) throw api::bad_request("password", *why);
    new_hash = auth::hash_password(*p.password);
  }
  const auto changed = tx.exec(
      "UPDATE app_user SET display_name = ?, email = ?, disabled = ?, locale = ?, search_text = ?, name_key = ?, "
      "password_hash = COALESCE(?, password_hash), updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
      {after.display_name, after.email, after.disabled, after.locale, search_text(after.username, after.display_name),
       core::sort_key(after.display_name), new_hash, core::now_iso(), id, expected_version});
  if (changed == 0) throw api::Problem(412, "Endret av noen andre", "Noen andre har endret denne brukeren i mellomtiden.", "version");
  after.version = expected_version + 1;
  if (after.disabled || p.password) auth::delete_user_sessions(tx, id);
  auto after_json = to_json(after);
  if (p.password) after_json.insert(after_json.size() - 1, ",\"password\":\"(endret)\"");
  audit::record(tx, actor, p.password && !p.display_name && !p.disabled ? "user.password" : "user.update", "user",
                std::to_string(id), after.home_org_id, to_json(*before), after_json);
  return after;
}

auth::Grant add_grant(store::Tx& tx, const audit::Actor& actor, const NewGrant& g) {
  if (!auth::is_role(g.role)) throw api::bad_request("role", "Ukjent rolle «" + g.role + "».");
  if (g.role == "leader") {
    if (!g.leader_level || *g.leader_level < kMinLeaderLevel || *g.leader_level > kMaxLeaderLevel)
      throw api::bad_request("leader_level", "En leder må ha ledernivå 1–4.");
  } else if (g.leader_level) {
    throw api::bad_request("leader_level", "Bare rollen «leader» har ledernivå.");
  }
  if (!tx.scalar_integer("SELECT 1 FROM app_user WHERE id = ?", {g.user_id})) throw api::not_found();
  if (!tx.scalar_integer("SELECT 1 FROM org WHERE id = ?", {g.org_id}))
    throw api::Problem(404, "Finnes ikke", "Enheten finnes ikke.", "org_id");
  if (tx.scalar_integer("SELECT 1 FROM role_grant WHERE user_id = ? AND org_id = ? AND role = ?",
                        {g.user_id, g.org_id, g.role}))
    throw api::conflict("role", "Brukeren har allerede denne rollen på denne enheten.");
  const auto id = tx.scalar_integer(
      "INSERT INTO role_grant (user_id, org_id, role, leader_level, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {g.user_id, g.org_id, g.role, g.leader_level, core::now_iso()});
  for (auto& grant : auth::load_grants(tx, g.user_id)) {
    if (grant.id != *id) continue;
    core::JsonWriter w;
    write_grant_json(w, grant, g.user_id);
    audit::record(tx, actor, "grant.create", "grant", std::to_string(*id), g.org_id, "null", w.take());
    return grant;
  }
  throw store::Error(store::ErrorKind::other, "grant vanished after insert");
}

std::optional<std::pair<int64_t, std::string>> grant_node(store::Tx& tx, int64_t grant_id) {
  auto rows = tx.query("SELECT o.id, o.path FROM role_grant g JOIN org o ON o.id = g.org_id WHERE g.id = ?", {grant_id});
  if (!rows.next()) return std::nullopt;
  return std::make_pair(rows.integer(0), rows.str(1));
}

void remove_grant(store::Tx& tx, const audit::Actor& actor, int64_t grant_id) {
  auto rows = tx.query("SELECT user_id FROM role_grant WHERE id = ?", {grant_id});
  if (!rows.next()) throw api::not_found();
  const auto user_id = rows.integer(0);
  for (auto& grant : auth::load_grants(tx, user_id)) {
    if (grant.id != grant_id) continue;
    core::JsonWriter w;
    write_grant_json(w, grant, user_id);
    tx.exec("DELETE FROM role_grant WHERE id = ?", {grant_id});
    audit::record(tx, actor, "grant.delete", "grant", std::to_string(grant_id), grant.org_id, w.take(), "null");
    return;
  }
}

std::vector<GrantWithUser> grants_on(store::Tx& tx, int64_t org_id) {
  std::vector<GrantWithUser> out;
  auto rows = tx.query(
      "SELECT g.id, g.role, g.org_id, o.path, o.code, o.name, g.leader_level, u.id, u.username, u.display_name "
      "FROM role_grant g JOIN org o ON o.id = g.org_id JOIN app_user u ON u.id = g.user_id "
      "WHERE g.org_id = ? ORDER BY u.name_key, g.role",
      {org_id});
  while (rows.next()) {
    GrantWithUser gw;
    gw.grant.id = rows.integer(0);
    gw.grant.role = rows.str(1);
    gw.grant.org_id = rows.integer(2);
    gw.grant.org_path = rows.str(3);
    gw.grant.org_code = rows.str(4);
    gw.grant.org_name = rows.str(5);
    if (!rows.is_null(6)) gw.grant.leader_level = static_cast<int>(rows.integer(6));
    gw.user_id = rows.integer(7);
    gw.username = rows.str(8);
    gw.display_name = rows.str(9);
    out.push_back(std::move(gw));
  }
  return out;
}

Page list(store::Tx& tx, const ListQuery& q) {
  std::string where = " WHERE 1 = 1";
  store::Params params;
  if (!q.subtrees.empty()) where += " AND " + store::under_any(tx.dialect(), "o.path", q.subtrees, params);
  if (q.org_id) { where += " AND u.home_org_id = ?"; params.emplace_back(*q.org_id); }
  if (q.text) {
    where += " AND u.search_text LIKE ? ESCAPE '\\'";
    params.emplace_back(core::contains_pattern(core::fold_for_search(*q.text)));
  }
  Page page;
  page.total = tx.scalar_integer("SELECT COUNT(*) FROM app_user u JOIN org o ON o.id = u.home_org_id" + where, params)
                   .value_or(0);
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  auto rows = tx.query(std::string(kSelect) + where + " ORDER BY " + q.order_by + " LIMIT ? OFFSET ?", params);
  while (rows.next()) page.items.push_back(read_user(rows));
  for (auto& u : page.items) u.grants = auth::load_grants(tx, u.id);
  return page;
}

void write_grant_json(core::JsonWriter& w, const auth::Grant& g, int64_t user_id) {
  w.begin_object();
  w.field("id", g.id).field("user_id", user_id).field("role", g.role);
  w.key("leader_level").value(g.leader_level);
  w.key("org").begin_object().field("id", g.org_id).field("code", g.org_code).field("name", g.org_name).field("path", g.org_path).end_object();
  w.end_object();
}

void write_json(core::JsonWriter& w, const User& u) {
  w.begin_object();
  w.field("id", u.id).field("username", u.username).field("display_name", u.display_name);
  w.key("email").value(u.email);
  w.key("home_org").begin_object().field("id", u.home_org_id).field("code", u.home_org_code).field("name", u.home_org_name).field("path", u.home_org_path).end_object();
  w.field("disabled", u.disabled).field("locale", u.locale).field("version", u.version);
  w.key("grants").begin_array();
  for (const auto& g : u.grants) write_grant_json(w, g, u.id);
  w.end_array();
  w.end_object();
}

std::string to_json(const User& u) {
  core::JsonWriter w;
  write_json(w, u);
  return w.take();
}

}  // namespace varde::users
