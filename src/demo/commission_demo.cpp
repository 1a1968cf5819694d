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

// Writes the entries of one period and moves each to its state.
void write_entries(store::Tx& tx, const audit::Actor& actor, const std::map<std::string, int64_t>& ids,
                   const std::map<std::string, int64_t>& req_ids, int64_t period_id, const std::vector<DemoEntry>& entries) {
  for (const auto& e : entries) {
    auto entry = commission::save_entry(tx, actor, req_ids.at(e.number), ids.at(e.trust), period_id, std::nullopt,
                                        std::string(e.achievement), e.text);
    if (std::string(e.state) != "draft") entry = commission::act_on_entry(tx, actor, entry.id, commission::EntryAction::submit);
    if (std::string(e.state) == "approved") commission::act_on_entry(tx, actor, entry.id, commission::EntryAction::approve);
  }
}

// A published document with its chapters and requirements; the requirements' ids by number.
std::map<std::string, int64_t> make_document(store::Tx& tx, const audit::Actor& actor, int64_t region_id, int year,
                                             const std::string& title, const std::vector<commission::Chapter>& chapters,
                                             const std::vector<DemoRequirement>& requirements) {
  auto doc = commission::create_document(tx, actor, region_id, year, title);
  for (const auto& c : chapters) commission::add_chapter(tx, actor, doc.id, c);
  std::map<std::string, int64_t> req_ids;
  for (const auto& r : requirements) {
    commission::NewRequirement nr{r.chapter, std::string(r.number), r.text, r.targets, r.points, false, r.deadlines};
    req_ids[r.number] = commission::add_requirement(tx, actor, doc.id, nr).id;
  }
  commission::publish_document(tx, actor, doc.id, 1);
  return req_ids;
}

// Helse Nord's year before: the same tasks set again (3, 21, 23, 51), all
// three periods reported and closed, so a requirement's history has a past.
void load_helse_nord_2025(store::Tx& tx, const audit::Actor& actor, const std::map<std::string, int64_t>& ids) {
  const int year = 2025;
  const auto req = make_document(
      tx, actor, ids.at("HN"), year, "Krav i oppdragsdokument 2025",
      {{0, "3.0", "Vår felles helsetjeneste – felles krav for alle tjenesteområder", "", 0},
       {0, "4.2", "Informasjonssikkerhet og personvern", "", 0},
       {0, "8.0", "Teknologi", "", 0}},
      {{"3.0", "3", "Etablere en helhetlig risikostyring etter regionens retningslinjer og rapportere på de største risikoene.",
        {}, kTertialsAndAnnual, {}},
       {"4.2", "21",
        "Utarbeide en lokal handlingsplan for informasjonssikkerhet basert på NSMs grunnprinsipper for IKT-sikkerhet "
        "innen 15. mars hvert år.",
        {}, kTertialsAndAnnual, {{0, "innen 15. mars hvert år", "2025-03-15", true}}},
       {"4.2", "23", "Tilby alle medarbeidere opplæring i informasjonssikkerhet og personvern.", {}, kTertialsAndAnnual, {}},
       {"8.0", "51", "Kartlegge databehandleravtalene med leverandører som behandler helseopplysninger.",
        {}, kTertialsAndAnnual, {}}});
  auto t1 = commission::ensure_period(tx, actor, ids.at("HN"), year, commission::PeriodKind::tertial1);
  auto t2 = commission::ensure_period(tx, actor, ids.at("HN"), year, commission::PeriodKind::tertial2);
  auto annual = commission::ensure_period(tx, actor, ids.at("HN"), year, commission::PeriodKind::annual);

  write_entries(tx, actor, ids, req, t1.id, {
      {"UNN", "3", "partly", "Risikostyringen er etablert i to av fem klinikker. Resten følger i løpet av året.", "approved"},
      {"UNN", "21", "not_started", "Arbeidet med handlingsplanen starter når den nye sikkerhetsorganisasjonen er på plass i april.", "approved"},
      {"UNN", "23", "partly", "E-læringen er lansert; 41 prosent har fullført.", "approved"},
      {"UNN", "51", "not_started", "Kartleggingen er planlagt til 2. tertial.", "approved"},
      {"HNIKT", "3", "achieved", "Risikoene for driftstjenestene er vurdert og rapportert etter regionens mal.", "approved"},
      {"HNIKT", "21", "partly", "Utkast til handlingsplan er på høring i ledergruppen.", "approved"},
      {"NLSH", "3", "not_started", "Nordlandssykehuset venter på regionens opplæringsopplegg.", "approved"},
      {"FIN", "23", "achieved", "Alle ledere og 90 prosent av medarbeiderne har fullført opplæringen.", "approved"},
  });
  write_entries(tx, actor, ids, req, t2.id, {
      {"UNN", "3", "partly", "Fire av fem klinikker bruker nå regionens risikomatrise.", "approved"},
      {"UNN", "21", "partly", "Handlingsplanen er vedtatt; tiltakene for logging og tilgangsstyring er startet.", "approved"},
      {"UNN", "23", "partly", "68 prosent av medarbeiderne har fullført e-læringen.", "approved"},
      {"UNN", "51", "partly", "Kartleggingen har funnet 46 avtaler; 14 av dem må fornyes.", "approved"},
      {"HNIKT", "21", "achieved", "Handlingsplanen er vedtatt og følges opp i sikkerhetsforumet.", "approved"},
      {"HSYK", "23", "partly", "Opplæringen er gjennomført for ledere; medarbeiderne følger i høst.", "submitted"},
      {"SANO", "3", "partly", "Sykehusapoteket har kartlagt risikoene i legemiddellogistikken.", "approved"},
  });
  write_entries(tx, actor, ids, req, annual.id, {
      {"UNN", "3", "achieved", "Alle klinikker rapporterer risiko etter regionens retningslinjer.", "approved"},
      {"UNN", "21", "achieved", "Handlingsplanen for 2025 er fulgt opp; de fleste tiltakene er gjennomført.", "approved"},
      {"UNN", "23", "partly", "79 prosent av medarbeiderne har fullført opplæringen ved årets slutt.", "approved"},
      {"UNN", "51", "partly", "Kartleggingen er ferdig. Fornyelsen av avtalene fortsetter i 2026.", "approved"},
      {"HNIKT", "3", "achieved", "Risikorapporteringen for driftstjenestene er en fast del av virksomhetsstyringen.", "approved"},
      {"NLSH", "21", "partly", "Handlingsplanen er utarbeidet, men ikke behandlet i ledergruppen.", "approved"},
      {"FIN", "51", "achieved", "Alle avtaler med leverandører som behandler helseopplysninger er oppdatert.", "approved"},
  });
  for (const auto& p : {t1, t2, annual}) commission::close_period(tx, actor, p.id);
}

// Helse Midt-Norge's document for the same year, with a 1st tertial under way.
void load_helse_midt_2026(store::Tx& tx, const audit::Actor& actor, const std::map<std::string, int64_t>& ids) {
  const int year = 2026;
  const auto req = make_document(
      tx, actor, ids.at("HMN"), year, "Oppdragsdokument 2026 for Helse Midt-Norge",
      {{0, "4.2", "Informasjonssikkerhet og personvern", "", 0},
       {0, "5.0", "Digitalisering og felles løsninger", "", 0},
       {0, "9", "Rapportering", "Foretakene rapporterer på kravene i tertialrapportene og i årlig melding.", 0}},
      {{"4.2", "14",
        "Gjennomføre en risikovurdering av tilgangsstyringen i pasientjournalen og følge opp tiltakene innen 1. oktober hvert år.",
        {}, kTertialsAndAnnual, {{0, "innen 1. oktober hvert år", "2026-10-01", true}}},
       {"4.2", "15", "Sikre at alle nye systemer har en vurdering av personvernkonsekvenser før de tas i bruk.",
        {}, {ReportingPoint::tertial1, ReportingPoint::annual}, {}},
       {"5.0", "16", "Levere en plan for utfasing av usikre protokoller i de felles driftstjenestene.",
        {"HEMIT"}, kTertialsAndAnnual, {}}});
  auto t1 = commission::ensure_period(tx, actor, ids.at("HMN"), year, commission::PeriodKind::tertial1);
  commission::ensure_period(tx, actor, ids.at("HMN"), year, commission::PeriodKind::tertial2);
  commission::ensure_period(tx, actor, ids.at("HMN"), year, commission::PeriodKind::annual);
  write_entries(tx, actor, ids, req, t1.id, {
      {"STO", "14", "partly", "Risikovurderingen er gjennomført for tre klinikker. Tiltak for felles brukerkontoer er prioritert.", "approved"},
      {"STO", "15", "achieved", "Alle systemer som er tatt i bruk i perioden, har en vurdering av personvernkonsekvenser.", "submitted"},
      {"HMR", "14", "not_started", "Arbeidet starter i 2. tertial, når ny journalløsning er innført.", "draft"},
      {"HNT", "15", "partly", "To av tre nye systemer er vurdert; det siste vurderes i mai.", "approved"},
      {"HEMIT", "16", "partly", "Planen er utarbeidet for nettverkstjenestene; lagringstjenestene følger.", "submitted"},
  });
}

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
  write_entries(tx, actor, ids, req_ids, t1.id, t1_entries);
  commission::save_entry(tx, actor, req_ids.at("21"), ids.at("UNN"), t2.id, std::nullopt, std::string("partly"),
                         "Tiltakene for logging er i gang; tilgangsstyringen venter fortsatt på leverandøren.");

  load_helse_nord_2025(tx, actor, ids);
  load_helse_midt_2026(tx, actor, ids);
}

}  // namespace varde::demo
