// The import of an action plan written as a document: the second part of
// the seed (../shared/seeds/maal-strategi-og-handlingsplan.txt, read where it
// is) gives its five areas and all 23 measures, field by field; broken input
// gives errors with line numbers and no measures.
#include <gtest/gtest.h>

#include "shared_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "actions/import_plan.hpp"

namespace {

using namespace varde::actions;

std::string read_seed() { return varde::test_files::read_shared("seeds", "maal-strategi-og-handlingsplan.txt"); }

bool starts(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }
bool ends(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}
int paragraphs(const std::string& s) {
  if (s.empty()) return 0;
  int n = 1;
  for (std::size_t p = 0; (p = s.find("\n\n", p)) != std::string::npos; p += 2) ++n;
  return n;
}

struct Expected {
  const char* area;
  const char* title;
  const char* description_starts;
  const char* description_ends;
  int description_paragraphs;
  const char* status_starts;
  const char* status_ends;
  int status_paragraphs;
  const char* status;  // on the default scale, as the import reads it
  const char* period;  // as written
  const char* responsible;
};

// The 23 measures of the seed, in order.
const Expected kMeasures[] = {
    {"3.1", "Etablere dokumentstruktur i regionalt styringssystem",
     "Etablere struktur for dokumentasjonen av regionalt", "personvern i Helse Midt-Norge.", 1,
     "Forslag til referansemodell for overordnet struktur", "del av regionalt styringssystem.", 1, "in_progress",
     "2021", "Helse Midt-Norge RHF"},
    {"3.1", "Utarbeide og implementere overordnet styrende dokument for informasjonssikkerhet og personvern i Helse Midt-Norge.",
     "Utarbeide overordnet styrende dokument for informasjonssikkerhet", "viktige prinsipper og krav.", 1,
     "Dokument Mål og strategi for informasjonssikkerhet", "forutgående behandling i foretaksstyrene", 1, "in_progress",
     "2021", "Helse Midt-Norge RHF"},
    {"3.1", "Utarbeide og revidere temaspesifikke dokumenter som inneholder krav, føringer og retningslinjer",
     "Utarbeide og revidere temaspesifikke dokumenter som", "skal utarbeides og revideres.", 1,
     "Det er startet et arbeid med", "prioriterte dokumentene er igangsatt.", 1, "in_progress",
     "2021-2022", "Helse Midt-Norge RHF"},
    {"3.1", "Utarbeide og revidere felles regionale veiledninger, maler, rutiner og prosedyrer",
     "Utarbeide og revidere felles regionale dokumenter", "fra de styrende dokumenter.", 1,
     "Etableringen av temaspesifikke krav, føringer og", "skal revideres eller utarbeides.", 1, "in_progress",
     "2021- 2022.", "Helse Midt-Norge RHF"},
    {"3.1", "Kartlegging av dagens situasjon opp mot ISO 27001 og Normen",
     "Kartlegge dagens situasjon og modenhet i", "økt samsvar med kravene.", 2,
     "Helse Nord-Trøndelag vil i løpet av", "for de øvrige virksomhetene.", 1, "in_progress",
     "2021- 2022", "Helse Midt-Norge RHF og de enkelte HF"},
    {"3.1", "Forbedring av kontrolltiltak og rapportering på informasjonssikkerhet og personvern",
     "Det skal etableres tiltak som sørger", "beskrives i styringssystemets dokumentasjon.", 3,
     "Ikke startet som tiltak under handlingsplanen,", "styret innenfor hvert helseforetak.", 1, "not_started",
     "2022", "Helse Midt-Norge RHF og de enkelte HF"},
    {"3.2", "Gjennomføring av bevisstgjøringstiltak for alle medarbeidere",
     "Det skal anskaffes en plattform som", "i årshjul for informasjonssikkerhet.", 1,
     "Årshjul for opplærings- og bevisstgjøringsaktiviteter er", "ulike grupper, f.eks. ledere.", 1, "in_progress",
     "2021 – 2022. Årshjul skal videreføres og kontinuerlig oppdateres", "Helse Midt-Norge RHF og de enkelte HF"},
    {"3.2", "Opplæring for medarbeidere med fagansvar for informasjonssikkerhet og personvern",
     "Det skal gjennomføres opplæring tilpasset medarbeidere", "og endring i trusselbildet.", 1,
     "Kontinuerlig", "Kontinuerlig", 1, "continuous",
     "2021-2022", "Helse Midt-Norge RHF og de enkelte HF"},
    {"3.2", "Opplæring for medarbeidere med definerte roller i styringssystem for informasjonssikkerhet og personvern",
     "Opplæring av medarbeidere med ansvar for", "å utføre sine oppgaver.", 1,
     "Ikke startet", "Ikke startet", 1, "not_started",
     "2021-2022", "Helse Midt-Norge RHF og det enkelte HF"},
    {"3.2", "Gjennomføre kultur-undersøkelse innen informasjonssikkerhet og personvern i virksomheten",
     "Gjennomføre en undersøkelse av kulturen for", "hatt den ønskede effekt.", 1,
     "Sykehusapotekene i Midt-Norge HF og Hemit", "fra Sykehusapotekene og Hemit.", 1, "in_progress",
     "2022", "Helse Midt-Norge RHF"},
    {"3.3", "Sluttføre og lukke tekniske tiltak for sårbarheter i riksrevisjonsrapporten",
     "Sluttføre og lukke de tekniske tiltak", "påvist i riksrevisjonsrapporten (2020-2021).", 1,
     "De prioriterte tiltak som ble planlagt", "av det kontinuerlige forbedringsarbeidet.", 1, "in_progress",
     "2021-2022", "Hemit og de enkelte foretak avhengig av tiltak."},
    {"3.3", "Gjennomføre gap analyse mot NSM grunnprinsipper",
     "Gjennomføre gap analyse av nåsituasjonen opp", "og øvrige identifiserte tiltak.", 1,
     "Ikke startet", "Ikke startet", 1, "not_started",
     "2022", "Helse Midt-Norge RHF og de enkelte HF"},
    {"3.4", "Ferdigstille arbeidet med å tydeliggjøre ansvar for MTU",
     "Ferdigstille arbeidet med tydeliggjøringen av ansvar", "for informasjonssikkerhet og personvern.", 1,
     "Pågår", "Pågår", 1, "in_progress",
     "2021", "Helse Midt-Norge RHF"},
    {"3.4", "Ferdigstille klassifisering/kategorisering av MTU med bakgrunn i Normens veileder for MTU.",
     "Ferdigstille det påbegynte arbeidet med å", "av virksomhetene/foretakene i regionen.", 1,
     "Pågår nasjonalt arbeid opp mot programvare", "mot programvare produsent (Medusa).", 1, "in_progress",
     "2021 -2022", "Hvert enkelt foretak"},
    {"3.4", "Ferdigstille risikovurderinger for de ulike relevante kategorier av MTU",
     "Ferdigstille det pågående arbeidet med risikovurderinger", "som gjelder for disse.", 1,
     "Pågår arbeid for å få gjennomført", "pådriverne i denne prosessen.", 1, "in_progress",
     "2021 -2022", "Hvert enkelt foretak"},
    {"3.4", "Utarbeide retningslinjer for MTU",
     "For å sikre at arbeidet med", "tilstrekkelig i øvrige retningslinjer.", 1,
     "Ikke startet", "Ikke startet", 1, "not_started",
     "2021-2022", "Helse Midt-Norge RHF og de enkelte HF"},
    {"3.5", "Delta i samarbeidsforum med de andre regionale helseforetakene, Direktoratet for e-helse og Norsk helsenett SF",
     "Det er opprettet et samarbeidsforum med", "innen informasjonssikkerhet bør utformes.", 1,
     "Det er gjennomført to møter og", "et møte i 2021.", 1, "continuous",
     "Løpende", "Helse Sør-Øst RHF er ansvarlig for innkalling og møteledelse. Helse Midt-Norge RHF er ansvarlig for deltakelse fra vår region."},
    {"3.5", "Benytte trusselvurderinger i ROS-vurderinger og ved prioritering av tiltak",
     "Benytte Norsk helsenett SFs årlige rapport", "med risiko- og sårbarhetsvurderinger.", 1,
     "Hemit benytter i dag HelseCERTs situasjonsbilde", "samarbeid med øvrige RHF.", 2, "continuous",
     "Kontinuerlig", "Helse Midt-Norge RHF"},
    {"3.5", "Delta i arbeidet med en nasjonal strategi for digital sikkerhet i helse- og omsorgssektoren",
     "Det skal utarbeides en nasjonal strategi", "og de regionale helseforetakene.", 1,
     "Arbeidet pågår. Det er levert en", "som delleveranse til strategien.", 1, "in_progress",
     "2021", "Helse Sør-Øst RHF har en koordineringsrolle for helseregionene. Helse Midt-Norge RHF er ansvarlig for koordinering internt i regionen."},
    {"3.5", "Presentere status fra arbeidet med informasjonssikkerhet",
     "Presentere status fra arbeidet med informasjonssikkerhet,", "samt i årlig melding.", 1,
     "Status på arbeidet med informasjonssikkerhet ble", "sikkerhetstilstanden i egen virksomhet.", 2, "continuous",
     "Kontinuerlig", "Helse Midt-Norge RHF"},
    {"3.5", "Informasjonssikkerhetskompetanse i anskaffelser",
     "Sykehusinnkjøp HF skal benytte kapasitet og", "av informasjonssikkerhet i anskaffelser.", 1,
     "Det interregionale AD-møtet har besluttet at", "skal fordeles mellom regionene.", 2, "in_progress",
     "2019-2021", "De regionale helseforetakene"},
    {"3.5", "Forvaltning og oppfølging av leverandører",
     "Informasjonssikkerhet i produkter og tjenester som", "etter anskaffelsen er gjennomført", 2,
     "Det pågår et arbeid, ledet av", "kan fordeles mellom regionene.", 1, "in_progress",
     "2021-2022", "De regionale helseforetakene"},
    {"3.5", "Regional handlingsplan for informasjonssikkerhet og personvern",
     "Regional handlingsplan for informasjonssikkerhet og personvern", "to – tre årene.", 1,
     "Første versjon av regional handlingsplan er", "er utarbeidet (dette dokumentet).", 1, "continuous",
     "Kontinuerlig", "Helse Midt-Norge RHF"},
};

const std::vector<OrgName> kOrgs = {
    {1, "HMN", "Helse Midt-Norge RHF", "region"},  {2, "STO", "St. Olavs hospital HF", "trust"},
    {3, "HMR", "Helse Møre og Romsdal HF", "trust"}, {4, "HNT", "Helse Nord-Trøndelag HF", "trust"},
    {5, "SIMN", "Sykehusapotekene i Midt-Norge HF", "trust"}, {6, "HEMIT", "Hemit HF", "trust"},
};

TEST(ActionsImport, TheSeedsPlanHasItsTitlePeriodAndFiveAreas) {
  auto plan = parse_action_plan(read_seed());
  ASSERT_FALSE(plan.has_errors());
  EXPECT_EQ(plan.title, "Regional handlingsplan for informasjonssikkerhet og personvern");
  EXPECT_EQ(plan.period_text, "2021\xE2\x80\x93" "2022");
  // The plan starts at "1 Innledning": "Mål og strategi" before it is another document.
  EXPECT_EQ(plan.first_line, 225);
  EXPECT_TRUE(starts(plan.intro, "1 Innledning\n\nForetaksmøtet i Helse Midt-Norge RHF behandlet 14. januar 2021"));
  EXPECT_NE(plan.intro.find("\n\n2 Mål\n\nHelse Midt-Norge skal ivareta konfidensialitet"), std::string::npos);
  EXPECT_NE(plan.intro.find("\n\n3 Tiltak\n\nI dette kapittelet beskrives"), std::string::npos);
  EXPECT_EQ(plan.intro.find("Definisjoner"), std::string::npos);
  ASSERT_EQ(plan.areas.size(), 5u);
  const char* codes[] = {"3.1", "3.2", "3.3", "3.4", "3.5"};
  const char* titles[] = {"Videreutvikling av Regionalt styringssystem for informasjonssikkerhet og personvern",
                          "Kompetanse, holdninger og kultur", "Tekniske tiltak", "Medisinsk-teknisk utstyr (MTU)",
                          "Andre tiltak"};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(plan.areas[i].code, codes[i]);
    EXPECT_EQ(plan.areas[i].title, titles[i]);
  }
  EXPECT_TRUE(starts(plan.areas[0].intro, "En første versjon av regionalt styringssystem"));
  EXPECT_EQ(paragraphs(plan.areas[2].intro), 2);
  // A paragraph the export broke over blank lines mid-sentence is mended.
  EXPECT_TRUE(starts(plan.areas[4].intro, "I protokollen fra foretaksmøtet fikk Helse Midt-Norge RHF en rekke oppdrag innen "
                                          "informasjonssikkerhet. Nedenfor listes tiltak"));
  EXPECT_EQ(paragraphs(plan.areas[4].intro), 1);
}

TEST(ActionsImport, AllTwentyThreeMeasuresFieldByField) {
  auto plan = parse_action_plan(read_seed());
  auto reviewed = review_plan(plan, kOrgs, default_scale());
  ASSERT_EQ(plan.measures.size(), 23u);
  ASSERT_EQ(reviewed.size(), 23u);
  for (std::size_t i = 0; i < 23; ++i) {
    const auto& e = kMeasures[i];
    const auto& m = plan.measures[i];
    SCOPED_TRACE("measure " + std::to_string(i + 1) + ": " + e.title);
    EXPECT_EQ(m.area_code, e.area);
    EXPECT_EQ(m.title, e.title);
    EXPECT_TRUE(starts(m.description, e.description_starts)) << m.description;
    EXPECT_TRUE(ends(m.description, e.description_ends)) << m.description;
    EXPECT_EQ(paragraphs(m.description), e.description_paragraphs);
    EXPECT_TRUE(starts(m.status_text, e.status_starts)) << m.status_text;
    EXPECT_TRUE(ends(m.status_text, e.status_ends)) << m.status_text;
    EXPECT_EQ(paragraphs(m.status_text), e.status_paragraphs);
    EXPECT_EQ(reviewed[i].status.code, e.status);
    EXPECT_EQ(m.period, e.period);
    EXPECT_EQ(m.responsible, e.responsible);
    // No field swallowed the next one, whatever the page breaks did.
    for (const auto* text : {&m.description, &m.status_text, &m.period, &m.responsible})
      for (const char* label : {"Beskrivelse:", "Status:", "Tidsperiode:", "Ansvarlig:"})
        EXPECT_EQ(text->find(label), std::string::npos) << *text;
  }
}

TEST(ActionsImport, PageBreaksAndWrappedTitlesAreMended) {
  auto plan = parse_action_plan(read_seed());
  ASSERT_EQ(plan.measures.size(), 23u);
  // A title the export began on a new text box right after "Ansvarlig:".
  EXPECT_EQ(plan.measures[17].title, "Benytte trusselvurderinger i ROS-vurderinger og ved prioritering av tiltak");
  EXPECT_EQ(plan.measures[16].responsible,
            "Helse Sør-Øst RHF er ansvarlig for innkalling og møteledelse. Helse Midt-Norge RHF er ansvarlig for "
            "deltakelse fra vår region.");
  // A word hyphenated over a line end keeps its hyphen ("e-" + "helse").
  EXPECT_NE(plan.measures[16].title.find("Direktoratet for e-helse"), std::string::npos);
  // A paragraph broken by a page mid-sentence reads as one.
  EXPECT_NE(plan.measures[9].description.find("utviklingen i kulturen for informasjonssikkerhet og personvern, samt måle"),
            std::string::npos);
  // Periods as written, read into structure.
  auto wheel = parse_period(plan.measures[6].period);
  EXPECT_EQ(wheel.kind, PeriodKind::years);
  EXPECT_EQ(wheel.note, "Årshjul skal videreføres og kontinuerlig oppdateres");
}

TEST(ActionsImport, ResponsibleOrganisationsAreMatchedOrKeptWithAWarning) {
  auto plan = parse_action_plan(read_seed());
  auto reviewed = review_plan(plan, kOrgs, default_scale());
  ASSERT_EQ(reviewed.size(), 23u);
  EXPECT_EQ(reviewed[0].responsible.size(), 1u);
  EXPECT_EQ(reviewed[0].responsible[0].org_id, 1);
  EXPECT_TRUE(reviewed[4].responsible[1].each_trust);   // "… og de enkelte HF"
  EXPECT_EQ(reviewed[10].responsible[0].org_id, 6);    // "Hemit og de enkelte foretak avhengig av tiltak."
  EXPECT_TRUE(reviewed[10].responsible[1].each_trust);
  EXPECT_TRUE(reviewed[13].responsible[0].each_trust);  // "Hvert enkelt foretak"
  int unmatched = 0;
  for (const auto& w : plan.warnings) {
    EXPECT_FALSE(w.error) << w.message;
    if (w.message.find("er ingen enhet i Varde") != std::string::npos) {
      ++unmatched;
      EXPECT_TRUE(w.line == 634 || w.line == 673 || w.line == 714 || w.line == 739) << w.line << " " << w.message;
    }
  }
  EXPECT_EQ(unmatched, 4);  // Helse Sør-Øst RHF twice, De regionale helseforetakene twice
}

TEST(ActionsImport, TextWithoutMeasuresOrAreasIsAnError) {
  auto none = parse_action_plan("Dette er bare et brev.\n\nMed vennlig hilsen\n");
  ASSERT_TRUE(none.has_errors());
  EXPECT_TRUE(none.measures.empty());
  auto no_area = parse_action_plan("Et tiltak\n\nBeskrivelse: Noe\n\nStatus: Pågår\n");
  ASSERT_TRUE(no_area.has_errors());
  EXPECT_EQ(no_area.warnings[0].line, 3);
}

TEST(ActionsImport, MissingFieldsAndUnknownProgressAreNamedWithTheirLine) {
  const std::string text =
      "Plan for test\nPlanperiode: 2024-2025\n\n1.1 Første område\n\nIntro.\n\nEtt tiltak\n\nBeskrivelse: Gjør noe.\n\n"
      "Fremdrift: Nesten\n\nAnsvarlig: Hemit\n";
  auto plan = parse_action_plan(text);
  EXPECT_EQ(plan.title, "Plan for test");
  EXPECT_EQ(plan.period_text, "2024\xE2\x80\x93" "2025");
  ASSERT_EQ(plan.measures.size(), 1u);
  EXPECT_EQ(plan.measures[0].line, 8);
  review_plan(plan, kOrgs, default_scale());
  bool missing_period = false, bad_progress = false;
  for (const auto& w : plan.warnings) {
    if (w.message.find("mangler «Tidsperiode:»") != std::string::npos && w.line == 8) missing_period = true;
    if (w.message.find("Ukjent fremdrift «Nesten»") != std::string::npos && w.error) bad_progress = true;
  }
  EXPECT_TRUE(missing_period);
  EXPECT_TRUE(bad_progress);
}

TEST(ActionsImport, ReadsVardesMarkdownExport) {
  const std::string md =
      "# Handlingsplan for Helse Nord\n\n**Virksomhet:** Helse Nord RHF\n**Planperiode:** 2025\\-2026\n\n"
      "## 2\\.1 Styring\n\nOmrådets tekst.\n\n### Lage rutine\n\n**Beskrivelse:** Skriv rutinen.\n\n"
      "**Fremdrift:** Fullført\n\n**Status:** Ferdig i mars.\n\n**Tidsperiode:** 2025\n\n**Ansvarlig:** Helse Nord RHF\n\n"
      "## Vedlegg: Historikk\n\nNoe annet.\n";
  auto plan = parse_action_plan(md);
  ASSERT_FALSE(plan.has_errors());
  EXPECT_EQ(plan.title, "Handlingsplan for Helse Nord");
  ASSERT_EQ(plan.areas.size(), 1u);
  EXPECT_EQ(plan.areas[0].code, "2.1");
  ASSERT_EQ(plan.measures.size(), 1u);
  EXPECT_EQ(plan.measures[0].title, "Lage rutine");
  EXPECT_EQ(plan.measures[0].responsible, "Helse Nord RHF");
  auto reviewed = review_plan(plan, {}, default_scale());
  EXPECT_EQ(reviewed[0].status.code, "done");
  EXPECT_TRUE(reviewed[0].status.exact);
}

}  // namespace

// The export in the seed's layout reads back as the same plan: parse the
// seed, lay it out as a report, render it as Markdown, parse that.
#include "actions/plan_layout.hpp"
#include "reports/render.hpp"

namespace {

TEST(ActionsImport, TheExportedLayoutReadsBackAsTheSameMeasures) {
  auto seed = parse_action_plan(read_seed());
  auto reviewed = review_plan(seed, kOrgs, default_scale());
  Plan plan;
  plan.title = seed.title;
  plan.period_text = seed.period_text;
  plan.intro = seed.intro;
  plan.org_name = "Helse Midt-Norge RHF";
  int64_t id = 0;
  for (const auto& a : seed.areas) plan.areas.push_back({++id, 1, a.code, a.title, a.intro, static_cast<int>(id)});
  for (const auto& r : reviewed) {
    Measure m;
    m.id = ++id;
    for (const auto& a : plan.areas)
      if (a.code == r.parsed->area_code) m.area_id = a.id;
    m.title = r.parsed->title;
    m.description = r.parsed->description;
    m.status = r.status.code;
    m.status_text = r.parsed->status_text;
    m.period = r.period;
    m.responsible_text = r.parsed->responsible;
    m.updates.push_back({1, m.id, "2021-10-01", "import", std::nullopt, m.status, m.status_text});
    plan.measures.push_back(m);
  }
  const auto md = varde::reports::render_markdown(plan_document(plan, default_scale(), "1.12.2026 kl. 12.00"));
  auto back = parse_action_plan(md);
  ASSERT_FALSE(back.has_errors()) << back.warnings[0].message;
  EXPECT_EQ(back.title, seed.title);
  EXPECT_EQ(back.period_text, seed.period_text);
  ASSERT_EQ(back.areas.size(), seed.areas.size());
  for (std::size_t i = 0; i < seed.areas.size(); ++i) {
    EXPECT_EQ(back.areas[i].title, seed.areas[i].title);
    EXPECT_EQ(back.areas[i].intro, seed.areas[i].intro);
  }
  ASSERT_EQ(back.measures.size(), 23u);
  auto again = review_plan(back, kOrgs, default_scale());
  for (std::size_t i = 0; i < 23; ++i) {
    SCOPED_TRACE(seed.measures[i].title);
    EXPECT_EQ(back.measures[i].area_code, seed.measures[i].area_code);
    EXPECT_EQ(back.measures[i].title, seed.measures[i].title);
    EXPECT_EQ(back.measures[i].description, seed.measures[i].description);
    EXPECT_EQ(back.measures[i].status_text, seed.measures[i].status_text);
    EXPECT_EQ(back.measures[i].period, seed.measures[i].period);
    EXPECT_EQ(back.measures[i].responsible, seed.measures[i].responsible);
    EXPECT_EQ(again[i].status.code, reviewed[i].status.code);
    EXPECT_TRUE(again[i].status.exact);  // "Fremdrift:" names it outright
  }
}

}  // namespace
