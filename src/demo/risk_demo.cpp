// Demo content for risk management: a few risk assessments (ROS-analyser)
// for the demo trusts on the region's default matrix, written for Varde.
// Among them the risk the seed report names: that the year's threat
// assessment is meant to be public.
#include <map>

#include "actions/store.hpp"
#include "core/time.hpp"
#include "demo/demo.hpp"
#include "org/store.hpp"
#include "risk/store.hpp"

namespace varde::demo {

namespace {

struct DemoRisk {
  const char* title;
  const char* description;
  const char* threat;
  const char* vulnerability;
  const char* assets;
  const char* controls;
  std::map<std::string, int> consequences;  // per area of the default matrix
  int likelihood;
  const char* treatment;
  const char* plan;
  int residual_likelihood, residual_consequence;
  const char* owner;        // username, or nullptr
  const char* requirement;  // number in HN's 2026 document, or nullptr
  const char* acceptance;   // "valid", "expired" or nullptr
  int review_in_days;       // from today; negative: overdue
};

struct DemoAssessment {
  const char* org;
  const char* title;
  const char* scope;
  const char* kind;
  const char* subject;
  const char* method;
  const char* participants;
  const char* status;
  std::vector<DemoRisk> risks;
};

std::string date_in_days(int days) { return core::now_plus_seconds(static_cast<long long>(days) * 86400).substr(0, 10); }

const std::vector<DemoAssessment>& assessments() {
  static const std::vector<DemoAssessment> all = {
      {"UNN", "ROS-analyse: tilgangsstyring i pasientjournalen",
       "Tilgang til journal for ansatte i somatikk og psykisk helsevern, inkludert nødtilgang («blålys»).", "system",
       "Elektronisk pasientjournal", "Arbeidsmøter etter regionens ROS-mal, med gjennomgang av tilgangslogg",
       "Informasjonssikkerhetsleder, personvernombud, to seksjonsledere, systemforvalter", "completed",
       {{"Oppslag i journal uten tjenstlig behov",
         "Ansatte kan slå opp i journalen til pasienter de ikke behandler, for eksempel kjente eller kolleger.",
         "Nysgjerrighet eller press fra pårørende", "Bred tilgang på tvers av avdelinger; logg blir sjelden kontrollert",
         "Pasientjournal, tilgangslogg", "Taushetserklæring, e-læring i personvern",
         {{"privacy", 4}, {"reputation", 3}}, 3, "reduce",
         "Månedlig stikkprøvekontroll av tilgangslogg; varsel til leder ved oppslag på egne ansatte.", 2, 4,
         "unn.leder", "23", "valid", 180},
        {"Felles pålogging på akuttmottakets arbeidsstasjoner",
         "Arbeidsstasjoner i akuttmottaket står pålogget mellom vakter, så handlinger ikke kan spores til én person.",
         "Uautorisert bruk", "Ingen automatisk utlogging; kort vei til pasient gjør at ansatte lar maskinen stå",
         "Arbeidsstasjoner i akuttmottaket", "Skjermlås etter 15 minutter",
         {{"privacy", 3}, {"patient_safety", 2}}, 4, "reduce", "Innføre kortleser og hurtig brukerbytte.", 2, 2,
         "unn.leder", nullptr, "expired", 60}}},
      {"UNN-HJE", "ROS: ny plattform for medisinsk-teknisk utstyr",
       "Overgang til ny overvåkingsplattform for telemetri på hjertemedisinsk avdeling.", "change",
       "Telemetri og overvåkingsmonitorer", "Workshop med leverandør og MTU-avdelingen",
       "Avdelingsleder, MTU-ingeniør, informasjonssikkerhetsleder", "in_progress",
       {{"Utstyr som ikke kan oppdateres står på klinisk nett",
         "Flere monitorer kjører et operativsystem leverandøren ikke lenger oppdaterer.",
         "Skadevare som sprer seg i nettverket", "Kjente sårbarheter uten rettelse; flatt nett mellom utstyr og kontor",
         "Overvåkingsmonitorer, sentralstasjon", "Brannmur mot internett",
         {{"patient_safety", 5}, {"availability", 4}}, 3, "reduce",
         "Egen nettsone for MTU med streng trafikkfiltrering; utskifting av de eldste monitorene i budsjett 2027.", 2,
         5, "unn.leder", "21", nullptr, -14}}},
      {"HNIKT", "ROS: regional trusselvurdering 2026",
       "Utarbeidelse og publisering av den årlige trusselvurderingen for spesialisthelsetjenesten i Helse Nord.",
       "requirement", "Krav 22: regional trusselvurdering innen 1. juni", "Strukturert idédugnad (SWIFT)",
       "Helse Nord IKT sikkerhet, HelseCERT, informasjonssikkerhetsledere fra to foretak", "in_progress",
       {{"Trusselvurderingen er tenkt offentlig",
         "Årets vurdering er tiltenkt å ikke unntas offentlighet. Detaljer om sårbarheter og tiltak kan gi "
         "angripere et kart over hvor regionen er svak.",
         "Målrettede angrep basert på offentlig informasjon", "Rapporten beskriver sårbarheter og planlagte tiltak i detalj",
         "Trusselvurderingen, regionens IKT-infrastruktur", "Faglig gjennomlesing før publisering",
         {{"availability", 3}, {"reputation", 3}}, 3, "reduce",
         "Lage en offentlig versjon uten tekniske detaljer og en unntatt versjon for foretakene.", 2, 3, nullptr,
         "22", nullptr, 90}}},
      {"NLSH", "ROS: nedetid i radiologisystemene",
       "Bortfall av RIS/PACS ved løsepengevirus eller feil i datasenteret.", "system", "RIS og PACS",
       "ROS etter NS 5814", "Klinikksjef kirurgi, radiologisk avdeling, Helse Nord IKT", "planned",
       {{"Bilder utilgjengelige ved løsepengevirus",
         "Et angrep på lagringen gjør røntgenbilder utilgjengelige, og planlagte og akutte undersøkelser må utsettes.",
         "Løsepengevirus", "Sikkerhetskopi ligger i samme domene som produksjon", "PACS-arkiv",
         "Daglig sikkerhetskopi", {{"availability", 5}, {"patient_safety", 4}}, 2, "reduce",
         "Uforanderlig sikkerhetskopi utenfor domenet; øvelse på gjenoppretting to ganger i året.", 2, 3, nullptr,
         "30", nullptr, 120}}},
      {"STO", "ROS: videokonsultasjon i poliklinikk",
       "Bruk av videokonsultasjon fra leverandørens skytjeneste.", "process", "Videokonsultasjon",
       "Arbeidsmøte", "Informasjonssikkerhetsleder, poliklinikkleder", "completed",
       {{"Helseopplysninger hos tredjeparts skyleverandør",
         "Lyd og video går via en leverandør med underleverandører utenfor EØS.", "Innsyn fra utenlandske myndigheter",
         "Uklar databehandleravtale", "Videotjenesten", "Kryptering under overføring", {{"privacy", 4}}, 2, "transfer",
         "Ny databehandleravtale med krav om lagring i EØS.", 1, 4, nullptr, nullptr, nullptr, 200}}},
  };
  return all;
}

// Risks and the measures of the regional action plan (actions_demo.cpp)
// that treat them, linked by title.
struct DemoTreatment {
  const char* risk;
  const char* measure;
};
const DemoTreatment kTreatments[] = {
    {"Oppslag i journal uten tjenstlig behov", "Grunnkurs i informasjonssikkerhet for alle nyansatte"},
    {"Utstyr som ikke kan oppdateres står på klinisk nett", "Oversikt over medisinsk-teknisk utstyr i nettet"},
    {"Trusselvurderingen er tenkt offentlig", "Månedlig rapportering av sikkerhetshendelser"},
};

void link_treatments(store::Tx& tx, const audit::Actor& actor, const std::map<std::string, int64_t>& ids) {
  const actions::Visibility all{{org::find(tx, ids.at("HN"))->path}};
  for (const auto& t : kTreatments) {
    auto risk_id = tx.scalar_integer("SELECT id FROM risk WHERE title = ?", {t.risk});
    auto measure_id = tx.scalar_integer("SELECT id FROM measure WHERE title = ?", {t.measure});
    if (!risk_id || !measure_id) continue;  // the demo plan or risks were edited
    const auto org_id = *tx.scalar_integer("SELECT org_id FROM risk WHERE id = ?", {*risk_id});
    actions::link_from_target(tx, actor, all, *measure_id, "risk", *risk_id, org_id);
  }
}

}  // namespace

void load_risk(store::Tx& tx, const audit::Actor& actor, const std::map<std::string, int64_t>& ids) {
  risk::ensure_default_matrices(tx, actor);
  std::map<std::string, int64_t> reqs;
  auto rows = tx.query(
      "SELECT q.number, q.id FROM requirement q JOIN commission_document d ON d.id = q.document_id "
      "WHERE d.region_id = ? AND d.year = 2026 AND q.number IS NOT NULL",
      {ids.at("HN")});
  while (rows.next()) reqs[rows.str(0)] = rows.integer(1);
  auto user = [&](const char* name) { return *tx.scalar_integer("SELECT id FROM app_user WHERE username = ?", {name}); };
  for (const auto& a : assessments()) {
    risk::AssessmentFields f;
    f.title = a.title;
    f.scope = a.scope;
    f.subject_kind = a.kind;
    f.subject = a.subject;
    f.method = a.method;
    f.participants = a.participants;
    f.status = a.status;
    f.assessed_on = std::optional<std::string>(date_in_days(-40));
    f.next_review_on = std::optional<std::string>(date_in_days(325));
    auto created = risk::create_assessment(tx, actor, ids.at(a.org), f);
    for (const auto& d : a.risks) {
      risk::RiskFields r;
      r.title = d.title;
      r.description = d.description;
      r.threat = d.threat;
      r.vulnerability = d.vulnerability;
      r.assets = d.assets;
      r.existing_controls = d.controls;
      r.consequences = d.consequences;
      r.likelihood = std::optional<int>(d.likelihood);
      r.treatment = std::optional<std::string>(d.treatment);
      r.treatment_plan = d.plan;
      r.residual_likelihood = std::optional<int>(d.residual_likelihood);
      r.residual_consequence = std::optional<int>(d.residual_consequence);
      r.review_on = std::optional<std::string>(date_in_days(d.review_in_days));
      if (d.owner) r.owner_id = std::optional<int64_t>(user(d.owner));
      if (d.requirement && reqs.count(d.requirement)) r.requirement_ids = std::vector<int64_t>{reqs.at(d.requirement)};
      auto risk = risk::create_risk(tx, actor, created.id, r);
      if (d.acceptance) {
        const audit::Actor leader{user("unn.leder"), "unn.leder"};
        risk::accept_risk(tx, leader, risk.id, "Restrisikoen er akseptabel med tiltakene som er satt i verk.",
                          date_in_days(365));
        if (std::string(d.acceptance) == "expired") {
          // An acceptance that ran out a month ago, so the owner's list has one to renew.
          tx.exec("UPDATE risk SET accepted_at = ?, accepted_until = ? WHERE id = ?",
                  {date_in_days(-400) + "T09:00:00.000Z", date_in_days(-30), risk.id});
          audit::record(tx, actor, "risk.demo_backdate", "risk", std::to_string(risk.id), risk.org_id, "null",
                        "{\"accepted_until\":\"" + date_in_days(-30) + "\"}");
        }
      }
    }
  }
  link_treatments(tx, actor, ids);
}

}  // namespace varde::demo
