// A region-scale data set for the benchmark, written through the same store
// functions the server uses (so every rule and every audit event is there),
// deterministic from a seed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace varde::bench {

// How much to make. The national scale is all four Norwegian health regions
// using one installation for years.
struct Scale {
  std::string name;
  int regions = 1;
  int trusts = 3;            // in all, spread over the regions
  int units = 30;            // in all, spread over the trusts (divisions and units)
  int users = 100;           // in all, each with one role grant
  int years = 2;             // commissioning documents per region, ending with the current year
  int requirements = 20;     // per document
  int measures = 100;        // in all, over the regions' and trusts' action plans
  int updates_per_measure = 5;
  int assessments = 30;      // in all, on the trusts and their units
  int risks_per_assessment = 3;
  int documents_per_trust = 10;  // on average (0.5–1.5 ×), plus a tenth of it per region
};

// small, region or national; nullopt for any other name.
std::optional<Scale> scale_named(const std::string& name);

// Where the work is, for a progress bar: `done` of `total` steps.
using Progress = std::function<void(const std::string& stage, int64_t done, int64_t total)>;

struct Summary {
  int64_t orgs = 0;
  int64_t users = 0;
  int64_t requirements = 0;
  int64_t entries = 0;
  int64_t measures = 0;
  int64_t measure_updates = 0;
  int64_t assessments = 0;
  int64_t risks = 0;
  int64_t documents = 0;
  int64_t document_versions = 0;
  int64_t audit_events = 0;
};

// Fills an empty database (one with no organisation nodes; else throws
// std::runtime_error) in transactions of a bounded size, so memory stays flat
// and the progress moves. The password of every user is `password`.
Summary generate(store::Database& db, const Scale& scale, uint64_t seed, const std::string& password,
                 const Progress& progress);

}  // namespace varde::bench
