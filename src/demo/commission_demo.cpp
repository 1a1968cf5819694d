// Demo content for the commissioning document and the tertial reports,
// written for Varde in the layout of a real oppdragsdokument report: chapters,
// numbered requirements, who they apply to, when they are reported, and each
// trust's reporting text. Not copied from any real document.
#include <map>

#include "commission/store.hpp"
#include "demo/demo.hpp"

namespace varde::demo {

namespace {

using commission::ReportingPoint;

struct DemoRequirement {
  const char* chapter;
  const char* number;
  const char* text;
  std::vector<std::string> targets;
  std::set<ReportingPoint> points;
  std::vector<commission::Deadline> deadlines;
};

const std::set<ReportingPoint> kTertialsAndAnnual = {ReportingPoint::tertial1, ReportingPoint::tertial2,
                                                     ReportingPoint::annual};

struct DemoEntry {
  const char* trust;
  const char* number;
  const char* achievement;
  const char* text;
  const char* state;  // draft, submitted, approved
};

}  // namespace

void load_commission(store::Tx& tx, const audit::Actor& actor, const std::map<std::string, int64_t>& ids) {
  const int year = 2026;
  auto doc = commission::create_document(tx, actor, ids.at("HN"), year, "Krav i oppdragsdokument 2026");
  const std::vector<commission::Chapter> chapters = {
      {0, "3.0", "Vår felles helsetjeneste – felles krav for alle tjenesteområder", "", 0},
      {0, "4.2", "Informasjonssikkerhet og personvern", "", 0},
      {0, "4.3", "Beredskap", "", 0},
      {0, "8.0", "Teknologi", "", 0},
      {0, "11", "Risikostyring",
       "Helseforetakene legger ved en oversikt over risikovurderinger knyttet til kravene i oppdragsdokumentet "
       "når de rapporterer for 1. og 2. tertial.\n\nOversikten lages med regionens felles risikomatrise.",
       0},
      {0, "12", "Oppfølging og rapportering",
       "Alle krav rapporteres i tråd med regionens mal for tertialrapport og årlig melding. Fristene står i "
       "oppdragsdokumentet.",
       0},
  };
  for (const auto& c : chapters) commission::add_chapter(tx, actor, doc.id, c);

  const std::vector<DemoRequirement> requirements = {
      {"3.0", "3", "Videreutvikle den helhetlige risikostyringen og rapportere på risiko etter regionens retningslinjer.",
       {}, kTertialsAndAnnual, {}},
      {"4.2", "21",
       "Revidere den lokale handlingsplanen for informasjonssikkerhet i tråd med NSMs grunnprinsipper for "
       "IKT-sikkerhet innen 15. mars hvert år, og rapportere på fremdriften i tiltakene.",
       {}, kTertialsAndAnnual, {{0, "innen 15. mars hvert år", "2026-03-15", true}}},
      {"4.2", "22",
       "Gjennomføre en regional trusselvurdering for spesialisthelsetjenesten innen 1. juni hvert år, med "
       "erfaringer fra sårbarhetsskanning og hendelseshåndtering.",
       {"HNIKT"}, {ReportingPoint::tertial1, ReportingPoint::annual}, {{0, "innen 1. juni hvert år", "2026-06-01", true}}},
      {"4.2", "23",
       "Sikre at alle medarbeidere har gjennomført opplæring i informasjonssikkerhet og personvern det siste året.",
       {}, kTertialsAndAnnual, {}},
      {"4.3", "30", "Øve på bortfall av sentrale IKT-tjenester minst én gang i året, sammen med Helse Nord IKT.",
       {}, {ReportingPoint::tertial2, ReportingPoint::annual}, {}},
      {"8.0", "51",
       "Holde oversikten over databehandleravtaler oppdatert og sikre at alle leverandører som behandler "
       "helseopplysninger har gyldig avtale.",
       {}, kTertialsAndAnnual, {}},
  };
  std::map<std::string, int64_t> req_ids;
  for (const auto& r : requirements) {
    commission::NewRequirement nr{r.chapter, std::string(r.number), r.text, r.targets, r.points, false, r.deadlines};
    req_ids[r.number] = commission::add_requirement(tx, actor, doc.id, nr).id;
  }
  commission::publish_document(tx, actor, doc.id, 1);

  auto t1 = commission::ensure_period(tx, actor, ids.at("HN"), year, commission::PeriodKind::tertial1);
  auto t2 = commission::ensure_period(tx, actor, ids.at("HN"), year, commission::PeriodKind::tertial2);
  commission::ensure_period(tx, actor, ids.at("HN"), year, commission::PeriodKind::annual);

  const std::vector<DemoEntry> t1_entries = {
      {"UNN", "3", "achieved", "UNN deltar i det regionale nettverket for risikostyring og har tatt i bruk regionens risikomatrise i alle klinikker.", "approved"},
      {"UNN", "21", "partly", "Handlingsplanen er revidert og behandlet i ledergruppen 10. mars.\n\nTiltakene for logging og tilgangsstyring er forsinket fordi leverandøren ikke har levert ny versjon.", "approved"},
      {"UNN", "23", "partly", "82 prosent av medarbeiderne har fullført e-læringen. Klinikkene følger opp de som gjenstår.", "submitted"},
      {"UNN", "51", "not_achieved", "Gjennomgangen viser 14 leverandører uten oppdatert avtale. Arbeidet er prioritert i 2. tertial.", "draft"},
      {"HNIKT", "3", "achieved", "Helse Nord IKT rapporterer risiko i regionens rapporteringsverktøy med en egen risikomatrise for driftstjenestene.", "approved"},
      {"HNIKT", "21", "achieved", "Handlingsplanen er oppdatert og følges opp månedlig i sikkerhetsforumet.", "approved"},
      {"HNIKT", "22", "partly", "Arbeidsgruppen for trusselvurderingen er utvidet med ressurser fra HelseCERT. Det er en risiko for at vurderingen ikke kan unntas offentlighet; tiltak for dette er planlagt i 2. tertial.", "submitted"},
      {"HNIKT", "23", "achieved", "Alle ansatte har fullført opplæringen.", "approved"},
      {"NLSH", "3", "partly", "Nordlandssykehuset har startet opplæring av ledere i regionens risikometodikk.", "submitted"},
      {"NLSH", "21", "not_started", "Revisjonen av handlingsplanen starter etter at ny informasjonssikkerhetsleder er på plass.", "draft"},
      {"FIN", "3", "achieved", "Finnmarkssykehuset har innarbeidet risikorapporteringen i virksomhetsstyringen.", "approved"},
  };
  for (const auto& e : t1_entries) {
    auto entry = commission::save_entry(tx, actor, req_ids.at(e.number), ids.at(e.trust), t1.id, std::nullopt,
                                        std::string(e.achievement), e.text);
    if (std::string(e.state) != "draft") entry = commission::act_on_entry(tx, actor, entry.id, commission::EntryAction::submit);
    if (std::string(e.state) == "approved") commission::act_on_entry(tx, actor, entry.id, commission::EntryAction::approve);
  }
  commission::save_entry(tx, actor, req_ids.at("21"), ids.at("UNN"), t2.id, std::nullopt, std::string("partly"),
                         "Tiltakene for logging er i gang; tilgangsstyringen venter fortsatt på leverandøren.");
}

}  // namespace varde::demo
