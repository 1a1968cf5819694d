#include "demo/demo.hpp"

#include <map>

#include "audit/audit.hpp"
#include "auth/crypto.hpp"
#include "org/store.hpp"
#include "users/store.hpp"

namespace varde::demo {

// In commission_demo.cpp.
void load_commission(store::Tx& tx, const audit::Actor& actor, const std::map<std::string, int64_t>& ids);
// In documents_demo.cpp.
void load_documents(store::Tx& tx, const audit::Actor& actor, const std::map<std::string, int64_t>& ids);
// In actions_demo.cpp.
void load_actions(store::Tx& tx, const audit::Actor& actor, const std::map<std::string, int64_t>& ids);
// In risk_demo.cpp.
void load_risk(store::Tx& tx, const audit::Actor& actor, const std::map<std::string, int64_t>& ids);

namespace {

struct DemoNode {
  const char* code;
  const char* name;
  const char* kind;
  const char* parent;  // code, or nullptr for the root
};

const std::vector<DemoNode>& nodes() {
  static const std::vector<DemoNode> all = {
      {"NO", "Spesialisthelsetjenesten", "nation", nullptr},
      {"HN", "Helse Nord RHF", "region", "NO"},
      {"UNN", "Universitetssykehuset Nord-Norge HF", "trust", "HN"},
      {"UNN-MED", "Medisinsk klinikk", "division", "UNN"},
      {"UNN-HJE", "Hjertemedisinsk avdeling", "unit", "UNN-MED"},
      {"UNN-PHR", "Klinikk psykisk helse og rus", "division", "UNN"},
      {"NLSH", "Nordlandssykehuset HF", "trust", "HN"},
      {"NLSH-KIR", "Kirurgisk klinikk", "division", "NLSH"},
      {"NLSH-MED", "Medisinsk klinikk", "division", "NLSH"},
      {"HSYK", "Helgelandssykehuset HF", "trust", "HN"},
      {"HSYK-MOS", "Helgelandssykehuset Mosjøen", "division", "HSYK"},
      {"FIN", "Finnmarkssykehuset HF", "trust", "HN"},
      {"FIN-HAM", "Klinikk Hammerfest", "division", "FIN"},
      {"FIN-KIR", "Klinikk Kirkenes", "division", "FIN"},
      {"SANO", "Sykehusapotek Nord HF", "trust", "HN"},
      {"SANO-TRO", "Sykehusapoteket i Tromsø", "unit", "SANO"},
      {"HNIKT", "Helse Nord IKT HF", "trust", "HN"},
      {"HNIKT-SIK", "Sikkerhet og personvern", "unit", "HNIKT"},
      {"HNIKT-DRI", "Drift og infrastruktur", "unit", "HNIKT"},
      {"HMN", "Helse Midt-Norge RHF", "region", "NO"},
      {"STO", "St. Olavs hospital HF", "trust", "HMN"},
      {"STO-BDK", "Klinikk for bildediagnostikk", "division", "STO"},
      {"STO-KK", "Kvinneklinikken", "division", "STO"},
      {"HMR", "Helse Møre og Romsdal HF", "trust", "HMN"},
      {"HMR-ALE", "Ålesund sjukehus", "division", "HMR"},
      {"HMR-MOL", "Molde sjukehus", "division", "HMR"},
      {"HNT", "Helse Nord-Trøndelag HF", "trust", "HMN"},
      {"HNT-LEV", "Sykehuset Levanger", "division", "HNT"},
      {"HNT-NAM", "Sykehuset Namsos", "division", "HNT"},
      {"SIMN", "Sykehusapotekene i Midt-Norge HF", "trust", "HMN"},
      {"SIMN-TRD", "Sykehusapoteket i Trondheim", "unit", "SIMN"},
      {"HEMIT", "Hemit HF", "trust", "HMN"},
      {"HEMIT-SIK", "Informasjonssikkerhet", "unit", "HEMIT"},
  };
  return all;
}

struct DemoUser {
  const char* username;
  const char* display_name;
  const char* home;
  const char* role;
  int leader_level;  // 0: none
};

const std::vector<DemoUser>& users() {
  static const std::vector<DemoUser> all = {
      {"admin", "Vera Dahl (systemadministrator)", "NO", "admin", 0},
      {"hn.admin", "Ingrid Nilsen", "HN", "admin", 0},
      {"hn.isl", "Per Johansen", "HN", "security_officer", 0},
      {"hn.revisor", "Tor Åsmund Lund", "HN", "auditor", 0},
      {"hmn.isl", "Kari Støen", "HMN", "security_officer", 0},
      {"unn.isl", "Ole Mikkelsen", "UNN", "security_officer", 0},
      {"unn.pvo", "Sara Eriksen", "UNN", "privacy_officer", 0},
      {"unn.leder", "Anne Berg", "UNN", "leader", 3},
      {"unn.medarbeider", "Jonas Hansen", "UNN-HJE", "contributor", 0},
      {"unn.leser", "Lise Pedersen", "UNN", "reader", 0},
      {"hnikt.isl", "Håkon Strand", "HNIKT", "security_officer", 0},
      {"sto.isl", "Marte Aune", "STO", "security_officer", 0},
  };
  return all;
}

}  // namespace

std::vector<Login> logins() {
  std::map<std::string, std::string> names;
  for (const auto& n : nodes()) names[n.code] = n.name;
  std::vector<Login> out;
  for (const auto& u : users()) {
    std::string role = u.role;
    if (u.leader_level) role += " (nivå " + std::to_string(u.leader_level) + ")";
    out.push_back({u.username, role, names[u.home]});
  }
  return out;
}

bool load(store::Database& db) {
  auto tx = db.write();
  if (tx->scalar_integer("SELECT 1 FROM org LIMIT 1")) return false;
  const audit::Actor actor{std::nullopt, "demo"};
  std::map<std::string, int64_t> ids;
  for (const auto& n : nodes()) {
    org::NewNode nn{n.code, n.name, n.kind, std::nullopt};
    if (n.parent) nn.parent_id = ids.at(n.parent);
    ids[n.code] = org::create(*tx, actor, nn).id;
  }
  // One hash for every demo user: they share the published demo password,
  // and hashing once keeps `init --demo` fast.
  const auto hash = auth::hash_password(kPassword);
  for (const auto& u : users()) {
    users::NewUser nu;
    nu.username = u.username;
    nu.display_name = u.display_name;
    nu.email = std::string(u.username) + "@demo.varde.no";
    nu.password_hash = hash;
    nu.home_org_id = ids.at(u.home);
    const auto user = users::create(*tx, actor, nu);
    std::optional<int> level;
    if (u.leader_level) level = u.leader_level;
    users::add_grant(*tx, actor, {user.id, ids.at(u.home), u.role, level});
  }
  load_commission(*tx, actor, ids);
  load_documents(*tx, actor, ids);
  load_actions(*tx, actor, ids);
  load_risk(*tx, actor, ids);
  tx->commit();
  return true;
}

}  // namespace varde::demo
