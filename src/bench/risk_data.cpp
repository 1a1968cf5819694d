// The risk assessments of the data set: assessments on the trusts and their
// units, each with a few risks scored on the region's default matrix, some
// treated, some owned by a leader of the unit.
#include <random>

#include "bench/dataset.hpp"
#include "bench/tree.hpp"
#include "bench/words.hpp"
#include "risk/store.hpp"

namespace varde::bench {

namespace {

constexpr const char* kThreats[] = {"Løsepengevirus", "Phishing mot ansatte", "Uautoriserte oppslag i journal",
                                    "Bortfall av strøm i datasenter", "Feil i integrasjon mellom systemer",
                                    "Tap av ulåst mobil enhet", "Leverandør uten databehandleravtale"};
constexpr const char* kStatuses[] = {"planned", "in_progress", "completed", "completed", "reassess"};
constexpr const char* kTreatments[] = {"reduce", "reduce", "accept", "avoid", "transfer"};

}  // namespace

void generate_risks(store::Database& db, const audit::Actor& actor, const Tree& tree, const Scale& scale,
                    int first_year, std::mt19937_64& rng, Summary& summary, const Progress& progress) {
  struct Place {
    int64_t node;
    std::vector<int64_t> leaders;
  };
  std::vector<Place> places;
  for (const auto& region : tree.regions)
    for (const auto& trust : region.trusts) {
      places.push_back({trust.id, {}});
      for (auto unit : trust.units) {
        const auto it = tree.leaders.find(unit);
        places.push_back({unit, it == tree.leaders.end() ? std::vector<int64_t>{} : it->second});
      }
    }
  {
    auto tx = db.write();
    risk::ensure_default_matrices(*tx, actor);
    tx->commit();
  }
  constexpr int kBatch = 100;
  for (int made = 0; made < scale.assessments;) {
    auto tx = db.write();
    for (int k = 0; k < kBatch && made < scale.assessments; ++k, ++made) {
      const auto& place = places[rng() % places.size()];
      risk::AssessmentFields af;
      af.title = "ROS-analyse: " + std::string(kSubjects[rng() % kSubjects.size()]);
      af.scope = "Systemer og prosesser i enheten.";
      af.subject_kind = "system";
      af.method = "Regionens ROS-metode";
      af.participants = "Systemeier, informasjonssikkerhetsleder, leder";
      af.status = kStatuses[rng() % std::size(kStatuses)];
      const int year = first_year + static_cast<int>(rng() % scale.years);
      af.assessed_on = std::to_string(year) + "-0" + std::to_string(rng() % 9 + 1) + "-15";
      af.next_review_on = std::to_string(year + 1) + "-0" + std::to_string(rng() % 9 + 1) + "-15";
      const auto assessment = risk::create_assessment(*tx, actor, place.node, af);
      for (int r = 0; r < scale.risks_per_assessment; ++r) {
        risk::RiskFields rf;
        rf.title = std::string(kThreats[rng() % std::size(kThreats)]) + " rammer " +
                   std::string(kSubjects[rng() % kSubjects.size()]);
        rf.threat = kThreats[rng() % std::size(kThreats)];
        rf.vulnerability = "Mangelfulle rutiner og tekniske tiltak.";
        rf.likelihood = 1 + static_cast<int>(rng() % 5);
        rf.consequence = 1 + static_cast<int>(rng() % 5);
        if (rng() % 3 != 0) {
          rf.treatment = std::string(kTreatments[rng() % std::size(kTreatments)]);
          rf.residual_likelihood = std::max(1, **rf.likelihood - static_cast<int>(rng() % 3));
          rf.residual_consequence = std::max(1, **rf.consequence - static_cast<int>(rng() % 2));
        }
        if (!place.leaders.empty() && rng() % 2 == 0) rf.owner_id = place.leaders[rng() % place.leaders.size()];
        risk::create_risk(*tx, actor, assessment.id, rf);
        ++summary.risks;
      }
      ++summary.assessments;
    }
    tx->commit();
    progress("risikovurderinger", made, scale.assessments);
  }
}

}  // namespace varde::bench
