// The commissioning documents of the data set: one per region and year, with
// every trust's report entries for every period. Past years' periods are
// closed (with their snapshots); this year's first tertial is closed and the
// second is under way.
#include <random>

#include "bench/dataset.hpp"
#include "bench/tree.hpp"
#include "bench/words.hpp"
#include "commission/model.hpp"
#include "commission/store.hpp"
#include "core/time.hpp"

namespace varde::bench {

namespace {

using commission::EntryAction;
using commission::PeriodKind;
using commission::ReportingPoint;

std::set<ReportingPoint> points_for(std::mt19937_64& rng) {
  switch (rng() % 10) {
    case 0: return {ReportingPoint::tertial1, ReportingPoint::annual};
    case 1: return {ReportingPoint::tertial2, ReportingPoint::annual};
    case 2: return {ReportingPoint::business_report, ReportingPoint::tertial1, ReportingPoint::tertial2, ReportingPoint::annual};
    default: return {ReportingPoint::tertial1, ReportingPoint::tertial2, ReportingPoint::annual};
  }
}

std::string requirement_text(std::mt19937_64& rng) {
  return std::string(kActions[rng() % kActions.size()]) + " " + std::string(kSubjects[rng() % kSubjects.size()]) +
         ", og rapportere på fremdriften i tertialrapportene.";
}

const char* achievement_for(std::mt19937_64& rng) {
  static const char* const kCodes[] = {"achieved", "achieved", "achieved", "partly", "partly", "not_achieved",
                                       "not_started", "not_relevant"};
  return kCodes[rng() % std::size(kCodes)];
}

struct DocumentRequirement {
  int64_t id = 0;
  std::set<ReportingPoint> points;
  std::optional<int64_t> only_trust;  // none: every trust
};

// One region's document for a year, published.
std::vector<DocumentRequirement> make_document(store::Tx& tx, const audit::Actor& actor, const TreeRegion& region,
                                               int year, int count, std::mt19937_64& rng) {
  auto doc = commission::create_document(tx, actor, region.id, year, "Krav i oppdragsdokument " + std::to_string(year));
  for (std::size_t c = 0; c < kChapters.size(); ++c)
    commission::add_chapter(tx, actor, doc.id, {0, std::to_string(c + 3) + ".0", std::string(kChapters[c]), "", 0});
  std::vector<DocumentRequirement> out;
  for (int n = 0; n < count; ++n) {
    commission::NewRequirement nr;
    nr.chapter_code = std::to_string(n % kChapters.size() + 3) + ".0";
    nr.number = std::to_string(n + 1);
    nr.text = requirement_text(rng);
    nr.points = points_for(rng);
    DocumentRequirement r;
    if (rng() % 100 < 15) {
      const auto& trust = region.trusts[rng() % region.trusts.size()];
      nr.target_codes = {trust.code};
      r.only_trust = trust.id;
    }
    r.id = commission::add_requirement(tx, actor, doc.id, nr).id;
    r.points = nr.points;
    out.push_back(std::move(r));
  }
  commission::publish_document(tx, actor, doc.id, 1);
  return out;
}

// A trust's entries in a period. `finished`: every entry approved (a period
// about to close); otherwise a period in progress, with entries in every state
// and some requirements not reported on yet.
int64_t report(store::Tx& tx, const audit::Actor& actor, const TreeTrust& trust, const commission::Period& period,
               const std::vector<DocumentRequirement>& requirements, bool finished, std::mt19937_64& rng) {
  int64_t made = 0;
  for (const auto& r : requirements) {
    if (r.only_trust && *r.only_trust != trust.id) continue;
    if (!commission::reported_in(r.points, period.kind)) continue;
    const auto roll = rng() % 10;
    if (!finished && roll < 2) continue;
    std::string text = std::string(kReportOpenings[rng() % kReportOpenings.size()]) + " " +
                       std::string(kActions[rng() % kActions.size()]) + " " +
                       std::string(kSubjects[rng() % kSubjects.size()]) + " er fulgt opp i " +
                       commission::period_label_nb(period.kind, period.year) + ".";
    auto entry = commission::save_entry(tx, actor, r.id, trust.id, period.id, std::nullopt,
                                        std::string(achievement_for(rng)), text);
    ++made;
    if (!finished && roll < 5) continue;  // a draft
    entry = commission::act_on_entry(tx, actor, entry.id, EntryAction::submit);
    if (finished || roll < 8) commission::act_on_entry(tx, actor, entry.id, EntryAction::approve);
  }
  return made;
}

}  // namespace

void generate_commission(store::Database& db, const audit::Actor& actor, const Tree& tree, const Scale& scale,
                         std::mt19937_64& rng, Summary& summary, const Progress& progress) {
  const int this_year = std::stoi(core::now_iso().substr(0, 4));
  const int64_t steps = static_cast<int64_t>(tree.regions.size()) * scale.years;
  int64_t step = 0;
  for (const auto& region : tree.regions) {
    for (int year = this_year - scale.years + 1; year <= this_year; ++year) {
      auto tx = db.write();
      const auto requirements = make_document(*tx, actor, region, year, scale.requirements, rng);
      summary.requirements += static_cast<int64_t>(requirements.size());
      tx->commit();
      const bool past = year < this_year;
      for (const auto kind : {PeriodKind::tertial1, PeriodKind::tertial2, PeriodKind::annual}) {
        // This year's annual report is not due yet.
        if (!past && kind == PeriodKind::annual) {
          auto t = db.write();
          commission::ensure_period(*t, actor, region.id, year, kind);
          t->commit();
          continue;
        }
        const bool closes = past || kind == PeriodKind::tertial1;
        commission::Period period;
        {
          auto t = db.write();
          period = commission::ensure_period(*t, actor, region.id, year, kind);
          t->commit();
        }
        for (const auto& trust : region.trusts) {
          auto t = db.write();
          summary.entries += report(*t, actor, trust, period, requirements, closes, rng);
          t->commit();
        }
        if (closes) {
          auto t = db.write();
          commission::close_period(*t, actor, period.id);
          t->commit();
        }
      }
      progress("oppdragsdokumenter og rapportering", ++step, steps);
    }
  }
}

}  // namespace varde::bench
