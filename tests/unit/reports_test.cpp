// The report model and its four renderers: the text rules of the model, each
// format on a document laid out like a trust's report on the commissioning
// document's requirements (own sample text, not the seed's), the escaping of
// hostile text, an empty document, and finally LibreOffice opening the .docx
// and .xlsx and printing them to PDF, read back with pdftotext.
//
// Set VARDE_REPORT_OUT_DIR to a folder to keep the sample in all four formats
// and the PDFs there, to look at them.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "reports/document.hpp"
#include "reports/document_json.hpp"
#include "reports/render.hpp"

using namespace varde::reports;
namespace fs = std::filesystem;

namespace {

const std::string kReportText =
    "Øvelsen ble holdt i juni med deltakere fra klinikk, IKT og ledelse. Tre forbedringspunkter\n"
    "er registrert og fordelt på ansvarlige.\n"
    "\n"
    "Gjenopprettingstiden for pasientjournalen var innenfor kravet på fire timer.\n"
    "Laboratoriesystemet brukte lengre tid; tiltak følges opp i 3. tertial.";

// A report in the layout of the seed: chapter heading, requirement number,
// its text, who it applies to, when it is reported, the status and the
// trust's reporting text; then a table and a chapter on a new page.
Document sample() {
  Document doc;
  doc.title = "Rapportering på krav i oppdragsdokument 2024";
  doc.subtitle = "Andre tertial";
  doc.metadata = {"Fjellheim helseforetak", "2. tertial 2024", "12.09.2024 kl. 09.15", "Intern"};
  doc.heading(1, "4.2 Informasjonssikkerhet og personvern")
      .heading(2, "Krav 31")
      .paragraph("Gjennomføre en øvelse i håndtering av løsepengevirus for alle kritiske kliniske\n"
                 "systemer, og følge opp funnene innen 15. oktober hvert år.")
      .field("Gjelder for", "Alle")
      .field("Rapporteringspunkter", "Tertialrapporter og Årlig melding")
      .field("Måloppnåelse", "", Status{"#2e7d32", "Oppnådd"})
      .long_field("Rapporteringstekst", kReportText)
      .heading(2, "Krav 33")
      .paragraph("Varsle avvik der fristen er < 30 dager & merket \"kritisk\" til 'ledelsen'.")
      .field("Gjelder for", "Sykehusapoteket")
      .field("Måloppnåelse", "Venter på leverandør.", Status{"#f9a825", "Delvis oppnådd"})
      .heading(3, "Risikovurderinger knyttet til kravene")
      .table(Table{"Risikooversikt",
                   {"Risiko", "Beskrivelse", "Nivå"},
                   {{"R-01", "Uautorisert tilgang til journal gjennom delte brukerkontoer", Cell("Høy", "#c62828")},
                    {"R-02", "Mangelfull logging i røntgensystemet", Cell("Middels", "#f9a825")},
                    {"R-03", "Sårbarhet i eldre fjernaksessløsning"}},
                   {1, 5, 1.5}})
      .page_break()
      .heading(1, "11 Risikostyring")
      .paragraph("Oversikten over risikovurderinger følger som vedlegg til tertialrapporten.");
  return doc;
}

// Asserts that every needle is found in `hay`, each after the one before.
void expect_in_order(const std::string& hay, const std::vector<std::string>& needles, const char* what) {
  std::size_t pos = 0;
  for (const auto& n : needles) {
    const auto found = hay.find(n, pos);
    ASSERT_NE(found, std::string::npos) << what << ": \"" << n << "\" missing, or not after the one before";
    pos = found + n.size();
  }
}

// ---- zip and XML helpers -------------------------------------------------

// The entries of a zip archive held in memory, by name. Fails the test when
// the bytes are no readable zip.
std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  EXPECT_NE(src, nullptr);
  if (!src) return out;
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  EXPECT_NE(za, nullptr) << "not a zip: " << zip_error_strerror(&error);
  zip_error_fini(&error);
  if (!za) {
    zip_source_free(src);
    return out;
  }
  const zip_int64_t n = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st);
    zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
    EXPECT_NE(f, nullptr);
    if (!f) continue;
    std::string content(st.size, '\0');
    EXPECT_EQ(zip_fread(f, content.data(), st.size), static_cast<zip_int64_t>(st.size));
    zip_fclose(f);
    out[st.name] = content;
  }
  zip_close(za);
  return out;
}

std::string unescape_xml(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + 1)) {
      s.replace(p, std::strlen(from), to);
    }
  }
  return s;
}

// The text of WordprocessingML as a reader sees it: w:t contents, a newline
// for each w:br and each paragraph end, a tab for w:tab.
std::string docx_text(const std::string& xml) {
  std::string out;
  std::size_t i = 0;
  while ((i = xml.find('<', i)) != std::string::npos) {
    const auto end = xml.find('>', i);
    const std::string tag = xml.substr(i, end - i + 1);
    if (tag.rfind("<w:t>", 0) == 0 || tag.rfind("<w:t ", 0) == 0) {
      const auto close = xml.find("</w:t>", end);
      out += unescape_xml(xml.substr(end + 1, close - end - 1));
      i = close;
    } else if (tag == "<w:br/>" || tag == "</w:p>") {
      out += '\n';
    } else if (tag == "<w:tab/>") {
      out += '\t';
    }
    i = end + 1;
  }
  return out;
}

// A check that HTML is well-formed enough: every element but the void ones is
// closed in order, and no '<' stands outside a tag. Returns "" or the problem.
std::string html_problem(const std::string& html) {
  static const std::vector<std::string> kVoid = {"meta", "br", "col", "img", "link", "input", "hr"};
  std::vector<std::string> open;
  std::size_t i = html.find("<html");
  const std::size_t style_end = html.find("</style>");
  while ((i = html.find('<', i)) != std::string::npos) {
    if (i < style_end && html.compare(i, 7, "<style>") == 0) {  // CSS has no tags
      open.push_back("style");
      i = style_end;
    }
    const auto end = html.find('>', i);
    if (end == std::string::npos) return "unterminated tag";
    std::string tag = html.substr(i + 1, end - i - 1);
    const auto nl = html.find('<', i + 1);
    if (nl != std::string::npos && nl < end) return "'<' inside a tag near " + html.substr(i, 40);
    const bool closing = !tag.empty() && tag[0] == '/';
    if (closing) tag.erase(0, 1);
    const std::string name = tag.substr(0, tag.find_first_of(" \t\n/"));
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return "stray '<' near " + html.substr(i, 40);
    if (closing) {
      if (open.empty() || open.back() != name) return "</" + name + "> closes " + (open.empty() ? "nothing" : open.back());
      open.pop_back();
    } else if (std::find(kVoid.begin(), kVoid.end(), name) == kVoid.end()) {
      open.push_back(name);
    }
    i = end + 1;
  }
  if (!open.empty()) return "<" + open.back() + "> never closed";
  return "";
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

bool have_program(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Exit status of a shell command; -1 when it did not exit normally.
int run(const std::string& command) {
  const int status = std::system(command.c_str());
  return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string collapse_spaces(const std::string& s) {
  std::string out;
  for (const char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

// ---- The model's text and colour rules ----------------------------------

TEST(ReportModel, BlankLinesSeparateParagraphsAndLineBreaksStay) {
  EXPECT_EQ(split_paragraphs("første\r\nandre  \n\n \t \n\ntredje\rfjerde\n\n"),
            (std::vector<std::string>{"første\nandre", "tredje\nfjerde"}));
  EXPECT_TRUE(split_paragraphs("").empty());
  EXPECT_TRUE(split_paragraphs(" \n\t\n").empty());
  EXPECT_EQ(split_lines("a\nb"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(split_lines(""), (std::vector<std::string>{""}));
}

TEST(ReportModel, CleanTextKeepsUtf8AndDropsWhatXmlCannotHold) {
  EXPECT_EQ(clean_text("Årlig melding: æøå ÆØÅ"), "Årlig melding: æøå ÆØÅ");
  EXPECT_EQ(clean_text("a\x01" "b\x0b" "c\td\x7f"), "abc\td\x7f");
  EXPECT_EQ(clean_text("x\xff" "y"), "x\xEF\xBF\xBDy");                 // stray byte
  EXPECT_EQ(clean_text("\xC3"), "\xEF\xBF\xBD");                          // cut sequence
  EXPECT_EQ(clean_text("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");          // overlong '/'
  EXPECT_EQ(clean_text("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(clean_text("\xEF\xBF\xBF"), "");                              // U+FFFF
  EXPECT_EQ(clean_text("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");          // outside the BMP
}

TEST(ReportModel, LabelsGetOneColon) {
  EXPECT_EQ(label_with_colon("Gjelder for"), "Gjelder for:");
  EXPECT_EQ(label_with_colon("Rapporteringstekst: "), "Rapporteringstekst:");
  EXPECT_EQ(label_with_colon("Status::"), "Status:");
}

TEST(ReportModel, HeadingLevelsAreClamped) {
  EXPECT_EQ(heading_level(0), 1);
  EXPECT_EQ(heading_level(2), 2);
  EXPECT_EQ(heading_level(7), 3);
}

TEST(ReportModel, ColoursParseOnlyAsHex) {
  EXPECT_EQ(parse_colour("#2e7d32"), (Rgb{0x2e, 0x7d, 0x32}));
  EXPECT_EQ(parse_colour(" #2E7D32 "), (Rgb{0x2e, 0x7d, 0x32}));
  EXPECT_EQ(parse_colour("#fa0"), (Rgb{0xff, 0xaa, 0x00}));
  for (const char* bad : {"", "#", "2e7d32", "#2e7d3", "#2e7d32ff", "#ggg", "red", "rgb(1,2,3)",
                          "#123;background:url(x)"}) {
    EXPECT_FALSE(parse_colour(bad)) << bad;
  }
  EXPECT_EQ(to_hex(Rgb{0x2e, 0x7d, 0x0a}), "2E7D0A");
}

TEST(ReportModel, TextOnAnyFillMeetsWcagAA) {
  for (int r = 0; r < 256; r += 15)
    for (int g = 0; g < 256; g += 15)
      for (int b = 0; b < 256; b += 15) {
        const Rgb fill{static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g), static_cast<std::uint8_t>(b)};
        ASSERT_GE(contrast_ratio(fill, text_colour_on(fill)), 4.5) << r << "," << g << "," << b;
      }
  EXPECT_EQ(text_colour_on(*parse_colour("#2e7d32")), (Rgb{255, 255, 255}));
  EXPECT_EQ(text_colour_on(*parse_colour("#f9a825")), (Rgb{0, 0, 0}));
  EXPECT_NEAR(contrast_ratio(Rgb{0, 0, 0}, Rgb{255, 255, 255}), 21.0, 1e-9);
}

TEST(ReportModel, MetadataFieldsInOrderWithoutEmptyOnes) {
  const Metadata m{"Fjellheim HF", "", "12.09.2024", "Intern"};
  EXPECT_EQ(m.fields(), (std::vector<std::pair<std::string, std::string>>{
                            {"Virksomhet", "Fjellheim HF"}, {"Generert", "12.09.2024"}, {"Klassifisering", "Intern"}}));
}

// ---- Markdown -------------------------------------------------------------

// A document kept as JSON (a closed period's snapshot keeps the risk overview
// so) renders to the same bytes as the one it was made from.
TEST(ReportModel, JsonRoundTripRendersTheSame) {
  auto doc = sample();
  doc.figure("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>", "Varmekart");
  varde::core::JsonWriter w;
  write_json(w, doc);
  const auto back = document_from_json(nlohmann::json::parse(w.take()));
  EXPECT_EQ(back.blocks.size(), doc.blocks.size());
  EXPECT_EQ(render_markdown(back), render_markdown(doc));
  EXPECT_EQ(render_html(back), render_html(doc));
  EXPECT_THROW(document_from_json(nlohmann::json::parse(R"({"title":"x"})")), std::exception);
}

TEST(ReportMarkdown, SampleHasHeadingsAndFieldsInOrder) {
  const std::string md = render_markdown(sample());
  expect_in_order(md,
                  {"# Rapportering på krav i oppdragsdokument 2024\n", "*Andre tertial*",
                   "**Virksomhet:** Fjellheim helseforetak\\\n", "**Klassifisering:** Intern\n",
                   "\n## 4.2 Informasjonssikkerhet og personvern\n", "\n### Krav 31\n",
                   "Gjennomføre en øvelse i håndtering av løsepengevirus for alle kritiske kliniske\\\nsystemer",
                   "\n**Gjelder for:** Alle\n", "\n**Rapporteringspunkter:** Tertialrapporter og Årlig melding\n",
                   "\n**Måloppnåelse:** Oppnådd\n", "\n**Rapporteringstekst:**\n\nØvelsen ble holdt i juni",
                   "fordelt på ansvarlige.\n\nGjenopprettingstiden", "fire timer.\\\nLaboratoriesystemet",
                   "\n### Krav 33\n", "fristen er \\< 30 dager & merket \"kritisk\"",
                   "**Måloppnåelse:** Delvis oppnådd – Venter på leverandør.", "\n#### Risikovurderinger",
                   "*Risikooversikt*", "| Risiko | Beskrivelse | Nivå |\n| --- | --- | --- |\n",
                   "| R-01 | Uautorisert tilgang til journal gjennom delte brukerkontoer | Høy |",
                   "| R-03 | Sårbarhet i eldre fjernaksessløsning |  |", "<!-- sideskift -->",
                   "\n## 11 Risikostyring\n"},
                  "markdown");
}

TEST(ReportMarkdown, TextCannotBecomeMarkup) {
  Document doc;
  doc.paragraph("1. tertial og Årlig melding\n# ikke overskrift\n- ikke liste\n    ikke kode\n"
                "*ikke kursiv* [ikke lenke](x) <b>ikke html</b> &amp; a|b");
  doc.table(Table{"", {"A|B"}, {{"linje 1\nlinje 2"}}, {}});
  const std::string md = render_markdown(doc);
  EXPECT_NE(md.find("1\\. tertial og Årlig melding\\\n"), std::string::npos) << md;
  EXPECT_NE(md.find("\\# ikke overskrift\\\n\\- ikke liste\\\nikke kode\\\n"), std::string::npos) << md;
  EXPECT_NE(md.find("\\*ikke kursiv\\* \\[ikke lenke\\](x) \\<b\\>ikke html\\</b\\> \\&amp; a\\|b"), std::string::npos)
      << md;
  EXPECT_NE(md.find("| A\\|B |\n| --- |\n| linje 1<br>linje 2 |"), std::string::npos) << md;
}

// ---- HTML -----------------------------------------------------------------

TEST(ReportHtml, SampleIsAStandalonePrintablePage) {
  const std::string html = render_html(sample());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"nb\">", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<title>Rapportering på krav i oppdragsdokument 2024</title>"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4; margin:"), std::string::npos);
  EXPECT_NE(html.find("break-after: page"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos) << "a standalone page fetches nothing";
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html_problem(html), "");
  expect_in_order(html,
                  {"<header>", "<h1>Rapportering på krav i oppdragsdokument 2024</h1>",
                   "<dt>Klassifisering:</dt><dd>Intern</dd>", "</header>", "<main>",
                   "<h2>4.2 Informasjonssikkerhet og personvern</h2>", "<h3>Krav 31</h3>",
                   "kliniske<br>\nsystemer", "<dl>", "<dt>Gjelder for:</dt>\n<dd>Alle</dd>",
                   "<dt>Rapporteringspunkter:</dt>\n<dd>Tertialrapporter og Årlig melding</dd>",
                   "<dd><span class=\"status\" style=\"background-color:#2E7D32;color:#FFFFFF\">Oppnådd</span></dd>",
                   "<dt class=\"below\">Rapporteringstekst:</dt>",
                   "<dd class=\"below\"><p>Øvelsen ble holdt i juni", "ansvarlige.</p><p>Gjenopprettingstiden",
                   "fire timer.<br>\nLaboratoriesystemet", "</dl>", "<h3>Krav 33</h3>",
                   "fristen er &lt; 30 dager &amp; merket &quot;kritisk&quot; til &#39;ledelsen&#39;.",
                   "style=\"background-color:#F9A825;color:#000000\">Delvis oppnådd</span> Venter på leverandør.",
                   "<h4>Risikovurderinger knyttet til kravene</h4>", "<caption>Risikooversikt</caption>",
                   "<th scope=\"col\">Risiko</th><th scope=\"col\">Beskrivelse</th><th scope=\"col\">Nivå</th>",
                   "<td style=\"background-color:#C62828;color:#FFFFFF\">Høy</td>",
                   "<td style=\"background-color:#F9A825;color:#000000\">Middels</td>",
                   "<div class=\"page-break\"></div>", "<h2>11 Risikostyring</h2>", "</main>"},
                  "html");
}

TEST(ReportHtml, HostileTextAndColoursAreInert) {
  Document doc;
  doc.title = "</title><script>alert(1)</script>";
  doc.field("<b>Etikett</b>", "\"verdi\" & 'mer'", Status{"red;background:url(javascript:x)", "Ikke oppnådd"});
  doc.table(Table{"", {"<th>"}, {{Cell("x", "#12345\"><script>")}}, {}});
  const std::string html = render_html(doc);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_NE(html.find("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"status\">Ikke oppnådd</span> &quot;verdi&quot; &amp; &#39;mer&#39;"),
            std::string::npos)
      << "an unparsable colour is left out, its label stays";
  EXPECT_NE(html.find("<td>x</td>"), std::string::npos);
  EXPECT_EQ(html_problem(html), "");
}

TEST(ReportHtml, EmptyDocumentStillHasATitle) {
  const std::string html = render_html(Document{});
  EXPECT_NE(html.find("<title>Rapport</title>"), std::string::npos);
  EXPECT_NE(html.find("<main>\n</main>"), std::string::npos);
  EXPECT_EQ(html_problem(html), "");
}

// ---- DOCX -----------------------------------------------------------------

TEST(ReportDocx, SampleIsAZipWithTheWordParts) {
  const auto parts = unzip(render_docx(sample()));
  for (const char* name : {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/document.xml",
                           "word/styles.xml", "word/settings.xml", "word/header1.xml", "word/footer1.xml",
                           "word/_rels/document.xml.rels"}) {
    EXPECT_TRUE(parts.count(name)) << name;
  }
  ASSERT_TRUE(parts.count("word/document.xml"));
  const std::string& styles = parts.at("word/styles.xml");
  for (const char* id : {"Title", "Heading1", "Heading2", "Heading3", "TableGrid"}) {
    EXPECT_NE(styles.find(std::string("w:styleId=\"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_NE(parts.at("docProps/core.xml").find("<dc:title>Rapportering på krav i oppdragsdokument 2024</dc:title>"),
            std::string::npos);
  EXPECT_NE(parts.at("word/header1.xml").find("Fjellheim helseforetak – Intern"), std::string::npos);
  EXPECT_NE(parts.at("word/footer1.xml").find("w:instr=\" NUMPAGES \""), std::string::npos);
}

TEST(ReportDocx, DocumentXmlHoldsTheTextInOrder) {
  const auto parts = unzip(render_docx(sample()));
  ASSERT_TRUE(parts.count("word/document.xml"));
  const std::string& xml = parts.at("word/document.xml");
  expect_in_order(xml,
                  {"<w:pStyle w:val=\"Title\"/>", "<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
                                                  "4.2 Informasjonssikkerhet og personvern</w:t>",
                   "<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Krav 31</w:t>",
                   // the status: shaded, white on green
                   "<w:color w:val=\"FFFFFF\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"2E7D32\"/>",
                   // two paragraphs of the reporting text are two w:p; a line break is a w:br
                   "ansvarlige.</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">Gjenopprettingstiden",
                   "fire timer.</w:t><w:br/><w:t xml:space=\"preserve\">Laboratoriesystemet",
                   "fristen er &lt; 30 dager &amp; merket &quot;kritisk&quot; til &apos;ledelsen&apos;.",
                   "<w:pStyle w:val=\"Heading3\"/>", "<w:tblHeader/>", "w:fill=\"C62828\"",
                   "<w:br w:type=\"page\"/>", "11 Risikostyring"},
                  "document.xml");
  EXPECT_EQ(xml.find('\n', xml.find("<w:body>")), std::string::npos) << "no raw line breaks in the body";

  const std::string text = docx_text(xml);
  expect_in_order(text,
                  {"Rapportering på krav i oppdragsdokument 2024\n", "Andre tertial\n",
                   "Virksomhet: Fjellheim helseforetak\n", "4.2 Informasjonssikkerhet og personvern\n",
                   "Krav 31\n", "Gjennomføre en øvelse i håndtering av løsepengevirus for alle kritiske kliniske\nsystemer",
                   "Gjelder for: Alle\n", "Rapporteringspunkter: Tertialrapporter og Årlig melding\n",
                   "Måloppnåelse:  Oppnådd \n", "Rapporteringstekst:\n", "Øvelsen ble holdt i juni",
                   "fordelt på ansvarlige.\nGjenopprettingstiden", "fire timer.\nLaboratoriesystemet",
                   "Krav 33\n", "fristen er < 30 dager & merket \"kritisk\" til 'ledelsen'.",
                   "Måloppnåelse:  Delvis oppnådd  Venter på leverandør.\n", "Risikooversikt\n", "Risiko\n",
                   "Beskrivelse\n", "Nivå\n", "R-01\n", "Høy\n", "R-03\n", "Sårbarhet i eldre fjernaksessløsning\n",
                   "11 Risikostyring\n"},
                  "docx text");
}

TEST(ReportDocx, ControlCharactersAndBadUtf8CannotBreakTheXml) {
  Document doc;
  doc.title = "Tittel\x01\x1b med \xff feil";
  doc.paragraph("Tab\there & <her>\x0c slutt");
  const auto parts = unzip(render_docx(doc));
  ASSERT_TRUE(parts.count("word/document.xml"));
  const std::string& xml = parts.at("word/document.xml");
  for (char c = 1; c < 0x20; ++c) {
    if (c == '\n') continue;
    EXPECT_EQ(xml.find(c), std::string::npos) << "control character " << int(c);
  }
  EXPECT_NE(xml.find("Tittel med \xEF\xBF\xBD feil"), std::string::npos);
  EXPECT_NE(xml.find("Tab</w:t><w:tab/><w:t xml:space=\"preserve\">here &amp; &lt;her&gt; slutt"), std::string::npos);
  EXPECT_NE(parts.at("docProps/core.xml").find("<dc:title>Tittel med \xEF\xBF\xBD feil</dc:title>"),
            std::string::npos);
}

TEST(ReportDocx, EmptyDocumentIsStillAValidPackage) {
  const auto parts = unzip(render_docx(Document{}));
  ASSERT_TRUE(parts.count("word/document.xml"));
  EXPECT_NE(parts.at("word/document.xml").find("<w:body><w:sectPr>"), std::string::npos);
}

// ---- XLSX -----------------------------------------------------------------

TEST(ReportXlsx, SampleIsAWorkbookWithOneSheetRapport) {
  const auto parts = unzip(render_xlsx(sample()));
  for (const char* name : {"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
                           "xl/sharedStrings.xml", "xl/styles.xml", "docProps/core.xml"}) {
    ASSERT_TRUE(parts.count(name)) << name;
  }
  EXPECT_FALSE(parts.count("xl/worksheets/sheet2.xml"));
  EXPECT_NE(parts.at("xl/workbook.xml").find("name=\"Rapport\""), std::string::npos);
  EXPECT_NE(parts.at("docProps/core.xml").find("<dc:title>Rapportering på krav i oppdragsdokument 2024</dc:title>"),
            std::string::npos);

  const std::string strings = unescape_xml(parts.at("xl/sharedStrings.xml"));
  expect_in_order(strings,
                  {"Rapportering på krav i oppdragsdokument 2024", "Andre tertial", "Virksomhet:",
                   "Fjellheim helseforetak", "4.2 Informasjonssikkerhet og personvern", "Krav 31",
                   "Gjennomføre en øvelse i håndtering av løsepengevirus for alle kritiske kliniske\nsystemer",
                   "Gjelder for:", "Alle", "Rapporteringspunkter:", "Tertialrapporter og Årlig melding",
                   "Måloppnåelse:", "Oppnådd", "Rapporteringstekst:",
                   "Øvelsen ble holdt i juni", "ansvarlige.\n\nGjenopprettingstiden", "fire timer.\nLaboratoriesystemet",
                   "Krav 33", "fristen er < 30 dager & merket \"kritisk\" til 'ledelsen'.", "Sykehusapoteket",
                   "Delvis oppnådd", "Venter på leverandør.", "Risikooversikt", "Risiko", "Beskrivelse", "Nivå",
                   "R-01", "Høy", "Middels", "R-03", "11 Risikostyring"},
                  "sharedStrings");

  const std::string& styles = parts.at("xl/styles.xml");
  for (const char* fill : {"FF2E7D32", "FFF9A825", "FFC62828"}) {
    EXPECT_NE(styles.find(std::string("<fgColor rgb=\"") + fill + "\""), std::string::npos) << fill;
  }
  const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<cols>"), std::string::npos);
  EXPECT_NE(sheet.find("paperSize=\"9\""), std::string::npos);
  EXPECT_NE(sheet.find("<rowBreaks count=\"1\""), std::string::npos);
  EXPECT_NE(sheet.find("Side &amp;P av &amp;N"), std::string::npos);
}

TEST(ReportXlsx, EmptyAndHostileDocumentsStillWrite) {
  EXPECT_TRUE(unzip(render_xlsx(Document{})).count("xl/worksheets/sheet1.xml"));
  Document doc;
  doc.metadata.organisation = "A & B";
  doc.paragraph(std::string(40000, 'x'));  // beyond Excel's cell limit
  doc.field("\x01Etikett", "\xff", Status{"#000", "Svart"});
  const auto parts = unzip(render_xlsx(doc));
  ASSERT_TRUE(parts.count("xl/sharedStrings.xml"));
  EXPECT_NE(parts.at("xl/sharedStrings.xml").find(std::string(32767, 'x') + "<"), std::string::npos);
  EXPECT_NE(parts.at("xl/worksheets/sheet1.xml").find("A &amp;&amp; B"), std::string::npos);
}

// ---- All four at once ------------------------------------------------------

TEST(ReportRenderers, ParallelRendersGiveTheSameBytesAsOne) {
  const Document doc = sample();
  const std::string md = render_markdown(doc), html = render_html(doc);
  const auto docx = unzip(render_docx(doc)).at("word/document.xml");
  const auto xlsx = unzip(render_xlsx(doc)).at("xl/sharedStrings.xml");
  std::mutex mu;
  std::vector<std::pair<std::string, std::string>> outputs;  // (docx, xlsx) of every render
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      bool same = true;
      for (int i = 0; i < 5; ++i) {
        same = same && render_markdown(doc) == md && render_html(doc) == html;
        const std::string d = render_docx(doc), x = render_xlsx(doc);
        same = same && !d.empty() && !x.empty();
        ok[t] = same ? 1 : 0;
        if (!same) return;
        // The zips are compared by content after the threads join.
        std::lock_guard<std::mutex> lock(mu);
        outputs.emplace_back(d, x);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, (std::vector<int>{1, 1, 1, 1}));
  ASSERT_EQ(outputs.size(), 20u);
  for (const auto& [d, x] : outputs) {
    EXPECT_EQ(unzip(d).at("word/document.xml"), docx);
    EXPECT_EQ(unzip(x).at("xl/sharedStrings.xml"), xlsx);
  }
}

// ---- LibreOffice reads them back -----------------------------------------

TEST(ReportLibreOffice, DocxAndXlsxOpenAndPrintTheWholeReport) {
  if (!have_program("soffice")) {
    GTEST_SKIP() << "soffice not installed (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui); "
                    "the .docx and .xlsx were not opened in an office suite";
  }
  if (!have_program("pdftotext")) GTEST_SKIP() << "pdftotext not installed (apt-get install poppler-utils)";

  std::string tmpl = (fs::temp_directory_path() / "varde-reports-XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  const fs::path dir = tmpl;
  const Document doc = sample();
  write_file(dir / "rapport-word.docx", render_docx(doc));
  write_file(dir / "rapport-excel.xlsx", render_xlsx(doc));

  // One LibreOffice run for both files, with a profile of its own so that
  // parallel test runs do not share (and lock) one.
  const std::string command = "cd '" + dir.string() + "' && timeout 240 soffice -env:UserInstallation=file://" +
                              dir.string() + "/profile --headless --norestore --convert-to pdf --outdir '" +
                              dir.string() + "' rapport-word.docx rapport-excel.xlsx >soffice.log 2>&1";
  const int status = run(command);
  const std::string log = read_file(dir / "soffice.log");
  ASSERT_EQ(status, 0) << log;

  for (const char* name : {"rapport-word", "rapport-excel"}) {
    SCOPED_TRACE(name);
    const fs::path pdf = dir / (std::string(name) + ".pdf");
    ASSERT_TRUE(fs::exists(pdf)) << "no PDF; LibreOffice said: " << log;
    // -layout keeps each printed line together: in the sheet a label and its
    // value stand side by side, and only the layout keeps them in reading order.
    ASSERT_EQ(run("pdftotext -layout -enc UTF-8 '" + pdf.string() + "' '" + pdf.string() + ".txt'"), 0);
    const std::string raw = read_file(pdf.string() + ".txt");
    const std::string text = collapse_spaces(raw);
    expect_in_order(text,
                    {"Rapportering på krav i oppdragsdokument 2024", "Fjellheim helseforetak",
                     "4.2 Informasjonssikkerhet og personvern", "Krav 31", "Gjelder for:", "Alle",
                     "Rapporteringspunkter:", "Tertialrapporter og Årlig melding", "Oppnådd", "Rapporteringstekst:",
                     "Øvelsen ble holdt i juni", "Gjenopprettingstiden for pasientjournalen", "Laboratoriesystemet",
                     "Krav 33", "fristen er < 30 dager & merket \"kritisk\"", "Delvis oppnådd",
                     "Risikovurderinger knyttet til kravene", "Beskrivelse", "Høy", "Sårbarhet i eldre",
                     "11 Risikostyring"},
                    name);
    // The page break: the last chapter starts on a page of its own.
    const auto last_chapter = raw.find("11 Risikostyring");
    ASSERT_NE(last_chapter, std::string::npos);
    EXPECT_NE(raw.rfind('\f', last_chapter), std::string::npos) << "no page break before the last chapter";
  }

  if (const char* keep = std::getenv("VARDE_REPORT_OUT_DIR")) {
    const fs::path out = keep;
    fs::create_directories(out);
    write_file(out / "rapport.md", render_markdown(doc));
    write_file(out / "rapport.html", render_html(doc));
    for (const char* f : {"rapport-word.docx", "rapport-excel.xlsx", "rapport-word.pdf", "rapport-excel.pdf"}) {
      fs::copy_file(dir / f, out / f, fs::copy_options::overwrite_existing);
    }
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}

// ---- Figures as pictures ---------------------------------------------------

namespace {

const std::string kFigureSvg =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"150\" height=\"90\" viewBox=\"0 0 150 90\">"
    "<rect x=\"0\" y=\"0\" width=\"75\" height=\"90\" fill=\"#E06666\"/>"
    "<rect x=\"75\" y=\"0\" width=\"75\" height=\"90\" fill=\"#7BC47F\"/>"
    "<text x=\"10\" y=\"50\" font-size=\"14\">3 / 1</text></svg>";
const std::string kFigureCaption = "Varmekart for Fjellheim: antall risikoer per rute, iboende / rest";

Document with_figure() {
  Document doc;
  doc.title = "Risikooversikt";
  doc.heading(1, "Varmekart").figure(kFigureSvg, kFigureCaption).paragraph("Tallene står i tabellen under.");
  return doc;
}

// Width and height from a PNG's IHDR chunk; {0, 0} when it is no PNG.
std::pair<uint32_t, uint32_t> png_size(const std::string& png) {
  static const std::string kSignature = "\x89PNG\r\n\x1a\n";
  if (png.size() < 24 || png.compare(0, 8, kSignature) != 0 || png.compare(12, 4, "IHDR") != 0) return {0, 0};
  auto be32 = [&](std::size_t at) {
    uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

}  // namespace

TEST(ReportDocx, FigureIsAnInlinePngWithItsCaptionAsAltTextAndBeneath) {
  const auto files = unzip(render_docx(with_figure()));
  ASSERT_EQ(files.count("word/media/image1.png"), 1u);
  // Drawn at twice the SVG's size, for print.
  EXPECT_EQ(png_size(files.at("word/media/image1.png")), (std::pair<uint32_t, uint32_t>{300, 180}));
  const auto& xml = files.at("word/document.xml");
  EXPECT_NE(xml.find("<wp:docPr id=\"1\" name=\"Figur 1\" descr=\"" + kFigureCaption + "\"/>"), std::string::npos);
  EXPECT_NE(xml.find("r:embed=\"rIdImage1\""), std::string::npos);
  // Shown at the SVG's own size: 150 × 90 CSS pixels in EMU.
  EXPECT_NE(xml.find("<wp:extent cx=\"1428750\" cy=\"857250\"/>"), std::string::npos);
  EXPECT_LT(xml.find("<w:drawing>"), xml.find(">" + kFigureCaption + "<"));  // the caption beneath
  EXPECT_NE(files.at("word/_rels/document.xml.rels").find("Id=\"rIdImage1\""), std::string::npos);
  EXPECT_NE(files.at("word/_rels/document.xml.rels").find("Target=\"media/image1.png\""), std::string::npos);
  EXPECT_NE(files.at("[Content_Types].xml").find("<Default Extension=\"png\" ContentType=\"image/png\"/>"),
            std::string::npos);
}

TEST(ReportDocx, AFigureThatCannotBeDrawnKeepsItsCaption) {
  Document doc;
  doc.figure("<svg this is not", "Bare teksten");
  const auto files = unzip(render_docx(doc));
  EXPECT_EQ(files.count("word/media/image1.png"), 0u);
  EXPECT_EQ(files.at("word/document.xml").find("<w:drawing>"), std::string::npos);
  EXPECT_NE(docx_text(files.at("word/document.xml")).find("Bare teksten"), std::string::npos);
}

TEST(ReportXlsx, FigureIsAnImageInTheSheet) {
  const auto files = unzip(render_xlsx(with_figure()));
  std::string png;
  for (const auto& [name, bytes] : files)
    if (name.rfind("xl/media/", 0) == 0) png = bytes;
  EXPECT_EQ(png_size(png), (std::pair<uint32_t, uint32_t>{300, 180}));
  bool described = false;
  for (const auto& [name, bytes] : files)
    if (name.rfind("xl/drawings/drawing", 0) == 0 && bytes.find("descr=\"" + kFigureCaption + "\"") != std::string::npos)
      described = true;
  EXPECT_TRUE(described) << "the caption as the picture's alt text";
}

TEST(ReportLibreOffice, DocxWithAPictureConvertsAndKeepsTheCaption) {
  if (!have_program("soffice") || !have_program("pdftotext") || !have_program("pdfimages"))
    GTEST_SKIP() << "soffice, pdftotext or pdfimages not installed";
  std::string tmpl = (fs::temp_directory_path() / "varde-figure-XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  const fs::path dir = tmpl;
  write_file(dir / "figur.docx", render_docx(with_figure()));
  const std::string log = (dir / "soffice.log").string();
  ASSERT_EQ(run("cd '" + dir.string() + "' && timeout 240 soffice -env:UserInstallation=file://" + dir.string() +
                "/profile --headless --norestore --convert-to pdf --outdir '" + dir.string() + "' figur.docx >'" + log +
                "' 2>&1"),
            0)
      << read_file(log);
  const fs::path pdf = dir / "figur.pdf";
  ASSERT_TRUE(fs::exists(pdf)) << read_file(log);
  ASSERT_EQ(run("pdftotext -enc UTF-8 '" + pdf.string() + "' '" + pdf.string() + ".txt'"), 0);
  EXPECT_NE(collapse_spaces(read_file(pdf.string() + ".txt")).find(kFigureCaption), std::string::npos);
  // The picture is in the PDF: pdfimages lists one image of 300 × 180.
  ASSERT_EQ(run("pdfimages -list '" + pdf.string() + "' > '" + pdf.string() + ".images'"), 0);
  EXPECT_NE(collapse_spaces(read_file(pdf.string() + ".images")).find(" 300 180 "), std::string::npos)
      << read_file(pdf.string() + ".images");
  fs::remove_all(dir);
}
