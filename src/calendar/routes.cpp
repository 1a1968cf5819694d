#include "calendar/routes.hpp"

#include <map>
#include <set>

#include "api/problem.hpp"
#include "api/schema.hpp"
#include "auth/crypto.hpp"
#include "auth/session.hpp"
#include "calendar/ical.hpp"
#include "commission/store.hpp"
#include "risk/store.hpp"
#include "core/json_writer.hpp"
#include "core/time.hpp"
#include "documents/store.hpp"

namespace varde::calendar {

using api::Access;
using api::Context;
using api::Scope;

namespace {

constexpr const char* kFeedPrefix = "/api/calendar/";

std::string feed_path(const std::string& token) { return std::string(kFeedPrefix) + token + ".ics"; }

http::Response feed_status(Context& ctx) {
  auto created = ctx.tx.scalar_text("SELECT created_at FROM feed_token WHERE user_id = ?", {ctx.principal->user_id});
  core::JsonWriter w;
  w.begin_object().field("active", created.has_value());
  w.key("created_at").value(created);
  w.end_object();
  return api::json_response(w.take());
}

// A new secret replaces any earlier one, so a leaked URL is revoked by
// making a new one.
http::Response create_feed(Context& ctx) {
  const auto token = auth::random_token();
  ctx.tx.exec("DELETE FROM feed_token WHERE user_id = ?", {ctx.principal->user_id});
  ctx.tx.exec("INSERT INTO feed_token (user_id, token_hash, created_at) VALUES (?, ?, ?)",
              {ctx.principal->user_id, auth::sha256_hex(token), core::now_iso()});
  audit::record(ctx.tx, ctx.actor(), "calendar.token.create", "user", std::to_string(ctx.principal->user_id),
                std::nullopt, "null", "{\"feed\":\"(ny hemmelig adresse)\"}");
  core::JsonWriter w;
  w.begin_object().field("path", feed_path(token)).end_object();
  auto r = api::json_response(w.take(), 201);
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response revoke_feed(Context& ctx) {
  ctx.tx.exec("DELETE FROM feed_token WHERE user_id = ?", {ctx.principal->user_id});
  audit::record(ctx.tx, ctx.actor(), "calendar.token.revoke", "user", std::to_string(ctx.principal->user_id),
                std::nullopt, "null", "null");
  return api::no_content();
}

// The nodes a user reads, and the trusts and regions those concern: a
// trust-level user gets the trust's deadlines and the region's period dates.
struct Reach {
  std::set<int64_t> trusts;
  std::set<int64_t> regions;
  std::set<int64_t> staff_of;  // regions read at or above: their drafts count too
  std::map<int64_t, std::string> names;
};

Reach reach_of(store::Tx& tx, const auth::Principal& who) {
  Reach reach;
  const auto reads = auth::subtrees_with(who, auth::Permission::read);
  auto rows = tx.query("SELECT id, path, kind, name FROM org WHERE kind IN ('trust', 'region')");
  while (rows.next()) {
    const auto path = rows.str(1);
    for (const auto& r : reads) {
      const bool inside = auth::in_subtree(path, r), above = auth::in_subtree(r, path);
      if (!inside && !above) continue;
      const auto id = rows.integer(0);
      reach.names[id] = rows.str(3);
      if (rows.text(2) == "trust") {
        reach.trusts.insert(id);
      } else {
        reach.regions.insert(id);
        if (inside) reach.staff_of.insert(id);
      }
    }
  }
  return reach;
}

std::vector<Event> deadlines_for(store::Tx& tx, const auth::Principal& who) {
  std::vector<Event> events;
  const auto reach = reach_of(tx, who);
  const int this_year = std::stoi(core::now_iso().substr(0, 4));
  for (auto region : reach.regions) {
    for (const auto& p : commission::list_periods(tx, region)) {
      if (p.year < this_year - 1) continue;
      events.push_back({"period-" + std::to_string(p.id) + "@varde", p.due_on,
                        "Frist: " + commission::period_label_nb(p.kind, p.year) + " (" + reach.names.at(region) + ")",
                        "Rapportering for " + commission::period_label_nb(p.kind, p.year) + " skal være levert.",
                        ""});
    }
    for (int year : {this_year - 1, this_year, this_year + 1}) {
      auto doc = commission::find_document_for(tx, region, year, false);
      if (!doc) continue;
      // A draft is the region's work in progress; trusts get its deadlines once it is published.
      if (doc->status != "published" && !reach.staff_of.count(region)) continue;
      std::set<int64_t> seen;
      for (auto trust : reach.trusts) {
        for (const auto& r : commission::requirements_for(tx, doc->id, trust)) {
          if (r.deadlines.empty() || !seen.insert(r.id).second) continue;
          for (const auto& d : r.deadlines)
            events.push_back({"deadline-" + std::to_string(d.id) + "@varde", d.due_date,
                              "Krav " + r.number.value_or("(uten nummer)") + ": " + d.phrase,
                              doc->title + "\n\n" + r.text, ""});
        }
      }
    }
  }
  // Risk management: the acceptance expiries and review dates of the risks
  // the user owns (past ones stay, so an expired acceptance is seen).
  {
    risk::RiskQuery q;
    q.subtrees = auth::subtrees_with(who, auth::Permission::read);
    q.owner_id = who.user_id;
    q.today = core::now_iso().substr(0, 10);
    q.limit = 1000;
    for (const auto& r : risk::list_risks(tx, q).first) {
      const auto id = std::to_string(r.id);
      if (r.accepted_until)
        events.push_back({"risk-acceptance-" + id + "@varde", *r.accepted_until, "Risikoaksept utløper: " + r.title,
                          r.assessment_title + " (" + r.org_code + ")\n\nAksepten må fornyes, eller risikoen behandles. I Varde: /risiko/risiko/" + id,
                          ""});
      if (r.review_on)
        events.push_back({"risk-review-" + id + "@varde", *r.review_on, "Gjennomgang av risiko: " + r.title,
                          r.assessment_title + " (" + r.org_code + ")\n\nI Varde: /risiko/risiko/" + id, ""});
    }
  }
  // Governing documents: the review dates of the documents the user owns.
  for (const auto& d : documents::reviews_owned_by(tx, who.user_id))
    events.push_back({"document-review-" + std::to_string(d.id) + "@varde", *d.next_review_on,
                      "Revisjon av " + d.code + " " + d.title, "Styrende dokument i " + d.org_name +
                      ": gjennomgå og revider innen datoen.", ""});
  return events;
}

http::Response feed(Context& ctx) {
  std::string token = ctx.param("token");
  if (token.size() > 4 && token.substr(token.size() - 4) == ".ics") token.resize(token.size() - 4);
  auto user_id = ctx.tx.scalar_integer("SELECT user_id FROM feed_token WHERE token_hash = ?", {auth::sha256_hex(token)});
  if (!user_id) throw api::not_found();
  auth::Principal who;
  who.user_id = *user_id;
  who.grants = auth::load_grants(ctx.tx, *user_id);
  if (ctx.tx.scalar_integer("SELECT disabled FROM app_user WHERE id = ?", {*user_id}).value_or(1) != 0)
    throw api::not_found();
  const auto now = core::now_iso();
  std::string stamp = now.substr(0, 4) + now.substr(5, 2) + now.substr(8, 2) + "T" + now.substr(11, 2) +
                      now.substr(14, 2) + now.substr(17, 2) + "Z";
  http::Response r;
  r.content_type = "text/calendar; charset=utf-8";
  r.body = render("Varde – frister", deadlines_for(ctx.tx, who), stamp);
  r.set_header("Cache-Control", "private, max-age=300");
  return r;
}

}  // namespace

void add_routes(api::RouteTable& t) {
  const auto object = api::schema(R"({"type":"object"})");
  t.add({"GET", "/api/me/calendar-feed", "Om du har en kalenderadresse", "calendar",
         Access{Scope::session, std::nullopt, nullptr, ""}, nullptr, object, 200, feed_status});
  t.add({"POST", "/api/me/calendar-feed", "Lag en ny hemmelig kalenderadresse (den gamle slutter å virke)", "calendar",
         Access{Scope::session, std::nullopt, nullptr, ""},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{}})"), object, 201, create_feed});
  t.add({"DELETE", "/api/me/calendar-feed", "Trekk tilbake kalenderadressen", "calendar",
         Access{Scope::session, std::nullopt, nullptr, ""}, nullptr, nullptr, 204, revoke_feed});
  t.add({"GET", "/api/calendar/{token}", "Fristene som angår deg, som iCalendar (adressen er hemmeligheten)",
         "calendar", Access{Scope::open, std::nullopt, nullptr, ""}, nullptr, api::schema(R"({"type":"string"})"), 200,
         feed});
}

}  // namespace varde::calendar
