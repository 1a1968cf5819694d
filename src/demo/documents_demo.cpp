// Demo governing documents for Helse Nord, written for Varde (not copied
// from the seed): the reference model of the document structure, the
// overarching document, three topic documents (one Fortrolig, one with its
// review overdue) and a routine of UNN waiting for approval.
#include <map>
#include <string>

#include "documents/store.hpp"

namespace varde::demo {

namespace {

using documents::Action;
using documents::Classification;
using documents::DocType;
using documents::Section;

int64_t user_id(store::Tx& tx, const char* username) {
  return *tx.scalar_integer("SELECT id FROM app_user WHERE username = ?", {std::string(username)});
}

// Moves version 1 to approved, as if approved `months_ago` months back (the
// review date follows from it).
void approve(store::Tx& tx, const audit::Actor& actor, const documents::Document& d, int months_ago) {
  documents::act(tx, actor, d.id, 1, Action::submit);
  documents::act(tx, actor, d.id, 1, Action::approve);
  if (months_ago == 0) return;
  const auto approved = *documents::add_months(documents::today(), -months_ago);
  tx.exec("UPDATE governing_document_version SET approved_at = ?, submitted_at = ? WHERE document_id = ? AND number = 1",
          {approved + "T09:00:00.000Z", approved + "T08:00:00.000Z", d.id});
  tx.exec("UPDATE governing_document SET approved_on = ?, next_review_on = ? WHERE id = ?",
          {approved, *documents::add_months(approved, d.review_interval_months), d.id});
}

}  // namespace

void load_documents(store::Tx& tx, const audit::Actor& actor, const std::map<std::string, int64_t>& ids) {
  const auto hn = ids.at("HN");
  const audit::Actor leader{std::nullopt, "demo (administrerende direktør)"};
  auto top = documents::add_structure_node(tx, actor, hn, std::nullopt, "Overordnet styring");
  auto topic = documents::add_structure_node(tx, actor, hn, std::nullopt, "Temaspesifikke krav og føringer");
  auto support = documents::add_structure_node(tx, actor, hn, std::nullopt, "Veiledninger, maler, rutiner og prosedyrer");
  documents::add_structure_node(tx, actor, hn, topic.id, "Organisering og ansvar");
  auto access = documents::add_structure_node(tx, actor, hn, topic.id, "Tilgang og logging");
  documents::add_structure_node(tx, actor, hn, support.id, "Hendelser og avvik");

  documents::NewDocument policy;
  policy.org_id = hn;
  policy.code = "HN 01";
  policy.title = "Mål og strategi for informasjonssikkerhet og personvern i Helse Nord";
  policy.type = DocType::overarching;
  policy.owner_id = user_id(tx, "hn.isl");
  policy.owner_role = "Regional informasjonssikkerhetsleder";
  policy.approver = "Administrerende direktør";
  policy.classification = Classification::open;
  policy.review_interval_months = 12;
  policy.structure_id = top.id;
  policy.sections = {
      {"Definisjoner",
       "| Begrep | Forklaring |\n|---|---|\n"
       "| Styringssystem | Helheten av mål, roller, rutiner og oppfølging som sikrer at arbeidet går som planlagt. |\n"
       "| Informasjonssikkerhet | Å verne informasjon mot innsyn, endring og bortfall som ikke er ønsket. |\n"
       "| Personvern | Den enkeltes rett til å bestemme over opplysninger om seg selv. |"},
      {"Formål og omfang",
       "Dokumentet fastsetter hva Helse Nord vil oppnå med arbeidet for informasjonssikkerhet og personvern, og "
       "hvordan. Det gjelder all behandling av informasjon i foretaksgruppen, på papir og digitalt."},
      {"Målgruppe", "Alle som arbeider i eller på oppdrag for Helse Nord, også innleide og leverandører."},
      {"Roller og ansvar",
       "Administrerende direktør har det endelige ansvaret og godkjenner dette dokumentet. Ansvaret følger linjen; "
       "organiseringen er beskrevet nærmere i HN 04.\n\n"
       "- Ledere sørger for at dokumentet etterleves i egen enhet.\n"
       "- Alle medarbeidere melder hendelser og avvik."},
      {"Mål",
       "- Informasjon er tilgjengelig når den trengs.\n- Informasjon endres ikke av uvedkommende.\n"
       "- Informasjon blir ikke kjent for uvedkommende."},
      {"Strategi og prinsipper",
       "Arbeidet er risikobasert. Tilgang gis etter tjenstlig behov, slik HN 07 beskriver. Ledelsen gjennomgår "
       "arbeidet minst én gang i året."},
  };
  auto p = documents::create(tx, actor, policy);
  approve(tx, leader, p, 2);

  documents::NewDocument org;
  org.org_id = hn;
  org.code = "HN 04";
  org.title = "Organisering av arbeidet med informasjonssikkerhet og personvern";
  org.type = DocType::topic;
  org.owner_id = user_id(tx, "hn.isl");
  org.owner_role = "Regional informasjonssikkerhetsleder";
  org.approver = "Fagdirektør";
  org.classification = Classification::internal;
  org.review_interval_months = 12;
  org.structure_id = topic.id;
  org.sections = {
      {"Formål", "Beskriver hvem som gjør hva i arbeidet med informasjonssikkerhet og personvern, i RHF-et og i hvert HF."},
      {"Roller",
       "- Informasjonssikkerhetsleder i hvert foretak koordinerer arbeidet.\n"
       "- Personvernombudet gir råd og kontrollerer etterlevelse.\n- Systemeiere har ansvar for sine systemer."},
      {"Samarbeid", "Et regionalt forum møtes hvert kvartal og deler erfaringer, hendelser og tiltak."},
  };
  auto o = documents::create(tx, actor, org);
  // Approved 14 months ago with a yearly review: the review is overdue.
  approve(tx, leader, o, 14);

  documents::NewDocument acc;
  acc.org_id = hn;
  acc.code = "HN 07";
  acc.title = "Tilgangsstyring og logganalyse i kliniske systemer";
  acc.type = DocType::topic;
  acc.owner_id = user_id(tx, "hn.isl");
  acc.owner_role = "Regional informasjonssikkerhetsleder";
  acc.approver = "Fagdirektør";
  acc.classification = Classification::confidential;
  acc.exemption = "Unntatt offentlighet, offl. § 24 tredje ledd";
  acc.review_interval_months = 24;
  acc.structure_id = access.id;
  acc.sections = {
      {"Formål", "Fastsetter hvordan tilgang til kliniske systemer gis, kontrolleres og trekkes tilbake."},
      {"Kontrollrutiner",
       "Loggene fra journalsystemet gjennomgås ukentlig med faste søk etter oppslag uten behandlingsrelasjon. "
       "Søkene og tersklene er beskrevet i vedlegget og skal ikke spres."},
  };
  auto a = documents::create(tx, actor, acc);
  approve(tx, leader, a, 3);

  documents::NewDocument routine;
  routine.org_id = ids.at("UNN");
  routine.code = "UNN 12";
  routine.title = "Rutine for melding og oppfølging av sikkerhetsbrudd";
  routine.type = DocType::routine;
  routine.owner_id = user_id(tx, "unn.isl");
  routine.owner_role = "Informasjonssikkerhetsleder UNN";
  routine.approver = "Administrerende direktør UNN";
  routine.classification = Classification::internal;
  routine.review_interval_months = 12;
  routine.structure_id = support.id;
  routine.sections = {
      {"Formål", "Sikrer at brudd på informasjonssikkerheten meldes raskt og følges opp, i tråd med HN 01."},
      {"Slik melder du", "1. Meld i avvikssystemet samme dag.\n2. Varsle nærmeste leder.\n"
                         "3. Ved brudd på personopplysningssikkerheten: varsle personvernombudet straks (72-timersfristen)."},
  };
  auto r = documents::create(tx, actor, routine);
  documents::act(tx, actor, r.id, 1, Action::submit);
}

}  // namespace varde::demo
