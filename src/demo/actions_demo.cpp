// The demo's action plan: Helse Nord RHF's regional action plan, written
// here in the layout of the seed ("Regional handlingsplan …": areas,
// measures with Beskrivelse, Status, Tidsperiode and Ansvarlig) and taken in
// through the same importer a real plan goes through; then a year of
// follow-up: updates by the region and by UNN in several statuses.
#include <map>
#include <string>

#include "actions/importer.hpp"
#include "api/problem.hpp"

namespace varde::demo {

namespace {

const char* kPlan = R"(Regional handlingsplan for informasjonssikkerhet og personvern i Helse Nord
Planperiode: 2025-2026

1 Innledning

Helse Nord RHF og helseforetakene i regionen arbeider etter en felles plan for informasjonssikkerhet og personvern. Planen gjelder for perioden 2025 til og med 2026 og revideres hvert år etter ledelsens gjennomgang.

2 Mål

Pasientopplysninger skal være tilgjengelige for dem som trenger dem, og bare for dem. Tiltakene i planen skal redusere risikoen for dataangrep og gi ledelsen et bedre bilde av sikkerhetstilstanden.

3.1 Styring og oppfølging

Styringssystemet skal være kjent og brukt i alle foretak. Tiltakene under skal gjøre rapporteringen fra foretakene enklere å sammenligne.

Felles mal for ledelsens gjennomgang

Beskrivelse: Utarbeide en felles mal for ledelsens årlige gjennomgang av informasjonssikkerhet og personvern, slik at foretakene rapporterer på de samme punktene.

Status: Ikke startet

Tidsperiode: 2025

Ansvarlig: Helse Nord RHF

Månedlig rapportering av sikkerhetshendelser

Beskrivelse: Foretakene rapporterer antall og alvorlighet av sikkerhetshendelser hver måned til regionalt sikkerhetsforum.

Status: Ikke startet

Tidsperiode: Løpende

Ansvarlig: Helse Nord RHF og de enkelte HF

3.2 Kompetanse og kultur

Opplæring er det tiltaket som treffer flest medarbeidere. Alle nyansatte skal ha gjennomført grunnkurset innen tre måneder.

Grunnkurs i informasjonssikkerhet for alle nyansatte

Beskrivelse: Et obligatorisk e-læringskurs på 30 minutter om phishing, passord og taushetsplikt, med oppfølging av gjennomføringsgrad per klinikk.

Status: Ikke startet

Tidsperiode: 2025-2026

Ansvarlig: De enkelte HF

Phishingøvelse for ledere

Beskrivelse: Gjennomføre en varslet phishingøvelse for alle ledere på nivå 1 til 3, og følge opp resultatet i ledermøtene.

Status: Ikke startet

Tidsperiode: Q2:2025

Ansvarlig: Universitetssykehuset Nord-Norge HF

3.3 Tekniske tiltak

Tekniske tiltak prioriteres etter NSMs grunnprinsipper for IKT-sikkerhet.

Tofaktorinnlogging for fjerntilgang

Beskrivelse: All fjerntilgang til regionens nett skal kreve tofaktorinnlogging, også for leverandører.

Status: Ikke startet

Tidsperiode: 2025

Ansvarlig: Helse Nord IKT HF

Oversikt over medisinsk-teknisk utstyr i nettet

Beskrivelse: Kartlegge alt medisinsk-teknisk utstyr som er koblet til nettet, med ansvarlig enhet og kategori etter Normens veileder.

Status: Ikke startet

Tidsperiode: 2025 - 2026

Ansvarlig: Helse Nord IKT HF og de enkelte HF
)";

struct DemoUpdate {
  const char* title;
  const char* status;  // nullptr: a comment only
  const char* comment;
  const char* at;
  const char* author;
};

// A year of follow-up, in date order.
const DemoUpdate kUpdates[] = {
    {"Felles mal for ledelsens gjennomgang", "in_progress", "Utkast til mal er sendt på høring til foretakene.", "2025-02-10", "hn.isl"},
    {"Phishingøvelse for ledere", "in_progress", "Øvelsen er bestilt og varslet i ledermøtet.", "2025-03-03", "unn.isl"},
    {"Tofaktorinnlogging for fjerntilgang", "in_progress", "Innført for egne ansatte; leverandørene gjenstår.", "2025-03-20", "hnikt.isl"},
    {"Grunnkurs i informasjonssikkerhet for alle nyansatte", "in_progress", "Kurset er lagt inn i introduksjonsprogrammet ved UNN og NLSH.", "2025-04-02", "hn.isl"},
    {"Phishingøvelse for ledere", "done", "Gjennomført i mai: 14 % klikket på lenken. Resultatet er fulgt opp i ledermøtet.", "2025-06-05", "unn.isl"},
    {"Månedlig rapportering av sikkerhetshendelser", "continuous", "Rapporteringen går nå hver måned fra alle foretak.", "2025-06-15", "hn.isl"},
    {"Oversikt over medisinsk-teknisk utstyr i nettet", "postponed", "Utsatt til nytt verktøy for utstyrsregister er på plass høsten 2025.", "2025-08-20", "hn.isl"},
    {"Felles mal for ledelsens gjennomgang", nullptr, "Høringssvar fra fire av seks foretak er kommet inn.", "2025-09-01", "hn.isl"},
};

}  // namespace

void load_actions(store::Tx& tx, const audit::Actor& actor, const std::map<std::string, int64_t>& ids) {
  auto summary = actions::apply_plan_import(tx, actor, ids.at("HN"), actions::parse_action_plan(kPlan), std::nullopt,
                                           std::string("2025-01-06"));
  auto plan = *actions::find_plan_with_content(tx, summary.plan_id, nullptr);
  for (const auto& u : kUpdates) {
    for (const auto& m : plan.measures) {
      if (m.title != u.title) continue;
      auto now = *actions::find_measure(tx, m.id);
      actions::NewUpdate nu;
      if (u.status) nu.status = u.status;
      nu.comment = u.comment;
      nu.at = u.at;
      actions::add_update(tx, audit::Actor{std::nullopt, u.author}, m.id, now.version, nu);
    }
  }
}

}  // namespace varde::demo
