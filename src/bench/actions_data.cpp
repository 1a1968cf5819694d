// The action plans of the data set: one regional plan per region and one plan
// per trust, in five areas each, with measures whose progress updates move them
// through the status scale over the years.
#include <cstdio>
#include <random>

#include "actions/store.hpp"
#include "bench/dataset.hpp"
#include "bench/tree.hpp"
#include "bench/words.hpp"

namespace varde::bench {

namespace {

constexpr const char* kAreaTitles[] = {"Styring og ledelse", "Risikostyring", "Tilgangsstyring og logging",
                                       "Kompetanse og kultur", "Beredskap og hendelseshåndtering"};

// The date `day` days after 1 January of `year`, as YYYY-MM-DD (months of 28
// days are enough for progress dates and keep them valid).
std::string date_after(int year, int day) {
  char out[11];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", year + day / 336, (day / 28) % 12 + 1, day % 28 + 1);
  return out;
}

struct PlanRef {
  int64_t id = 0;
};

}  // namespace

void generate_actions(store::Database& db, const audit::Actor& actor, const Tree& tree, const Scale& scale,
                      int first_year, std::mt19937_64& rng, Summary& summary, const Progress& progress) {
  std::vector<PlanRef> plans;
  {
    auto tx = db.write();
    auto make_plan = [&](int64_t org_id, const std::string& title) {
      actions::NewPlan np{org_id, title, std::to_string(first_year) + "–" + std::to_string(first_year + scale.years - 1),
                          "Planen følger opp målene for informasjonssikkerhet og personvern."};
      const auto plan = actions::create_plan(*tx, actor, np);
      for (int a = 0; a < 5; ++a)
        actions::add_area(*tx, actor, plan.id, {0, plan.id, "3." + std::to_string(a + 1), kAreaTitles[a], "", a});
      plans.push_back({plan.id});
    };
    for (const auto& region : tree.regions) {
      make_plan(region.id, "Regional handlingsplan for informasjonssikkerhet og personvern");
      for (const auto& trust : region.trusts) make_plan(trust.id, "Handlingsplan for informasjonssikkerhet " + trust.code);
    }
    tx->commit();
  }
  static const char* const kPath[] = {"in_progress", "in_progress", "done", "continuous", "postponed", "in_progress"};
  constexpr int kBatch = 200;
  for (int made = 0; made < scale.measures;) {
    auto tx = db.write();
    for (int k = 0; k < kBatch && made < scale.measures; ++k, ++made) {
      actions::NewMeasure nm;
      nm.area_code = "3." + std::to_string(rng() % 5 + 1);
      nm.title = std::string(kActions[rng() % kActions.size()]) + " " + std::string(kSubjects[rng() % kSubjects.size()]);
      nm.description = "Tiltaket skal " + std::string(kSubjects[rng() % kSubjects.size()]) + " styrkes i hele foretaket.";
      nm.period_text = std::to_string(first_year + static_cast<int>(rng() % scale.years));
      nm.responsible_person = std::string(kGivenNames[rng() % kGivenNames.size()]) + " " +
                              std::string(kFamilyNames[rng() % kFamilyNames.size()]);
      nm.due_date = date_after(first_year + static_cast<int>(rng() % scale.years), static_cast<int>(rng() % 336));
      int day = static_cast<int>(rng() % 28);
      nm.at = date_after(first_year, day);
      const auto plan = plans[rng() % plans.size()];
      auto measure = actions::add_measure(*tx, actor, plan.id, nm);
      std::string status = "not_started";
      // Scale::updates_per_measure updates each (40,000 × 10 = the 400,000).
      for (int u = 1; u <= scale.updates_per_measure; ++u) {
        day += 1 + static_cast<int>(rng() % 30);
        actions::NewUpdate nu;
        nu.at = date_after(first_year, day);
        nu.comment = std::string(kReportOpenings[rng() % kReportOpenings.size()]);
        // Every other update changes the status; a closed measure only gets comments.
        if (status != "done" && u % 2 == 1) {
          nu.status = kPath[rng() % std::size(kPath)];
          if (*nu.status == status) nu.status.reset();
        }
        measure = actions::add_update(*tx, actor, measure.id, measure.version, nu);
        if (nu.status) status = *nu.status;
        ++summary.measure_updates;
      }
      ++summary.measures;
    }
    tx->commit();
    progress("handlingsplaner og tiltak", made, scale.measures);
  }
}

}  // namespace varde::bench
