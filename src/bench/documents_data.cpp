// The governing documents of the data set: each trust keeps a register of
// 0.5–1.5 × Scale::documents_per_trust documents (overarching ones, topic
// documents, guidelines, routines, procedures and templates), each region a
// few overarching ones. Most have a version in force, some have been
// revised (a second or third version), and some are still a draft or with
// the approver, as in a register that has been kept for years.
#include <algorithm>
#include <cstdio>
#include <random>

#include "bench/dataset.hpp"
#include "bench/tree.hpp"
#include "bench/words.hpp"
#include "documents/store.hpp"

namespace varde::bench {

namespace {

using documents::Action;
using documents::Classification;
using documents::DocType;

struct Kind {
  DocType type;
  const char* prefix;  // the code's letters
  const char* title;
  int per_mille;
};

// Routines and procedures are most of a register; templates and overarching
// documents few.
constexpr Kind kKinds[] = {{DocType::overarching, "OD", "Overordnet styringsdokument for", 30},
                           {DocType::topic, "TD", "Temadokument om", 120},
                           {DocType::guideline, "RL", "Retningslinje for", 200},
                           {DocType::routine, "RU", "Rutine for", 350},
                           {DocType::procedure, "PR", "Prosedyre for", 230},
                           {DocType::template_, "MAL", "Mal for", 70}};

const Kind& kind_for(std::mt19937_64& rng) {
  int pick = static_cast<int>(rng() % 1000);
  for (const auto& k : kKinds) {
    if (pick < k.per_mille) return k;
    pick -= k.per_mille;
  }
  return kKinds[3];
}

std::vector<documents::Section> sections_for(std::mt19937_64& rng, const std::string& subject) {
  return {{"Formål", "Dokumentet beskriver hvordan virksomheten arbeider med " + subject + "."},
          {"Omfang", "Gjelder alle enheter og medarbeidere, også innleide og leverandører med tilgang."},
          {"Ansvar", std::string(kGivenNames[rng() % kGivenNames.size()]) + " " +
                         std::string(kFamilyNames[rng() % kFamilyNames.size()]) +
                         " har ansvaret for at dokumentet følges og holdes oppdatert."},
          {"Fremgangsmåte", std::string(kReportOpenings[rng() % kReportOpenings.size()]) +
                                " Avvik meldes i avvikssystemet og følges opp av nærmeste leder."}};
}

// One document in its register, with its versions moved through the workflow.
void make_document(store::Tx& tx, const audit::Actor& actor, int64_t org_id, int number, std::mt19937_64& rng,
                   const std::vector<int64_t>& owners, Summary& summary) {
  const auto& kind = kind_for(rng);
  const std::string subject(kSubjects[rng() % kSubjects.size()]);
  documents::NewDocument nd;
  nd.org_id = org_id;
  char code[16];
  std::snprintf(code, sizeof code, "%s %d", kind.prefix, number);
  nd.code = code;
  nd.title = std::string(kind.title) + " " + subject;
  nd.type = kind.type;
  if (!owners.empty() && rng() % 3 != 0) nd.owner_id = owners[rng() % owners.size()];
  nd.owner_role = "Informasjonssikkerhetsleder";
  nd.approver = kind.type == DocType::overarching ? "Administrerende direktør" : "Fagdirektør";
  const auto c = rng() % 10;
  nd.classification = c < 3 ? Classification::open : c < 9 ? Classification::internal : Classification::confidential;
  nd.review_interval_months = rng() % 2 ? 12 : 24;
  nd.sections = sections_for(rng, subject);
  nd.change_note = "Første versjon.";
  const auto doc = documents::create(tx, actor, nd);
  ++summary.documents;
  ++summary.document_versions;
  // 85 % are in force; of those a third have been revised once or twice;
  // the rest are drafts or with the approver.
  const auto roll = rng() % 100;
  if (roll >= 85) {
    if (roll >= 93) documents::act(tx, actor, doc.id, 1, Action::submit);
    return;
  }
  documents::act(tx, actor, doc.id, 1, Action::submit);
  documents::act(tx, actor, doc.id, 1, Action::approve);
  const int revisions = roll < 15 ? 2 : roll < 30 ? 1 : 0;
  for (int v = 2; v <= revisions + 1; ++v) {
    documents::new_version(tx, actor, doc.id, "Revidert etter årlig gjennomgang.");
    documents::act(tx, actor, doc.id, v, Action::submit);
    documents::act(tx, actor, doc.id, v, Action::approve);
    ++summary.document_versions;
  }
}

}  // namespace

void generate_documents(store::Database& db, const audit::Actor& actor, const Tree& tree, const Scale& scale,
                        std::mt19937_64& rng, Summary& summary, const Progress& progress) {
  if (scale.documents_per_trust <= 0) return;
  struct Register {
    int64_t org_id;
    int count;
    std::vector<int64_t> owners;
  };
  std::vector<Register> registers;
  int64_t total = 0;
  for (const auto& region : tree.regions) {
    registers.push_back({region.id, std::max(1, scale.documents_per_trust / 10), {}});
    for (const auto& trust : region.trusts) {
      // The trust's leaders keep documents; any leader of one of its units will do.
      std::vector<int64_t> owners;
      for (auto unit : trust.units)
        if (const auto it = tree.leaders.find(unit); it != tree.leaders.end())
          owners.insert(owners.end(), it->second.begin(), it->second.end());
      const int count = scale.documents_per_trust / 2 + static_cast<int>(rng() % (scale.documents_per_trust + 1));
      registers.push_back({trust.id, count, std::move(owners)});
    }
  }
  for (const auto& r : registers) total += r.count;
  int64_t done = 0;
  for (const auto& r : registers) {
    auto tx = db.write();
    for (int n = 1; n <= r.count; ++n, ++done) make_document(*tx, actor, r.org_id, n, rng, r.owners, summary);
    tx->commit();
    progress("styrende dokumenter", done, total);
  }
}

}  // namespace varde::bench
