#include "bench/dataset.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

#include "auth/crypto.hpp"
#include "core/time.hpp"
#include "bench/tree.hpp"
#include "bench/words.hpp"
#include "org/store.hpp"
#include "users/store.hpp"

namespace varde::bench {

// In commission_data.cpp.
void generate_commission(store::Database& db, const audit::Actor& actor, const Tree& tree, const Scale& scale,
                         std::mt19937_64& rng, Summary& summary, const Progress& progress);
// In actions_data.cpp and risk_data.cpp.
void generate_actions(store::Database& db, const audit::Actor& actor, const Tree& tree, const Scale& scale,
                      int first_year, std::mt19937_64& rng, Summary& summary, const Progress& progress);
void generate_risks(store::Database& db, const audit::Actor& actor, const Tree& tree, const Scale& scale,
                    int first_year, std::mt19937_64& rng, Summary& summary, const Progress& progress);
// In documents_data.cpp.
void generate_documents(store::Database& db, const audit::Actor& actor, const Tree& tree, const Scale& scale,
                        std::mt19937_64& rng, Summary& summary, const Progress& progress);

std::optional<Scale> scale_named(const std::string& name) {
  if (name == "small") return Scale{"small", 1, 3, 30, 100, 2, 20, 100, 5, 30, 3, 10};
  if (name == "region") return Scale{"region", 1, 8, 800, 5000, 3, 60, 8000, 10, 12000, 5, 125};
  if (name == "national") return Scale{"national", 4, 30, 3000, 20000, 5, 80, 40000, 10, 60000, 5, 125};
  return std::nullopt;
}

namespace {

// Rows written per transaction: large enough to be fast, small enough that a
// transaction holds the write lock only briefly and the progress moves.
constexpr int kBatch = 500;

// n items spread as evenly as possible over `parts`.
int share(int n, int parts, int index) { return n / parts + (index < n % parts ? 1 : 0); }

// The organisation tree: the nation, its regions, their trusts, and under each
// trust divisions holding units. Every region has one IT provider trust.
void generate_tree(store::Database& db, const audit::Actor& actor, const Scale& scale, std::mt19937_64& rng,
                   Tree& tree, Summary& summary, const Progress& progress) {
  auto tx = db.write();
  tree.root = org::create(*tx, actor, {"NO", "Spesialisthelsetjenesten", "nation", std::nullopt}).id;
  int trust_no = 0;
  for (int r = 0; r < scale.regions; ++r) {
    const auto& region_name = kRegionNames[r % kRegionNames.size()];
    TreeRegion region;
    region.code = "R" + std::to_string(r + 1);
    region.id = org::create(*tx, actor, {region.code, std::string(region_name), "region", tree.root}).id;
    for (int t = 0; t < share(scale.trusts, scale.regions, r); ++t, ++trust_no) {
      TreeTrust trust;
      trust.code = "T" + std::to_string(trust_no + 1);
      const std::string name = t == 0 ? std::string(region_name.substr(0, region_name.size() - 4)) + " IKT HF"
                                      : std::string(kPlaces[trust_no % kPlaces.size()]) + " sykehus HF";
      trust.id = org::create(*tx, actor, {trust.code, name, "trust", region.id}).id;
      region.trusts.push_back(std::move(trust));
    }
    tree.regions.push_back(std::move(region));
  }
  summary.orgs = 1 + scale.regions + scale.trusts;
  tx->commit();

  // Divisions of about ten units each under every trust.
  std::vector<TreeTrust*> trusts;
  for (auto& region : tree.regions)
    for (auto& trust : region.trusts) trusts.push_back(&trust);
  int made = 0;
  for (std::size_t t = 0; t < trusts.size(); ++t) {
    auto batch = db.write();
    TreeTrust& trust = *trusts[t];
    const int units = share(scale.units, static_cast<int>(trusts.size()), static_cast<int>(t));
    int64_t division = 0;
    for (int u = 0; u < units; ++u) {
      const auto& field = kFields[rng() % kFields.size()];
      if (u % 10 == 0) {
        const auto code = trust.code + "-D" + std::to_string(u / 10 + 1);
        division = org::create(*batch, actor, {code, std::string("Klinikk for ") + std::string(field), "division", trust.id}).id;
        trust.units.push_back(division);
      } else {
        const auto code = trust.code + "-D" + std::to_string(u / 10 + 1) + "-U" + std::to_string(u % 10);
        trust.units.push_back(
            org::create(*batch, actor, {code, std::string("Seksjon for ") + std::string(field), "unit", division}).id);
      }
      ++made;
    }
    batch->commit();
    progress("organisasjon", made, scale.units);
  }
  summary.orgs += made;
}

struct RoleShare {
  const char* role;
  int per_mille;
};

// Most users contribute or read; a few lead, keep the ISMS, or audit.
constexpr RoleShare kRoles[] = {{"contributor", 560}, {"reader", 170}, {"leader", 150}, {"security_officer", 60},
                                {"privacy_officer", 40}, {"auditor", 20}};

std::string role_for(std::mt19937_64& rng) {
  int pick = static_cast<int>(rng() % 1000);
  for (const auto& r : kRoles) {
    if (pick < r.per_mille) return r.role;
    pick -= r.per_mille;
  }
  return "reader";
}

// The users with their one grant each: on a unit mostly, on their trust for
// officers. Three well-known logins serve the load run: bench.admin (admin on
// the whole tree), bench.region (security officer of the first region) and
// bench.trust (security officer of its second trust).
void generate_users(store::Database& db, const audit::Actor& actor, const Scale& scale, const std::string& password,
                    std::mt19937_64& rng, Tree& tree, Summary& summary, const Progress& progress) {
  const auto hash = auth::hash_password(password);
  auto make = [&](store::Tx& tx, const std::string& username, const std::string& display, int64_t home,
                  const std::string& role, std::optional<int> level) {
    users::NewUser nu;
    nu.username = username;
    nu.display_name = display;
    nu.email = username + "@bench.varde.no";
    nu.password_hash = hash;
    nu.home_org_id = home;
    const auto u = users::create(tx, actor, nu);
    users::add_grant(tx, actor, {u.id, home, role, level});
    if (role == "leader") tree.leaders[home].push_back(u.id);
  };
  const auto& first = tree.regions.front();
  const auto& trust = first.trusts.size() > 1 ? first.trusts[1] : first.trusts[0];
  {
    auto tx = db.write();
    make(*tx, "bench.admin", "Benk Administrator", tree.root, "admin", std::nullopt);
    make(*tx, "bench.region", "Benk Regionen", first.id, "security_officer", std::nullopt);
    make(*tx, "bench.trust", "Benk Foretaket", trust.id, "security_officer", std::nullopt);
    tx->commit();
  }
  std::vector<const TreeTrust*> trusts;
  for (const auto& region : tree.regions)
    for (const auto& t : region.trusts) trusts.push_back(&t);
  for (int done = 0; done < scale.users;) {
    auto tx = db.write();
    for (int k = 0; k < kBatch && done < scale.users; ++k, ++done) {
      const TreeTrust& home_trust = *trusts[rng() % trusts.size()];
      const std::string role = role_for(rng);
      const bool on_trust = role == "security_officer" || role == "privacy_officer" || role == "auditor" ||
                            home_trust.units.empty();
      const int64_t home = on_trust ? home_trust.id : home_trust.units[rng() % home_trust.units.size()];
      std::optional<int> level;
      if (role == "leader") level = 1 + static_cast<int>(rng() % 3);
      const std::string display = std::string(kGivenNames[rng() % kGivenNames.size()]) + " " +
                                  std::string(kFamilyNames[rng() % kFamilyNames.size()]);
      char username[16];
      std::snprintf(username, sizeof username, "u%06d", done + 1);
      make(*tx, username, display, home, role, level);
    }
    tx->commit();
    progress("brukere", done, scale.users);
  }
  summary.users = scale.users + 3;
}

}  // namespace

Summary generate(store::Database& db, const Scale& scale, uint64_t seed, const std::string& password,
                 const Progress& progress) {
  {
    auto tx = db.read();
    if (tx->scalar_integer("SELECT 1 FROM org LIMIT 1"))
      throw std::runtime_error("the database is not empty: generate the data set into a new one");
  }
  std::mt19937_64 rng(seed);
  const audit::Actor actor{std::nullopt, "bench"};
  Summary summary;
  Tree tree;
  generate_tree(db, actor, scale, rng, tree, summary, progress);
  generate_users(db, actor, scale, password, rng, tree, summary, progress);
  generate_commission(db, actor, tree, scale, rng, summary, progress);
  const int first_year = std::stoi(core::now_iso().substr(0, 4)) - scale.years + 1;
  generate_actions(db, actor, tree, scale, first_year, rng, summary, progress);
  generate_risks(db, actor, tree, scale, first_year, rng, summary, progress);
  generate_documents(db, actor, tree, scale, rng, summary, progress);
  auto tx = db.read();
  summary.audit_events = tx->scalar_integer("SELECT COUNT(*) FROM audit_event").value_or(0);
  return summary;
}

}  // namespace varde::bench
