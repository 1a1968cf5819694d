// Import of a trust's report on the commissioning document's requirements:
// the seed (a real PDF export) field by field, the same seed with more export
// noise, small inputs for each layout quirk, a clean rendering of the layout,
// and inputs that are no such report.
#include <gtest/gtest.h>

#include "shared_files.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <random>
#include <sstream>

#include "commission/import_report.hpp"

using namespace varde::commission;

namespace {

constexpr const char* kSeed = "krav-i-oppdragsdokument-2023.txt";
constexpr const char* kNoNumber = "kravet mangler nummer; gi det et nummer";

// The seeds are read where they are, beside the repository (../shared/seeds),
// never copied into it.
std::filesystem::path seed_path(const std::string& name) { return varde::test_files::shared_path("seeds", name); }

std::string read_seed(const std::string& name) {
  std::ifstream in(seed_path(name), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) out.push_back(line);
  return out;
}

std::string join_lines(const std::vector<std::string>& lines, const std::string& end = "\n") {
  std::string out;
  for (const auto& l : lines) out += l + end;
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

using P = ReportingPoint;
const std::set<ReportingPoint> kTertialsAndAnnual = {P::tertial1, P::tertial2, P::annual};
const std::set<ReportingPoint> kFirstAndAnnual = {P::tertial1, P::annual};

// What the seed says about one requirement.
struct Expected {
  std::optional<std::string> number;
  std::string chapter;
  int line;
  std::string text_starts;
  std::string text_ends;
  std::string applies_to;  // "Alle" or a trust code
  std::set<ReportingPoint> points;
  std::string points_raw;
  std::string reporting_starts;
  std::string reporting_ends;
  std::string deadline_phrase;  // "" when the text has none
  std::string deadline_date;    // proposed for the document's year
  bool deadline_yearly = false;
};

const std::vector<Expected>& seed_requirements() {
  static const std::vector<Expected> kExpected = {
      {"2", "3.0", 6, "Delta i utviklingen av helhetlig risikostyring og rapportere på risiko",
       "i tråd med vedtatte retningslinjer.", "Alle", kTertialsAndAnnual, "Tertialrapporter og Årlig melding",
       "Helse Nord IKT deltar aktivt i det regionale nettverket for risikostyring. I tertialrapportene for 2023 er det",
       "som anvendes internt i virksomheten.", "", "", false},
      {"27", "4.2", 25, "Oppdatere de lokale handlingsplanene (jf. NSMs grunnprinsipper for IKT-sikkerhet)",
       "det skal rapporteres fra forbedringsarbeidet.", "Alle", kTertialsAndAnnual,
       "Tertialrapporter og Årlig melding", "Handlingsplan er fulgt opp lokalt og oppdatert.",
       "Det er satt tiltak på dette, for kommende tertial.", "innen 3. april hvert år", "2023-04-03", true},
      {std::nullopt, "4.2", 42, "Utarbeide en årlig rapport i samarbeid med Norsk helsenett SF",
       "Erfaringer fra penetrasjonstesting og portskanningstester vil være relevant.", "HNIKT", kFirstAndAnnual,
       "1. tertial og Årlig melding", "Årets vurdering har utvidet arbeidsgruppen til å inkludere ressurser fra HelseCERT",
       "det er identifisert tiltak for 2. tertial for å redusere risiko tilknyttet dette.", "innen 1. juni hvert år",
       "2023-06-01", true},
      {"32", "4.3", 64, "Delta i arbeidet med å kartlegge og definere kritiske produkter",
       "for å ivareta forsyningssikkerhet.", "Alle", kTertialsAndAnnual, "Tertialrapporter og Årlig melding",
       "HN IKT vil delta aktivt i regionalt arbeid for forsyningssikkerhet.",
       "forventningsavklaring og milepælsplan kan utarbeides.", "", "", false},
      {"42", "5.1", 80, "Fortsette og forsterke arbeidet med å utvikle heltidskultur i helseforetakene.",
       "Det skal rapporteres på utviklingen i tertialoppfølgingsmøtet i juni 2023.", "Alle", kFirstAndAnnual,
       "1. tertial og Årlig melding", "Helse Nord IKT lyser bare ut 100% stillinger, altså fulltidsstillinger.",
       "så er dette utelukkende etter eget ønske.", "i juni 2023", "2023-06-01", false},
      {"43", "5.2", 95, "Utfase innleie av arbeidskraft og kjøp av vikartjenester",
       "utenfor rammeavtaler inngått av Sykehusinnkjøp", "Alle", kTertialsAndAnnual,
       "Tertialrapporter og Årlig melding",
       "Dette oppdraget har sammenheng med OD44 og vil påvirke HN IKT i sammenheng med innskjerping av innleie av "
       "arbeidskraft. Dette vil",
       "leier inn spesialkompetanse til avgrensede prosjekter.", "", "", false},
      {"44", "5.2", 109,
       "Innen 1. tertial skal foretakene innføre innskjerpet prosedyre for hvilke alternative løsninger",
       "eller kjøp av vikartjeneste fra byrå.", "Alle", kFirstAndAnnual, "1. tertial og Årlig melding",
       "Ny prosedyre forventes iverksatt i mai 2023.", "Ny prosedyre forventes iverksatt i mai 2023.",
       "Innen 1. tertial", "2023-04-30", false},
      {"45", "5.2", 123, "Delta i videreutvikling og testing av Clockwork som bestillingssystem for styring",
       "kjøp av vikartjenester fra byrå innen utgangen av 2023.", "Alle", kTertialsAndAnnual,
       "Tertialrapporter og Årlig melding", "HN IKT har deltatt i møter/aktiviteter i 1. tertial",
       "som del av den regionale arbeidsgruppen.", "innen utgangen av 2023", "2023-12-31", false},
      {"61", "7.2", 141, "Dokumentere utvikling i avtaledekning og avtalelojalitet.",
       "Dokumentere utvikling i avtaledekning og avtalelojalitet.", "Alle",
       {P::business_report, P::tertial1, P::tertial2, P::annual},
       "Virksomhetsrapport, tertialrapport og Årlig melding", "Clockwork gir mulighet for måling og rapportering",
       "Verktøysituasjonen er således en risiko for at målet ikke nås fullt ut.", "", "", false},
      {"62", "8.0", 156, "Helseforetakene skal aktivt forvalte og videreutvikle tjenesteavtaler, databehandleravtaler",
       "tydeliggjør ansvarsforholdene mellom helseforetakene i Helse Nord.", "Alle", kTertialsAndAnnual,
       "Tertialrapporter og Årlig melding", "Eksisterende tjenesteavtaler forvaltes som før",
       "Databehandleravtaler er oppdatert.", "", "", false},
      {"63", "8.0", 172,
       "Fortsette arbeidet med å overføre teknisk og merkantil forvaltning av IKT-systemer til Helse Nord IKT. "
       "Helseforetakene skal",
       "i tråd med prinsipper beskrevet i oppdragsdokumentet 2021 og direktørmøte sak 92-2022.", "Alle",
       kTertialsAndAnnual, "Tertialrapporter og Årlig melding",
       "Prosjekt for regional applikasjonsforvaltning er etablert med regional styringsgruppe.",
       "skal overføres fra helseforetakene til Helse Nord IKT.", "", "", false},
      {"64", "8.0", 192, "Videreføre arbeidet med å avklare drifts- og forvaltningsmodeller som sikrer",
       "og i nært samarbeid med HN RHF og sykehusforetakene.", "Alle", kTertialsAndAnnual,
       "Tertialrapporter og Årlig melding", "HN IKT samarbeider med medisinsk tekniske avdeling (MTA)",
       "Her benytter vi også referanser fra de andre regionene.", "", "", false},
      {"67", "8.0", 209, "Levere samlet rapportering av status i foretakets IKT-portefølje. I tillegg",
       "tilsvarende status for IKT-prosjekter eid av Helse Nord RHF.", "HNIKT", kTertialsAndAnnual,
       "Tertialrapporter og Årlig melding", "HN IKT har utarbeidet forslag til hvordan oppdraget kan løses.",
       "implementere samlet rapportering for regionen når dette er avklart.", "", "", false},
  };
  return kExpected;
}

std::string joined(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) out += (out.empty() ? "" : "\n\n") + p;
  return out;
}

// Every field of every requirement as the seed has it. `check_lines` is off
// for variants of the seed whose noise added lines.
void expect_seed_requirements(const ParsedReport& report, bool check_lines) {
  const auto& expected = seed_requirements();
  ASSERT_EQ(report.requirements.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& e = expected[i];
    const auto& r = report.requirements[i];
    SCOPED_TRACE("requirement " + e.number.value_or("without number") + " at line " + std::to_string(e.line));
    EXPECT_EQ(r.number, e.number);
    EXPECT_EQ(r.chapter_code, e.chapter);
    if (check_lines) {
      EXPECT_EQ(r.line, e.line);
    }
    ASSERT_EQ(r.text.size(), 1u) << joined(r.text);
    EXPECT_TRUE(starts_with(r.text[0], e.text_starts)) << r.text[0];
    EXPECT_TRUE(ends_with(r.text[0], e.text_ends)) << r.text[0];
    EXPECT_EQ(r.applies_to_raw, e.applies_to);
    if (e.applies_to == "Alle") {
      EXPECT_TRUE(r.applies_to_all);
      EXPECT_TRUE(r.applies_to.empty());
    } else {
      EXPECT_FALSE(r.applies_to_all);
      EXPECT_EQ(r.applies_to, std::vector<std::string>{e.applies_to});
    }
    EXPECT_EQ(r.reporting_points, e.points);
    EXPECT_EQ(r.reporting_points_raw, e.points_raw);
    EXPECT_TRUE(r.has_reporting_label);
    ASSERT_FALSE(r.reporting_text.empty());
    EXPECT_TRUE(starts_with(r.reporting_text.front(), e.reporting_starts)) << r.reporting_text.front();
    EXPECT_TRUE(ends_with(r.reporting_text.back(), e.reporting_ends)) << r.reporting_text.back();
    if (e.deadline_phrase.empty()) {
      EXPECT_TRUE(r.deadlines.empty()) << r.deadlines.front().phrase;
    } else {
      ASSERT_EQ(r.deadlines.size(), 1u);
      EXPECT_EQ(r.deadlines[0].phrase, e.deadline_phrase);
      EXPECT_EQ(r.deadlines[0].proposed_date(report.year.value_or(0)), e.deadline_date);
      EXPECT_EQ(r.deadlines[0].yearly, e.deadline_yearly);
    }
  }
}

void expect_seed_chapters(const ParsedReport& report, bool check_lines) {
  struct Chapter {
    std::string code, title;
    int line;
    std::size_t general_paragraphs;
  };
  const std::vector<Chapter> expected = {
      {"3.0", "Vår felles helsetjeneste - felles krav for alle tjenesteområder", 4, 0},
      {"4.2", "Informasjonssikkerhet og personvern", 22, 0},
      {"4.3", "Beredskap", 62, 0},
      {"5.1", "Sikre gode arbeidsforhold", 78, 0},
      {"5.2", "Tilstrekkelig kvalifisert personell", 93, 0},
      {"7.2", "Anskaffelsesområdet", 139, 0},
      {"8.0", "Teknologi", 154, 0},
      {"11", "Risikostyring", 226, 3},
      {"12", "Oppfølging og rapportering", 237, 2},
  };
  ASSERT_EQ(report.chapters.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("chapter " + expected[i].code);
    EXPECT_EQ(report.chapters[i].code, expected[i].code);
    EXPECT_EQ(report.chapters[i].title, expected[i].title);
    if (check_lines) {
      EXPECT_EQ(report.chapters[i].line, expected[i].line);
    }
    EXPECT_EQ(report.chapters[i].general_text.size(), expected[i].general_paragraphs);
  }
}

ParsedReport parse_seed_variant(const std::function<std::string(std::vector<std::string>)>& change) {
  return parse_commission_report(change(split_lines(read_seed(kSeed))));
}

}  // namespace

// ----- the seed, field by field

class ImportReportSeed : public ::testing::Test {
 protected:
  void SetUp() override {
    raw_ = read_seed(kSeed);
    ASSERT_FALSE(raw_.empty()) << "seed not found at " << seed_path(kSeed);
    report_ = parse_commission_report(raw_);
  }
  std::string raw_;
  ParsedReport report_;
};

TEST_F(ImportReportSeed, TitleAndYear) {
  EXPECT_EQ(report_.title, "Krav i oppdragsdokument 2023");
  EXPECT_EQ(report_.year, 2023);
  EXPECT_FALSE(report_.has_errors());
}

TEST_F(ImportReportSeed, EveryRequirementFieldByField) { expect_seed_requirements(report_, true); }

TEST_F(ImportReportSeed, ThirteenRequirementsInSevenChaptersAndTwoGeneralChapters) {
  expect_seed_chapters(report_, true);
  std::set<std::string> with_requirements;
  for (const auto& r : report_.requirements) with_requirements.insert(r.chapter_code);
  EXPECT_EQ(report_.requirements.size(), 13u);
  EXPECT_EQ(with_requirements, (std::set<std::string>{"3.0", "4.2", "4.3", "5.1", "5.2", "7.2", "8.0"}));
  // Chapters 11 and 12 hold prose and no requirements.
  EXPECT_EQ(with_requirements.count("11") + with_requirements.count("12"), 0u);
}

TEST_F(ImportReportSeed, GeneralChaptersKeepTheirParagraphs) {
  const auto& risk = report_.chapters[7];
  ASSERT_EQ(risk.general_text.size(), 3u);
  EXPECT_TRUE(starts_with(risk.general_text[0], "Helse Nord RHF ber helseforetakene om å legge ved oversikt"));
  EXPECT_TRUE(ends_with(risk.general_text[0], "jf mal sendt til nettverk for risikostyring."));
  EXPECT_EQ(risk.general_text[1], "Risikovurderinger og tiltak bes oversendt som vedlegg til tertialrapport.");
  EXPECT_TRUE(ends_with(risk.general_text[2], "som helseforetakene ønsker å orientere Helse Nord RHF om."));
  const auto& follow_up = report_.chapters[8];
  ASSERT_EQ(follow_up.general_text.size(), 2u);
  EXPECT_EQ(follow_up.general_text[0],
            "Alle krav for 2023 skal rapporteres i tråd med egen mal for tertialrapport og årlig melding.");
  EXPECT_EQ(follow_up.general_text[1], "Rapporteringsfrister fremgår av Oppdragsdokument for 2023.");
}

TEST_F(ImportReportSeed, TheUnnumberedRequirementIsImportedWithAWarningAtItsLine) {
  ASSERT_EQ(report_.warnings.size(), 1u);
  const auto& w = report_.warnings[0];
  EXPECT_EQ(w.line, 42);
  EXPECT_EQ(w.severity, Severity::warning);
  EXPECT_EQ(w.message, kNoNumber);
  // The line really is where its text begins in the file given.
  const auto lines = split_lines(raw_);
  EXPECT_NE(lines[w.line - 1].find("Utarbeide en årlig rapport"), std::string::npos);
  // And requirement 27's reporting text stops where that requirement starts.
  const auto& r27 = report_.requirements[1];
  ASSERT_EQ(r27.reporting_text.size(), 1u);
  EXPECT_EQ(r27.reporting_text[0].find("Utarbeide"), std::string::npos);
}

TEST_F(ImportReportSeed, TextsMendBrokenLinesAndKeepParagraphs) {
  const auto& r = report_.requirements;
  // Broken over a blank line mid-sentence (44, 45, 63, 64 in the seed).
  EXPECT_NE(r[6].text[0].find("innskjerpet prosedyre for hvilke alternative"), std::string::npos);
  EXPECT_NE(r[7].text[0].find("Clockwork som bestillingssystem for styring"), std::string::npos);
  EXPECT_NE(r[10].text[0].find("merkantil forvaltning av IKT-systemer"), std::string::npos);
  EXPECT_NE(r[11].text[0].find("drifts- og forvaltningsmodeller"), std::string::npos);
  // Hyphens at line ends: a compound ("risiko- og"), a word (IKT-portefølje).
  EXPECT_NE(r[2].text[0].find("risiko- og sårbarhetsvurderinger"), std::string::npos);
  EXPECT_NE(r[12].text[0].find("IKT-portefølje. I tillegg"), std::string::npos);
  // Double spaces collapsed.
  EXPECT_NE(r[5].reporting_text[0].find("arbeidskraft. Dette vil"), std::string::npos);
  // 61 has three reporting paragraphs; the chapter heading after them is no text.
  ASSERT_EQ(r[8].reporting_text.size(), 3u);
  EXPECT_EQ(r[8].reporting_text[1],
            "HN IKT er i dialog med Agresso for å få inn en løsning som kan brukes til å dokumentere utviklingen for "
            "tjenestekjøp.");
  // No reporting text runs into the next chapter or requirement.
  for (const auto& req : r)
    for (const auto& p : req.reporting_text) {
      EXPECT_EQ(p.find("Teknologi"), std::string::npos) << p;
      EXPECT_EQ(p.find("Risikostyring"), std::string::npos) << p;
      EXPECT_EQ(p.find("Rapporteringstekst"), std::string::npos) << p;
    }
}

TEST_F(ImportReportSeed, DeadlinesAreFoundOnlyInRequirementTexts) {
  // 44's reporting text says "i mai 2023"; a trust's plan is no deadline.
  std::size_t total = 0;
  for (const auto& r : report_.requirements) total += r.deadlines.size();
  EXPECT_EQ(total, 5u);
}

// ----- the seed with more export noise: the same result

TEST(ImportReportSeedVariants, CrLfLineEnds) {
  const auto report = parse_seed_variant([](auto lines) { return join_lines(lines, "\r\n"); });
  EXPECT_EQ(report.title, "Krav i oppdragsdokument 2023");
  expect_seed_requirements(report, true);
  expect_seed_chapters(report, true);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].line, 42);
}

TEST(ImportReportSeedVariants, NoBreakSpacesAndSoftHyphens) {
  const auto report = parse_seed_variant([](auto lines) {
    std::string text = join_lines(lines);
    for (const std::string word : {"Alle Tertialrapporter", "1. tertial", "3. april", "Helse Nord IKT"}) {
      std::string with_nbsp = word;
      with_nbsp.replace(with_nbsp.find(' '), 1, "\xC2\xA0");
      for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1))
        text.replace(at, word.size(), with_nbsp);
    }
    const std::string word = "informasjonssikkerheten";
    text.replace(text.find(word), word.size(), "informasjons\xC2\xADsikkerheten");
    return text;
  });
  expect_seed_requirements(report, true);
  expect_seed_chapters(report, true);
}

TEST(ImportReportSeedVariants, UnnumberedRequirementFoundWithoutTheStraySpace) {
  // Without the export's stray space the split falls back on the narrower
  // column of requirement text after a sentence end.
  const auto report = parse_seed_variant([](auto lines) {
    lines[41].erase(0, 1);
    return join_lines(lines);
  });
  expect_seed_requirements(report, true);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].line, 42);
}

TEST(ImportReportSeedVariants, PageBreaksHeadersFootersAndPageNumbers) {
  const auto report = parse_seed_variant([](std::vector<std::string> lines) {
    // Page breaks in five places, each with a footer, a page number that
    // counts the pages and a running header.
    const std::vector<std::size_t> breaks_after = {20, 60, 107, 137, 189};  // 0-based blank lines of the seed
    std::vector<std::string> out = {"Helse Nord IKT HF – rapportering 2023"};
    int page = 1;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      out.push_back(lines[i]);
      if (std::find(breaks_after.begin(), breaks_after.end(), i) != breaks_after.end()) {
        out.push_back("Side " + std::to_string(page) + " av 6");
        out.push_back("\fHelse Nord IKT HF – rapportering 2023");
        ++page;
      }
    }
    out.push_back("Side 6 av 6");
    // And a page number that splits a sentence of requirement 64.
    auto at = std::find(out.begin(), out.end(), "medisinsk utstyr og eventuelt driftstekniske IKT systemer ");
    out.insert(at + 1, {"", "5", ""});
    return join_lines(out);
  });
  EXPECT_EQ(report.title, "Krav i oppdragsdokument 2023");
  expect_seed_requirements(report, false);
  expect_seed_chapters(report, false);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].message, kNoNumber);
}

// ----- small inputs, one quirk each

namespace {

const char* kTwoRequirements =
    "Krav i oppdragsdokument 2024:\n"
    "\n"
    "4.2 Informasjonssikkerhet og personvern\n"
    "\n"
    "27\n"
    "\n"
    "Oppdatere handlingsplanen innen 3. april hvert år.\n"
    "\n"
    "Alle Tertialrapporter og\n"
    "Årlig melding\n"
    "\n"
    "Rapporteringstekst:\n"
    "Planen er oppdatert.\n"
    "\n"
    "28 Gjennomføre øvelse.\n"
    "\n"
    "HNIKT 1. tertial og Årlig\n"
    "melding\n"
    "\n"
    "Rapporteringstekst:\n"
    "Øvelsen er holdt.\n";

}  // namespace

TEST(ImportReport, NumberAloneOnALineAndGluedToTheText) {
  const auto report = parse_commission_report(kTwoRequirements);
  EXPECT_TRUE(report.warnings.empty());
  EXPECT_EQ(report.year, 2024);
  ASSERT_EQ(report.requirements.size(), 2u);
  EXPECT_EQ(report.requirements[0].number, "27");
  EXPECT_EQ(report.requirements[0].line, 5);
  EXPECT_EQ(report.requirements[0].text, std::vector<std::string>{"Oppdatere handlingsplanen innen 3. april hvert år."});
  EXPECT_EQ(report.requirements[0].deadlines.at(0).proposed_date(2024), "2024-04-03");
  EXPECT_EQ(report.requirements[1].number, "28");
  EXPECT_EQ(report.requirements[1].line, 15);
  EXPECT_EQ(report.requirements[1].text, std::vector<std::string>{"Gjennomføre øvelse."});
  EXPECT_EQ(report.requirements[1].applies_to, std::vector<std::string>{"HNIKT"});
  EXPECT_EQ(report.requirements[1].reporting_points, kFirstAndAnnual);
  EXPECT_EQ(report.requirements[1].reporting_text, std::vector<std::string>{"Øvelsen er holdt."});
}

TEST(ImportReport, CrLfAndNoBreakSpaces) {
  std::string text;
  for (const auto& line : split_lines(kTwoRequirements)) text += line + "\r\n";
  for (auto at = text.find("Alle "); at != std::string::npos; at = text.find("Alle ", at + 1))
    text.replace(at + 4, 1, "\xC2\xA0");
  const auto report = parse_commission_report(text);
  EXPECT_TRUE(report.warnings.empty());
  ASSERT_EQ(report.requirements.size(), 2u);
  EXPECT_TRUE(report.requirements[0].applies_to_all);
  EXPECT_EQ(report.requirements[0].reporting_points, kTertialsAndAnnual);
  EXPECT_EQ(report.requirements[1].line, 15);
}

TEST(ImportReport, PageNumberInsideARequirementsText) {
  const auto report = parse_commission_report(
      "Krav 2023\n"
      "\n"
      "5.2 Personell\n"
      "\n"
      "44 Innen 1. tertial skal foretakene innføre en\n"
      "\n"
      "7\n"
      "\n"
      "prosedyre for innleie.\n"
      "\n"
      "Alle 1. tertial og Årlig melding\n"
      "\n"
      "Rapporteringstekst:\n"
      "Ny prosedyre i mai.\n");
  ASSERT_EQ(report.requirements.size(), 1u);
  EXPECT_EQ(report.requirements[0].text,
            std::vector<std::string>{"Innen 1. tertial skal foretakene innføre en prosedyre for innleie."});
  EXPECT_EQ(report.requirements[0].deadlines.at(0).proposed_date(2023), "2023-04-30");
}

TEST(ImportReport, LineBrokenMidSentenceAndRealParagraphs) {
  const auto report = parse_commission_report(
      "Krav 2023\n"
      "8.0 Teknologi\n"
      "63 Fortsette arbeidet med å overføre teknisk og merkantil\n"
      "\n"
      "forvaltning av IKT-\n"
      "systemer.\n"
      "\n"
      "Alle Tertialrapporter og Årlig melding\n"
      "Rapporteringstekst:\n"
      "Første avsnitt går\n"
      "over to linjer.\n"
      "\n"
      "Andre avsnitt.\n");
  ASSERT_EQ(report.requirements.size(), 1u);
  EXPECT_EQ(report.requirements[0].text,
            std::vector<std::string>{
                "Fortsette arbeidet med å overføre teknisk og merkantil forvaltning av IKT-systemer."});
  EXPECT_EQ(report.requirements[0].reporting_text,
            (std::vector<std::string>{"Første avsnitt går over to linjer.", "Andre avsnitt."}));
}

TEST(ImportReport, MissingNumberBetweenTwoRequirements) {
  const auto report = parse_commission_report(
      "Krav 2023\n"                                   // 1
      "4.2 Informasjonssikkerhet\n"                   // 2
      "27\n"                                          // 3
      "Oppdatere planen.\n"                           // 4
      "Alle Tertialrapporter og Årlig melding\n"      // 5
      "Rapporteringstekst:\n"                         // 6
      "Planen er oppdatert og fulgt opp i hele foretaket, med tiltak for neste tertial.\n"  // 7
      " Lage en rapport om trusler\n"                 // 8: stray space opens a new text box
      "innen 1. juni hvert år.\n"                     // 9
      "\n"                                            // 10
      "HNIKT 1. tertial og Årlig melding\n"           // 11
      "\n"                                            // 12
      "Rapporteringstekst:\n"                         // 13
      "Rapporten er i arbeid.\n");                    // 14
  ASSERT_EQ(report.requirements.size(), 2u);
  const auto& lost = report.requirements[1];
  EXPECT_FALSE(lost.number.has_value());
  EXPECT_EQ(lost.line, 8);
  EXPECT_EQ(lost.chapter_code, "4.2");
  EXPECT_EQ(lost.text, std::vector<std::string>{"Lage en rapport om trusler innen 1. juni hvert år."});
  EXPECT_EQ(lost.deadlines.at(0).proposed_date(2023), "2023-06-01");
  EXPECT_EQ(report.requirements[0].reporting_text,
            std::vector<std::string>{"Planen er oppdatert og fulgt opp i hele foretaket, med tiltak for neste tertial."});
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].line, 8);
  EXPECT_EQ(report.warnings[0].message, kNoNumber);
  EXPECT_FALSE(report.has_errors());
}

TEST(ImportReport, MissingNumberAfterAHeadingOrABlankLine) {
  const auto report = parse_commission_report(
      "Krav 2023\n"                                   // 1
      "\n"                                            // 2
      "5.1 Arbeidsforhold\n"                          // 3
      "\n"                                            // 4
      "Utvikle heltidskultur.\n"                      // 5
      "\n"                                            // 6
      "Alle Tertialrapporter og Årlig melding\n"      // 7
      "\n"                                            // 8
      "Rapporteringstekst:\n"                         // 9
      "Vi lyser ut hele stillinger.\n"                // 10
      "\n"                                            // 11
      "Utfase innleie av\n"                           // 12
      "\n"                                            // 13
      "arbeidskraft.\n"                               // 14
      "\n"                                            // 15
      "Alle Tertialrapporter og Årlig melding\n"      // 16
      "\n"                                            // 17
      "Rapporteringstekst:\n"                         // 18
      "Gjort.\n");                                    // 19
  ASSERT_EQ(report.requirements.size(), 2u);
  EXPECT_EQ(report.requirements[0].text, std::vector<std::string>{"Utvikle heltidskultur."});
  EXPECT_EQ(report.requirements[0].line, 5);
  EXPECT_EQ(report.requirements[0].chapter_code, "5.1");
  EXPECT_EQ(report.requirements[0].reporting_text, std::vector<std::string>{"Vi lyser ut hele stillinger."});
  EXPECT_EQ(report.requirements[1].text, std::vector<std::string>{"Utfase innleie av arbeidskraft."});
  EXPECT_EQ(report.requirements[1].line, 12);
  ASSERT_EQ(report.warnings.size(), 2u);
  EXPECT_EQ(report.warnings[0].line, 5);
  EXPECT_EQ(report.warnings[1].line, 12);
  for (const auto& w : report.warnings) EXPECT_EQ(w.message, kNoNumber);
}

TEST(ImportReport, AppliesToAndPointsOnTheTextLineAndWrappedOverThreeLines) {
  const auto report = parse_commission_report(
      "Krav 2023\n"
      "7.2 Anskaffelser\n"
      "\n"
      "61 Dokumentere avtaledekning. Alle Virksomhetsrapport,\n"
      "tertialrapport og\n"
      "Årlig melding\n"
      "\n"
      "Rapporteringstekst: Clockwork gir tall.\n"
      "\n"
      "Mer om dette.\n");
  ASSERT_EQ(report.requirements.size(), 1u);
  const auto& r = report.requirements[0];
  EXPECT_EQ(r.number, "61");
  EXPECT_EQ(r.line, 4);
  EXPECT_EQ(r.text, std::vector<std::string>{"Dokumentere avtaledekning."});
  EXPECT_TRUE(r.applies_to_all);
  EXPECT_EQ(r.reporting_points_raw, "Virksomhetsrapport, tertialrapport og Årlig melding");
  EXPECT_EQ(r.reporting_points, (std::set<ReportingPoint>{P::business_report, P::tertial1, P::tertial2, P::annual}));
  // Text on the label's own line is the first reporting paragraph.
  EXPECT_EQ(r.reporting_text, (std::vector<std::string>{"Clockwork gir tall.", "Mer om dette."}));
}

TEST(ImportReport, SeveralTrustCodes) {
  const auto report = parse_commission_report(
      "Krav 2023\n4.3 Beredskap\n\n32\nDelta i arbeidet.\n\nUNN, NLSH og FH 2. tertial\n\nRapporteringstekst:\nOk.\n");
  ASSERT_EQ(report.requirements.size(), 1u);
  EXPECT_EQ(report.requirements[0].applies_to_raw, "UNN, NLSH og FH");
  EXPECT_EQ(report.requirements[0].applies_to, (std::vector<std::string>{"UNN", "NLSH", "FH"}));
  EXPECT_EQ(report.requirements[0].reporting_points, std::set<ReportingPoint>{P::tertial2});
}

TEST(ImportReport, RequirementWithoutReportingTextLabel) {
  const auto report = parse_commission_report(
      "Krav 2023\n4.3 Beredskap\n\n32\nDelta i arbeidet.\n\nAlle Tertialrapporter og Årlig melding\n\n"
      "33\nNeste krav.\n\nAlle Årlig melding\n\nRapporteringstekst:\nOk.\n");
  ASSERT_EQ(report.requirements.size(), 2u);
  EXPECT_FALSE(report.requirements[0].has_reporting_label);
  EXPECT_TRUE(report.requirements[0].reporting_text.empty());
  EXPECT_EQ(report.requirements[1].number, "33");
  EXPECT_EQ(report.requirements[1].reporting_points, std::set<ReportingPoint>{P::annual});
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].line, 7);
  EXPECT_EQ(report.warnings[0].message, "kravet mangler «Rapporteringstekst:»");
}

TEST(ImportReport, DuplicateNumbersAndRequirementsOutsideChaptersAreWarned) {
  const auto report = parse_commission_report(
      "Krav 2023\n\n27\nEn.\n\nAlle Årlig melding\n\nRapporteringstekst:\nA.\n\n"
      "27\nTo.\n\nAlle Årlig melding\n\nRapporteringstekst:\nB.\n");
  ASSERT_EQ(report.requirements.size(), 2u);
  std::vector<std::string> messages;
  for (const auto& w : report.warnings) messages.push_back(std::to_string(w.line) + ": " + w.message);
  EXPECT_EQ(messages, (std::vector<std::string>{"3: kravet står ikke under noe kapittel",
                                                "11: kravet står ikke under noe kapittel",
                                                "11: kravnummer 27 er brukt før, på linje 3"}));
}

TEST(ImportReport, StrayReportingLabelIsWarned) {
  const auto report = parse_commission_report(
      "Krav 2023\n4.2 Sikkerhet\n27\nEn.\nAlle Årlig melding\nRapporteringstekst:\nA.\n\n"
      "Rapporteringstekst:\nB.\n");
  ASSERT_EQ(report.requirements.size(), 1u);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].line, 9);
  EXPECT_TRUE(starts_with(report.warnings[0].message, "«Rapporteringstekst:» uten krav foran"));
}

TEST(ImportReport, UnknownTextBeforeTheFirstChapterIsWarned) {
  const auto report = parse_commission_report(
      "Krav 2023\nPeriode: 1. tertial 2023\n\nEn innledning uten mening her\n\n4.2 Sikkerhet\n27\nEn.\n"
      "Alle Årlig melding\nRapporteringstekst:\nA.\n");
  ASSERT_EQ(report.requirements.size(), 1u);
  ASSERT_EQ(report.metadata.size(), 1u);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].line, 4);
  EXPECT_EQ(report.warnings[0].message, "teksten før første kapittel ble ikke gjenkjent og er ikke tatt med");
}

TEST(ImportReport, TitleWithoutYearIsWarned) {
  const auto report = parse_commission_report("Krav i oppdragsdokument\n4.2 Sikkerhet\n27\nEn.\nAlle Årlig melding\n");
  ASSERT_EQ(report.requirements.size(), 1u);
  EXPECT_FALSE(report.year.has_value());
  ASSERT_FALSE(report.warnings.empty());
  EXPECT_EQ(report.warnings[0].line, 1);
  EXPECT_EQ(report.warnings[0].message, "fant ikke årstallet i tittelen «Krav i oppdragsdokument»");
}

// ----- the clean layout the report renderer writes

TEST(ImportReport, CleanLayoutParsesWithoutWarnings) {
  const std::string clean =
      "Krav i oppdragsdokument 2025\n"
      "\n"
      "Virksomhet: Helse Nord IKT\n"
      "Periode: 1. tertial 2025\n"
      "Generert: 23.11.2025 kl. 19.47\n"
      "Klassifisering: Intern\n"
      "\n"
      "3.0 Vår felles helsetjeneste\n"
      "\n"
      "2\n"
      "Delta i utviklingen av helhetlig risikostyring.\n"
      "\n"
      "Alle Tertialrapporter og Årlig melding\n"
      "\n"
      "Rapporteringstekst:\n"
      "Vi deltar.\n"
      "\n"
      "4.2 Informasjonssikkerhet og personvern\n"
      "\n"
      "27\n"
      "Oppdatere handlingsplanen innen 3. april hvert år.\n"
      "\n"
      "Alle Tertialrapporter og Årlig melding\n"
      "\n"
      "Måloppnåelse: Delvis oppnådd\n"
      "\n"
      "Rapporteringstekst:\n"
      "Oppdatert.\n"
      "\n"
      "Nye tiltak er satt.\n"
      "\n"
      "28\n"
      "Utarbeide en rapport om trusler innen 1. juni hvert år.\n"
      "\n"
      "HNIKT 1. tertial og Årlig melding\n"
      "\n"
      "Rapporteringstekst:\n"
      "\n"
      "7.2 Anskaffelsesområdet\n"
      "\n"
      "61\n"
      "Dokumentere utvikling i avtaledekning.\n"
      "\n"
      "Alle Virksomhetsrapport, tertialrapport og Årlig melding\n"
      "\n"
      "Rapporteringstekst:\n"
      "Måles i Clockwork.\n"
      "\n"
      "11 Risikostyring\n"
      "\n"
      "Legg ved oversikt over risikovurderinger.\n"
      "\n"
      "12 Oppfølging og rapportering\n"
      "\n"
      "Alle krav rapporteres i egen mal.\n";
  const auto report = parse_commission_report(clean);
  EXPECT_TRUE(report.warnings.empty()) << report.warnings.front().message;
  EXPECT_EQ(report.title, "Krav i oppdragsdokument 2025");
  EXPECT_EQ(report.year, 2025);
  ASSERT_EQ(report.chapters.size(), 5u);
  EXPECT_EQ(report.chapters[3].code, "11");
  EXPECT_EQ(report.chapters[3].general_text, std::vector<std::string>{"Legg ved oversikt over risikovurderinger."});
  EXPECT_EQ(report.chapters[4].general_text, std::vector<std::string>{"Alle krav rapporteres i egen mal."});
  ASSERT_EQ(report.requirements.size(), 4u);
  const std::vector<std::string> numbers = {"2", "27", "28", "61"};
  const std::vector<std::string> chapters = {"3.0", "4.2", "4.2", "7.2"};
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    EXPECT_EQ(report.requirements[i].number, numbers[i]);
    EXPECT_EQ(report.requirements[i].chapter_code, chapters[i]);
    EXPECT_EQ(report.requirements[i].text.size(), 1u);
    EXPECT_TRUE(report.requirements[i].has_reporting_label);
  }
  EXPECT_EQ(report.requirements[1].reporting_text, (std::vector<std::string>{"Oppdatert.", "Nye tiltak er satt."}));
  // The renderer's fields: the report's metadata and a requirement's status.
  ASSERT_EQ(report.metadata.size(), 4u);
  EXPECT_EQ(report.metadata[0].label, "Virksomhet");
  EXPECT_EQ(report.metadata[0].value, "Helse Nord IKT");
  EXPECT_EQ(report.metadata[0].line, 3);
  EXPECT_EQ(report.metadata[2].value, "23.11.2025 kl. 19.47");
  ASSERT_EQ(report.requirements[1].fields.size(), 1u);
  EXPECT_EQ(report.requirements[1].fields[0].label, "Måloppnåelse");
  EXPECT_EQ(report.requirements[1].fields[0].value, "Delvis oppnådd");
  EXPECT_TRUE(report.requirements[0].fields.empty());
  // An empty reporting text (not written yet) is fine.
  EXPECT_TRUE(report.requirements[2].reporting_text.empty());
  EXPECT_EQ(report.requirements[2].applies_to, std::vector<std::string>{"HNIKT"});
  EXPECT_EQ(report.requirements[2].deadlines.at(0).proposed_date(2025), "2025-06-01");
  EXPECT_EQ(report.requirements[3].reporting_text, std::vector<std::string>{"Måles i Clockwork."});
}

// ----- reporting points

TEST(ImportReportPoints, PhrasesOfTheSeedAndTheirKin) {
  EXPECT_EQ(parse_reporting_points("Tertialrapporter og Årlig melding"), kTertialsAndAnnual);
  EXPECT_EQ(parse_reporting_points("1. tertial og Årlig melding"), kFirstAndAnnual);
  EXPECT_EQ(parse_reporting_points("Virksomhetsrapport, tertialrapport og Årlig melding"),
            (std::set<ReportingPoint>{P::business_report, P::tertial1, P::tertial2, P::annual}));
  EXPECT_EQ(parse_reporting_points("tertialrapport"), (std::set<ReportingPoint>{P::tertial1, P::tertial2}));
  EXPECT_EQ(parse_reporting_points("2. tertial"), std::set<ReportingPoint>{P::tertial2});
  EXPECT_EQ(parse_reporting_points("1. og 2. tertial"), (std::set<ReportingPoint>{P::tertial1, P::tertial2}));
  EXPECT_EQ(parse_reporting_points("ÅRLIG MELDING"), std::set<ReportingPoint>{P::annual});
}

TEST(ImportReportPoints, CutOffOrForeignPhrasesAreRefused) {
  EXPECT_FALSE(parse_reporting_points("Tertialrapporter og"));
  EXPECT_FALSE(parse_reporting_points("1. tertial og Årlig"));
  EXPECT_FALSE(parse_reporting_points("Virksomhetsrapport,"));
  EXPECT_FALSE(parse_reporting_points("melding"));
  EXPECT_FALSE(parse_reporting_points("og Årlig melding"));
  EXPECT_FALSE(parse_reporting_points("Tertialrapporter og kvartalsrapport"));
  EXPECT_FALSE(parse_reporting_points(""));
}

// ----- text that is no such report

TEST(ImportReport, EmptyTextIsAnError) {
  for (const std::string text : {"", "\n\n", " \r\n\t\n\f"}) {
    const auto report = parse_commission_report(text);
    EXPECT_TRUE(report.has_errors());
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_EQ(report.warnings[0].message, "teksten er tom");
    EXPECT_TRUE(report.requirements.empty());
    EXPECT_TRUE(report.chapters.empty());
  }
}

TEST(ImportReport, TextThatIsNoReportIsAnErrorWithNothingToCreate) {
  const std::vector<std::string> texts = {
      "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit.\n12\n",
      "1 Innledning\nDette dokumentet beskriver mål og strategi.\n\n2 Formål\nAlle skal kjenne reglene.\n",
      "Alle Tertialrapporter og Årlig melding\nmen dette er bare en setning om rapporter.\n",
      std::string("\x00\x01\xFF\xFE bin\xC3\xA6rt \x80\x80", 15),
  };
  for (const auto& text : texts) {
    const auto report = parse_commission_report(text);
    EXPECT_TRUE(report.has_errors()) << text;
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_TRUE(starts_with(report.warnings[0].message, "fant ingen krav")) << report.warnings[0].message;
    EXPECT_TRUE(report.requirements.empty());
    EXPECT_TRUE(report.chapters.empty());
    EXPECT_TRUE(report.title.empty());
  }
}

TEST(ImportReport, TheOtherSeedIsNoReport) {
  const std::string other = read_seed("maal-strategi-og-handlingsplan.txt");
  ASSERT_FALSE(other.empty());
  const auto report = parse_commission_report(other);
  EXPECT_TRUE(report.has_errors());
  EXPECT_TRUE(report.requirements.empty());
}

namespace {

// What any result must satisfy, whatever the input: warnings point into the
// text, an error leaves nothing to create, requirements are whole.
void expect_coherent(const std::string& text, const ParsedReport& report) {
  // A lone CR ends a line too.
  const auto line_count =
      static_cast<int>(std::count(text.begin(), text.end(), '\n') + std::count(text.begin(), text.end(), '\r')) + 1;
  for (const auto& w : report.warnings) {
    EXPECT_GE(w.line, 0);
    EXPECT_LE(w.line, line_count);
    EXPECT_FALSE(w.message.empty());
  }
  if (report.has_errors()) {
    EXPECT_TRUE(report.requirements.empty());
    EXPECT_TRUE(report.chapters.empty());
  } else {
    EXPECT_FALSE(report.requirements.empty());
  }
  for (const auto& r : report.requirements) {
    EXPECT_FALSE(r.reporting_points.empty());
    EXPECT_TRUE(r.applies_to_all || !r.applies_to.empty());
    EXPECT_GE(r.line, 1);
    EXPECT_LE(r.line, line_count);
    if (r.number) {
      EXPECT_FALSE(r.number->empty());
      EXPECT_TRUE(std::all_of(r.number->begin(), r.number->end(), [](char c) { return c >= '0' && c <= '9'; }));
    }
  }
}

}  // namespace

TEST(ImportReport, ShuffledLayoutWordsNeverBreakTheParser) {
  // Random lines made of the layout's own words, numbers and noise.
  const std::vector<std::string> pieces = {
      "Alle", "HNIKT", "Tertialrapporter", "og", "Årlig", "melding", "1.", "tertial", "Rapporteringstekst:",
      "27", "4.2", "11", "Risikostyring", "Delta", "i", "arbeidet.", "innen", "3.", "april", "hvert", "år",
      "Virksomhetsrapport,", "\xC2\xA0", "\f", "\r", "-", "UNN,", "", "99", "Side 3 av 9"};
  std::mt19937 rng(20230403);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int lines = static_cast<int>(rng() % 40);
    for (int l = 0; l < lines; ++l) {
      const int words = static_cast<int>(rng() % 6);
      if (rng() % 4 == 0) text += ' ';
      for (int w = 0; w < words; ++w) text += pieces[rng() % pieces.size()] + (w + 1 < words ? " " : "");
      text += '\n';
    }
    ParsedReport report;
    ASSERT_NO_THROW(report = parse_commission_report(text)) << text;
    SCOPED_TRACE(text);
    expect_coherent(text, report);
  }
}

TEST(ImportReport, MangledSeedsNeverBreakTheParser) {
  // The seed with lines deleted, doubled, swapped, cut, and noise put in: the
  // parser must never throw, and mostly still find requirements.
  const auto seed = split_lines(read_seed(kSeed));
  ASSERT_FALSE(seed.empty());
  const std::vector<std::string> noise = {"", "7", "\f", "Side 2 av 9", "Rapporteringstekst:", "Alle Tertialrapporter og",
                                          "4.2 Informasjonssikkerhet", "12 Oppfølging", "\xC2\xAD", " "};
  std::mt19937 rng(27);
  int with_requirements = 0;
  for (int round = 0; round < 600; ++round) {
    auto lines = seed;
    const int mutations = 1 + static_cast<int>(rng() % 8);
    for (int m = 0; m < mutations && lines.size() > 2; ++m) {
      const std::size_t at = rng() % (lines.size() - 1);
      switch (rng() % 5) {
        case 0: lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(at)); break;
        case 1: lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), lines[at]); break;
        case 2: std::swap(lines[at], lines[at + 1]); break;
        case 3: lines[at] = lines[at].substr(0, rng() % (lines[at].size() + 1)); break;
        default: lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), noise[rng() % noise.size()]); break;
      }
    }
    const std::string text = join_lines(lines);
    ParsedReport report;
    ASSERT_NO_THROW(report = parse_commission_report(text));
    SCOPED_TRACE("round " + std::to_string(round));
    expect_coherent(text, report);
    if (report.requirements.size() >= 10) ++with_requirements;
  }
  EXPECT_GT(with_requirements, 500);
}

TEST(ImportReport, VardesMarkerForAMissingNumberStartsTheRequirement) {
  const std::string text =
      "Krav i oppdragsdokument 2026\n\n"
      "4.2 Informasjonssikkerhet og personvern\n\n"
      "27\nOppdatere handlingsplanen.\n\nAlle Tertialrapporter og Årlig melding\n\n"
      "Rapporteringstekst:\nPlanen er oppdatert.\n\nNye tiltak er satt.\n\n"
      "(uten nummer)\nUtarbeide en rapport om trusler.\n\nHNIKT 1. tertial og Årlig melding\n\n"
      "Rapporteringstekst:\nI rute.\n";
  const auto report = parse_commission_report(text);
  ASSERT_EQ(report.requirements.size(), 2u);
  EXPECT_EQ(report.requirements[0].reporting_text,
            (std::vector<std::string>{"Planen er oppdatert.", "Nye tiltak er satt."}));
  EXPECT_FALSE(report.requirements[1].number.has_value());
  EXPECT_EQ(report.requirements[1].full_text(), "Utarbeide en rapport om trusler.");
}

// A heading too long for the page comes out of a PDF export on two lines; the
// number under it is still the requirement's number (seen in LibreOffice's
// PDF of Varde's own .docx, with a wide font).
TEST(ImportReport, HeadingWrappedOverTwoLinesKeepsTheNumberBelowIt) {
  const auto report = parse_commission_report(
      "Krav i oppdragsdokument 2024:\n"
      "3.0 Vår felles helsetjeneste - felles krav for alle\n"
      "tjenesteområder\n"
      "2\n"
      "Delta i utviklingen av helhetlig risikostyring.\n"
      "Alle Tertialrapporter og Årlig melding\n"
      "Rapporteringstekst:\n"
      "Vi deltar.\n");
  EXPECT_TRUE(report.warnings.empty());
  ASSERT_EQ(report.chapters.size(), 1u);
  EXPECT_EQ(report.chapters[0].title, "Vår felles helsetjeneste - felles krav for alle tjenesteområder");
  ASSERT_EQ(report.requirements.size(), 1u);
  EXPECT_EQ(report.requirements[0].number, "2");
  EXPECT_EQ(report.requirements[0].text, std::vector<std::string>{"Delta i utviklingen av helhetlig risikostyring."});
}

// A lower-case line after a heading that goes on as prose is not taken into it.
TEST(ImportReport, ProseAfterAHeadingStaysProse) {
  const auto report = parse_commission_report(
      "Krav i oppdragsdokument 2024:\n"
      "11 Risikostyring\n"
      "helseforetakene skal legge ved en oversikt over risikovurderinger\n"
      "knyttet til kravene.\n");
  for (const auto& c : report.chapters) EXPECT_EQ(c.title.find("helseforetakene"), std::string::npos);
}

// Varde's export lists the risk assessments a requirement rests on under
// "Risikovurderinger:", before "Rapporteringstekst:", and ends a 1st or 2nd
// tertial report with the risk overview as an appendix. Neither is read into
// the requirement, its reporting text or the last chapter: the field is
// skipped without a word, the appendix with one warning at its heading.
TEST(ImportReport, RiskAssessmentsFieldAndRiskAppendixAreNotReadAsText) {
  const std::string text =
      "Krav i oppdragsdokument 2026\n\n"
      "4.2 Informasjonssikkerhet og personvern\n\n"
      "27\nOppdatere handlingsplanen.\n\nAlle Tertialrapporter og Årlig melding\n\n"
      "Måloppnåelse: Delvis oppnådd\n\n"
      "Risikovurderinger:\n"
      "ROS felles journal (UNN, Fullført, vurdert 01.02.2026)\n"
      "– Tilgang svikter: iboende risiko Høy (S4 × K4), restrisiko Middels (S2 × K3); Redusere\n"
      "3\n\n"  // a page number inside the list
      "ROS 2 Labsystem (UNNLAB, Pågår)\n"
      "– Alle Tertialrapporter: iboende risiko Lav (S1 × K1), restrisiko Ikke vurdert; Ikke bestemt\n\n"
      "Rapporteringstekst:\nPlanen er oppdatert.\n\n"
      "28\nGjennomføre øvelser.\n\nAlle Tertialrapporter og Årlig melding\n\n"
      "Rapporteringstekst:\nØvelse holdt i mars.\n\n"
      "12 Annet\n\nGenerell tekst om kapittel 12.\n\n"
      "Vedlegg: Risikooversikt\n\n"
      "Risikovurderinger knyttet til kravene i oppdragsdokumentet\n\n"
      "Krav 27 (4.2, 2026)\n\nOppdatere handlingsplanen.\n\n"
      "Risikovurdering Risiko Iboende risiko Restrisiko\n";
  const auto report = parse_commission_report(text);
  ASSERT_FALSE(report.has_errors());
  ASSERT_EQ(report.requirements.size(), 2u);
  const auto& r27 = report.requirements[0];
  EXPECT_EQ(r27.number, "27");
  EXPECT_EQ(r27.full_text(), "Oppdatere handlingsplanen.");
  ASSERT_EQ(r27.fields.size(), 1u);
  EXPECT_EQ(r27.fields[0].label, "Måloppnåelse");
  EXPECT_TRUE(r27.has_reporting_label);
  EXPECT_EQ(r27.reporting_text, std::vector<std::string>{"Planen er oppdatert."});
  EXPECT_EQ(report.requirements[1].reporting_text, std::vector<std::string>{"Øvelse holdt i mars."});
  ASSERT_EQ(report.chapters.size(), 2u);
  EXPECT_EQ(report.chapters[1].code, "12");
  EXPECT_EQ(report.chapters[1].general_text, std::vector<std::string>{"Generell tekst om kapittel 12."});
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].line, 35);
  EXPECT_NE(report.warnings[0].message.find("Risikooversikt"), std::string::npos);
}
