// The governing-document importer on the real seed (read from ../shared,
// never copied in), and the document store on both engines: SQLite in a
// fresh file, PostgreSQL in a fresh database when VARDE_TEST_PG_URL is set.
#include <gtest/gtest.h>

#include "shared_files.hpp"
#include <libpq-fe.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/problem.hpp"
#include "app/migrations.hpp"
#include "documents/report_layout.hpp"
#include "documents/seed_import.hpp"
#include "reports/render.hpp"
#include "documents/store.hpp"
#include "org/store.hpp"
#include "store/migrate.hpp"

using namespace varde;
using namespace varde::documents;
namespace fs = std::filesystem;

namespace {

std::string read_seed() { return varde::test_files::read_shared("seeds", "maal-strategi-og-handlingsplan.txt"); }

const ParsedSection& section(const ParsedDocument& d, const std::string& heading) {
  for (const auto& s : d.sections)
    if (s.heading == heading) return s;
  throw std::runtime_error("no section " + heading);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(DocumentsImport, TheSeedsFirstPartEveryField) {
  const auto seed = read_seed();
  ASSERT_FALSE(seed.empty()) << "the seed is not beside the repository in ../shared/seeds";
  const auto d = parse_document_text(seed);
  EXPECT_TRUE(d.errors.empty());
  // The seed names no code or title: the defaults, each with a warning on line 1.
  EXPECT_EQ(d.code, "NO 01");
  EXPECT_EQ(d.title, "Mål og strategi for informasjonssikkerhet og personvern");
  ASSERT_EQ(d.warnings.size(), 2u);
  EXPECT_EQ(d.warnings[0].field, "code");
  EXPECT_EQ(d.warnings[1].field, "title");
  EXPECT_EQ(d.type, DocType::overarching);
  // It stops where the action plan starts ("1 Innledning", line 225).
  ASSERT_TRUE(d.next_part_line);
  EXPECT_EQ(*d.next_part_line, 225);

  std::vector<std::string> headings;
  for (const auto& s : d.sections) headings.push_back(s.heading);
  EXPECT_EQ(headings, (std::vector<std::string>{"Definisjoner", "Formål og omfang", "Målgruppe",
                                                "Roller og ansvar for informasjonssikkerhet og personvern",
                                                "Mål for informasjonssikkerhet og personvern",
                                                "Strategi og prinsipper for informasjonssikkerhet og personvern"}));
  std::vector<int> lines;
  for (const auto& s : d.sections) lines.push_back(s.line);
  EXPECT_EQ(lines, (std::vector<int>{1, 33, 47, 60, 92, 138}));

  // The definitions table: its header and five rows, explanations mended across lines and hyphens.
  EXPECT_EQ(d.definition_header, (std::vector<std::string>{"Begreper", "Forklaring"}));
  ASSERT_EQ(d.definitions.size(), 5u);
  std::vector<std::string> terms;
  for (const auto& t : d.definitions) terms.push_back(t.term);
  EXPECT_EQ(terms, (std::vector<std::string>{"Styringssystem", "Informasjonssikkerhet", "Personvern", "HMN", "Kultur"}));
  EXPECT_EQ(d.definitions[0].explanation,
            "De aktiviteter, systemer og prosesser som tas i bruk for å planlegge, gjennomføre, evaluere og korrigere "
            "virksomheten slik at den samsvarer med krav fastsatt i lover, standarder, avtaler og forpliktende "
            "retningslinjer.");
  EXPECT_EQ(d.definitions[1].explanation,
            "Informasjonssikkerhet dreier seg om å håndtere risiko relatert til Helse Midt-Norges informasjonsverdier "
            "og behandling av personopplysninger.");
  EXPECT_EQ(d.definitions[3].explanation, "Forkortelse for Helse Midt-Norge, som inkluderer alle helseforetakene i, i regionen");
  EXPECT_TRUE(has(d.definitions[4].explanation, "ofte kalt «informasjonssikkerhetskultur»"));
  EXPECT_EQ(d.definitions[4].line, 24);
  const auto& defs = section(d, "Definisjoner").body;
  EXPECT_TRUE(has(defs, "| Begreper | Forklaring |\n| --- | --- |\n| Styringssystem | De aktiviteter"));

  // Paragraphs mended across the export's blank lines.
  const auto& purpose = section(d, "Formål og omfang").body;
  EXPECT_TRUE(has(purpose, "som del av Helse Midt-Norges (HMN) regionale styringssystem for fagområdene."));
  EXPECT_TRUE(has(purpose, "\n\nDette dokumentet gjelder for all informasjonsbehandling i HMN"));
  EXPECT_TRUE(has(section(d, "Målgruppe").body, "referert til som «medarbeidere». Innholdet og føringene"));

  // Roles: the footnote taken out of the running text (a superscript mark,
  // the note at the end), the sentence it interrupted mended, five bullets.
  const auto& roles = section(d, "Roller og ansvar for informasjonssikkerhet og personvern").body;
  EXPECT_TRUE(has(roles, "tydelige roller og ansvar.¹\n\n"));
  EXPECT_TRUE(has(roles, "behandling av helse og person-opplysninger med tilknytning til virksomheten."));
  EXPECT_TRUE(has(roles, "\n- Administrerende direktør er ansvarlig for innhold og godkjenning av dette dokumentet.\n"));
  EXPECT_TRUE(has(roles, "- Alle medarbeidere er ansvarlig for å etterleve de dokumentene i styringssystemet som er relevant for sin rolle i virksomheten.\n"));
  EXPECT_TRUE(has(roles, "\n\n¹ Organisering, roller og ansvar for informasjonssikkerhet er nærmere beskrevet i styringssystemets dokument NO 04 – Organisering av informasjonssikkerhets og personvernarbeidet i Helse Midt-Norge."));
  EXPECT_EQ(referenced_codes(roles), (std::vector<std::string>{"NO 04"}));
  int bullets = 0;
  for (std::size_t p = roles.find("\n- "); p != std::string::npos; p = roles.find("\n- ", p + 1)) ++bullets;
  EXPECT_EQ(bullets, 5);

  // Goals: confidentiality, integrity, availability, robustness.
  const auto& goals = section(d, "Mål for informasjonssikkerhet og personvern").body;
  EXPECT_TRUE(has(goals, "- informasjon, systemer og tjenester er tilgjengelig ved behov (tilgjengelighet)\n"
                         "- informasjon ikke endres utilsiktet eller av uvedkommende (integritet)\n"
                         "- informasjon ikke blir kjent for uvedkommende (konfidensialitet)"));
  EXPECT_TRUE(has(goals, "etter en hendelse(robusthet). Videre gjelder følgende mål:"));
  EXPECT_TRUE(has(goals, "Mål-konflikter skal håndteres i henhold til gjeldende risikostyringsprosess og ansvarsmatrise."));

  // Principles: the bullets of the strategy, the yearly review, and the last point before the plan.
  const auto& strategy = section(d, "Strategi og prinsipper for informasjonssikkerhet og personvern").body;
  EXPECT_TRUE(has(strategy, "Helseforetakene skal benytte Helse Midt-Norge RHF sine styringsdokumenter supplert med foretaksinterne dokumenter"));
  EXPECT_TRUE(has(strategy, "- virksomheten har kontroll med tilganger og at tilgang til systemer og informasjon kun gis til medarbeidere etter vurdering av tjenstlig behov og i samsvar med taushetsplikten."));
  EXPECT_TRUE(has(strategy, "- risikostyring innen informasjonssikkerhet følger den ordinære risikostyringen i Helse Midt-Norge og at det utformes akseptkriterier slik at avgjørelser om aksept av risiko kan tas på riktig ledernivå"));
  EXPECT_TRUE(has(strategy, "Ledelsen skal minst en gang i året gjennomgå virksomhetens aktiviteter innen informasjonssikkerhet og personvern."));
  EXPECT_TRUE(strategy.size() > 100 && strategy.substr(strategy.size() - 60).find("personvern i regionen.") != std::string::npos);
  EXPECT_FALSE(has(strategy, "Innledning"));
  EXPECT_FALSE(has(strategy, "Foretaksmøtet"));
  EXPECT_FALSE(has(strategy, "\xEF\x82\xB7"));  // no bullet glyph left
}

TEST(DocumentsImport, CodeAndTitleFromTheOptions) {
  ParseOptions o;
  o.code = "ms01";
  o.title = "Mål og strategi";
  auto d = parse_document_text(read_seed(), o);
  EXPECT_EQ(d.code, "MS 01");
  EXPECT_EQ(d.title, "Mål og strategi");
  EXPECT_TRUE(d.warnings.empty());
  o.code = "ikke en kode";
  EXPECT_EQ(parse_document_text(read_seed(), o).errors.at(0).field, "code");
}

TEST(DocumentsImport, TextWithoutSectionsIsAnError) {
  auto d = parse_document_text("Dette er bare et brev.\n\nMed vennlig hilsen\n");
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_EQ(d.errors[0].field, "sections");
  EXPECT_EQ(d.warnings.front().line, 1);  // text before any section is reported
}

TEST(DocumentsImport, SectionsOutOfOrderAreReported) {
  auto d = parse_document_text("1 Formål\n\nTekst om formål.\n\n3 Ansvar\n\nTekst.\n\n2 Omfang\n\nMer tekst.\n");
  ASSERT_EQ(d.sections.size(), 2u);
  bool warned = false;
  for (const auto& w : d.warnings) warned = warned || (w.line == 5 && w.field == "sections");
  EXPECT_TRUE(warned);
}

// The Markdown export reads back as the same document: every section's
// heading and body, the definitions, the code, title and classification.
TEST(DocumentsImport, TheMarkdownExportRoundTrips) {
  const auto seed = parse_document_text(read_seed());
  Document d;
  d.code = seed.code;
  d.title = seed.title;
  d.org_name = "Helse Midt-Norge RHF";
  d.type = DocType::overarching;
  d.classification = Classification::open;
  d.exemption = "Unntatt offentlighet, offl. § 24 tredje ledd";
  d.approver = "Administrerende direktør";
  d.owner_role = "Direktør for fag og virksomhetsstyring";
  d.next_review_on = "2027-12-01";
  Version v;
  v.number = 2;
  v.status = Status::approved;
  v.approved_at = "2026-12-01T10:00:00.000Z";
  v.approved_by = "adm.dir";
  v.sections = sections_of(seed);
  const auto md = reports::render_markdown(document_report(d, v, "01.12.2026 kl. 11.00"));
  const auto back = parse_document_text(md);
  EXPECT_TRUE(back.errors.empty());
  EXPECT_TRUE(back.warnings.empty()) << back.warnings.front().message;
  EXPECT_EQ(back.code, "NO 01");
  EXPECT_EQ(back.title, seed.title);
  EXPECT_EQ(back.classification, Classification::open);
  EXPECT_EQ(back.exemption, d.exemption);
  EXPECT_EQ(back.approver, "Administrerende direktør");
  EXPECT_EQ(back.owner_role, d.owner_role);
  ASSERT_EQ(back.sections.size(), seed.sections.size());
  for (std::size_t i = 0; i < seed.sections.size(); ++i) {
    EXPECT_EQ(back.sections[i].heading, seed.sections[i].heading);
    EXPECT_EQ(back.sections[i].body, seed.sections[i].body) << "section " << (i + 1);
  }
  ASSERT_EQ(back.definitions.size(), 5u);
  EXPECT_EQ(back.definition_header, seed.definition_header);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(back.definitions[i].term, seed.definitions[i].term);
    EXPECT_EQ(back.definitions[i].explanation, seed.definitions[i].explanation);
  }
}

// A document's own Markdown (bold, a list, a table, characters Markdown
// escapes) comes back the same through the export.
TEST(DocumentsImport, MarkdownCharactersSurviveTheRoundTrip) {
  Document d;
  d.code = "HN 07";
  d.title = "Tilgang & logg_analyse [utkast]";
  Version v;
  v.number = 1;
  v.sections = {{"Formål", "Tekst med * stjerne, _understrek_ og <vinkel> & 100 %.\n\n1. ikke en liste\n\n- punkt én\n- punkt to"},
                {"Tabell", "| Rolle | Ansvar |\n| --- | --- |\n| Leder | Godkjenner |"}};
  const auto back = parse_document_text(reports::render_markdown(document_report(d, v, "")));
  ASSERT_EQ(back.sections.size(), 2u);
  EXPECT_EQ(back.title, d.title);
  EXPECT_EQ(back.sections[0].body, v.sections[0].body);
  EXPECT_EQ(back.sections[1].body, v.sections[1].body);
}

// ---- the store on both engines ----

namespace {

std::string pg_url() {
  const char* u = std::getenv("VARDE_TEST_PG_URL");
  return u ? u : "";
}

void pg_exec(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  PGresult* r = PQexec(c, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string err = PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
  if (!ok) throw std::runtime_error(sql + ": " + err);
}

// `url` with the database name replaced (postgresql://user@host:port/db?…).
std::string with_dbname(const std::string& url, const std::string& db) {
  const auto scheme = url.find("://");
  auto slash = url.find('/', scheme + 3);
  auto query = url.find('?', scheme + 3);
  std::string base = url.substr(0, slash == std::string::npos ? query : slash);
  return base + "/" + db + (query == std::string::npos ? "" : url.substr(query));
}

class DocumentsStore : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    static int n = 0;
    if (GetParam() == "sqlite") {
      dir_ = fs::temp_directory_path() / ("varde-docs-" + std::to_string(getpid()) + "-" + std::to_string(++n));
      fs::remove_all(dir_);
      db_ = store::Database::open((dir_ / "varde.db").string());
    } else {
      dbname_ = "varde_docs_" + std::to_string(getpid()) + "_" + std::to_string(++n);
      pg_exec(pg_url(), "CREATE DATABASE " + dbname_ + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
      db_ = store::Database::open(with_dbname(pg_url(), dbname_));
    }
    store::migrate(*db_, app::migrations());
    store::with_write(*db_, [&](store::Tx& tx) {
      region_ = org::create(tx, actor_, {"HMN", "Helse Midt-Norge RHF", "region", std::nullopt}).id;
      trust_ = org::create(tx, actor_, {"STO", "St. Olavs hospital HF", "trust", region_}).id;
      other_ = org::create(tx, actor_, {"HN", "Helse Nord RHF", "region", std::nullopt}).id;
    });
  }
  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
    if (!dbname_.empty()) pg_exec(pg_url(), "DROP DATABASE IF EXISTS " + dbname_ + " WITH (FORCE)");
  }
  int64_t count(const std::string& table) { return db_->read()->scalar_integer("SELECT COUNT(*) FROM " + table).value(); }
  std::string path_of(int64_t id) { return db_->read()->scalar_text("SELECT path FROM org WHERE id = ?", {id}).value(); }

  fs::path dir_;
  std::string dbname_;
  std::unique_ptr<store::Database> db_;
  audit::Actor actor_{std::nullopt, "test"};
  int64_t region_ = 0, trust_ = 0, other_ = 0;
};

std::vector<std::string> engines() {
  std::vector<std::string> e{"sqlite"};
  if (!pg_url().empty()) e.push_back("postgres");
  return e;
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, DocumentsStore, testing::ValuesIn(engines()),
                         [](const testing::TestParamInfo<std::string>& i) { return i.param; });

TEST_P(DocumentsStore, TheSeedIsWrittenInOneTransaction) {
  const auto parsed = parse_document_text(read_seed());
  auto doc = store::with_write(*db_, [&](store::Tx& tx) { return write_document(tx, actor_, region_, parsed); });
  auto tx = db_->read();
  auto v = find_version(*tx, doc.id, 1);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status, Status::draft);
  ASSERT_EQ(v->sections.size(), 6u);
  EXPECT_EQ(v->sections[0].heading, "Definisjoner");
  EXPECT_EQ(v->sections[5].body, parsed.sections[5].body);
  EXPECT_EQ(find_by_code(*tx, region_, "NO 01")->title, "Mål og strategi for informasjonssikkerhet og personvern");
}

TEST_P(DocumentsStore, AFailedImportWritesNothing) {
  const auto parsed = parse_document_text(read_seed());
  store::with_write(*db_, [&](store::Tx& tx) { write_document(tx, actor_, region_, parsed); });
  const auto docs = count("governing_document"), sections = count("governing_document_section"),
             events = count("audit_event");
  // The same code again: refused, and nothing of the second import remains.
  EXPECT_THROW(store::with_write(*db_, [&](store::Tx& tx) { write_document(tx, actor_, region_, parsed); }), api::Problem);
  // A text with errors: refused before anything is written.
  auto bad = parse_document_text("bare tekst\n");
  EXPECT_THROW(store::with_write(*db_, [&](store::Tx& tx) { write_document(tx, actor_, trust_, bad); }), api::Problem);
  EXPECT_EQ(count("governing_document"), docs);
  EXPECT_EQ(count("governing_document_section"), sections);
  EXPECT_EQ(count("audit_event"), events);
}

TEST_P(DocumentsStore, AnApprovedVersionNeverChanges) {
  NewDocument n;
  n.org_id = trust_;
  n.code = "STO 3";
  n.title = "Rutine";
  n.review_interval_months = 12;
  n.sections = {{"Formål", "Tekst"}};
  auto d = store::with_write(*db_, [&](store::Tx& tx) { return create(tx, actor_, n); });
  store::with_write(*db_, [&](store::Tx& tx) {
    act(tx, actor_, d.id, 1, Action::submit);
    act(tx, actor_, d.id, 1, Action::approve);
  });
  auto v = db_->read();
  auto approved = *find_version(*v, d.id, 1);
  v.reset();
  try {
    store::with_write(*db_, [&](store::Tx& tx) { save_sections(tx, actor_, d.id, 1, approved.version, {{"Formål", "Endret"}}, std::nullopt); });
    FAIL() << "an approved version was changed";
  } catch (const api::Problem& p) {
    EXPECT_EQ(p.status, 409);
  }
  EXPECT_THROW(store::with_write(*db_, [&](store::Tx& tx) { act(tx, actor_, d.id, 1, Action::submit); }), api::Problem);
  auto tx = db_->read();
  EXPECT_EQ(find_version(*tx, d.id, 1)->sections[0].body, "Tekst");
  auto now = *find(*tx, d.id);
  EXPECT_EQ(now.approved_number, 1);
  EXPECT_EQ(now.next_review_on, add_months(today(), 12));
}

TEST_P(DocumentsStore, TheRegisterIsFilteredByTheCallersSubtrees) {
  store::with_write(*db_, [&](store::Tx& tx) {
    for (auto [org, code] : std::vector<std::pair<int64_t, const char*>>{{region_, "NO 01"}, {trust_, "STO 01"}, {other_, "HN 01"}}) {
      NewDocument n;
      n.org_id = org;
      n.code = code;
      n.title = std::string("Dokument ") + code;
      create(tx, actor_, n);
    }
  });
  auto tx = db_->read();
  ListQuery q;
  q.today = today();
  q.subtrees = {path_of(trust_)};     // a user of St. Olav …
  q.ancestors = {path_of(region_)};  // … reads what its region governs it by
  std::vector<std::string> codes;
  for (const auto& d : list(*tx, q).items) codes.push_back(d.code);
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"NO 01", "STO 01"}));
  q.ancestors.clear();
  EXPECT_EQ(list(*tx, q).total, 1);
}
