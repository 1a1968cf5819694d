// The PDF-export normaliser: each kind of export noise on a small input, the
// numbers that must stay (a requirement number alone on a line is no page
// number), line numbers of the original text, and the seed as a whole.
#include <gtest/gtest.h>

#include "shared_files.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "importers/pdf_text.hpp"

using namespace varde::importers;

namespace {

std::vector<std::string> texts(const std::vector<Line>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.text);
  return out;
}

std::vector<int> numbers(const std::vector<Line>& lines) {
  std::vector<int> out;
  for (const auto& l : lines) out.push_back(l.number);
  return out;
}

using Texts = std::vector<std::string>;
using Numbers = std::vector<int>;

// The seeds are read where they are, beside the repository (../shared/seeds),
// never copied into it.
std::filesystem::path seed_path(const std::string& name) { return varde::test_files::shared_path("seeds", name); }

std::string read_seed(const std::string& name) {
  std::ifstream in(seed_path(name), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

// ----- characters and line ends

TEST(PdfText, EmptyInputGivesNoLines) {
  EXPECT_TRUE(normalise_pdf_text("").empty());
}

TEST(PdfText, LastLineWithoutLineEndIsKept) {
  const auto lines = normalise_pdf_text("første\nandre");
  EXPECT_EQ(texts(lines), (Texts{"første", "andre"}));
  EXPECT_EQ(numbers(lines), (Numbers{1, 2}));
}

TEST(PdfText, CrLfAndLoneCrBecomeLineEnds) {
  const auto lines = normalise_pdf_text("a\r\nb\r\n\r\nc\rd\r\n");
  EXPECT_EQ(texts(lines), (Texts{"a", "b", "", "c", "d"}));
  EXPECT_EQ(numbers(lines), (Numbers{1, 2, 3, 4, 5}));
}

TEST(PdfText, NoBreakSpacesBecomeSpaces) {
  // U+00A0 and U+202F (narrow no-break space, common before "%" and in numbers)
  const auto lines = normalise_pdf_text("100\xC2\xA0%\nkr\xE2\x80\xAF" "5\xE2\x80\xAF" "000\n");
  EXPECT_EQ(texts(lines), (Texts{"100 %", "kr 5 000"}));
}

TEST(PdfText, SoftHyphensZeroWidthAndByteOrderMarkAreRemoved) {
  const auto lines = normalise_pdf_text("\xEF\xBB\xBFinfor\xC2\xADmasjons\xE2\x80\x8Bsikkerhet\n");
  EXPECT_EQ(texts(lines), (Texts{"informasjonssikkerhet"}));
}

TEST(PdfText, ControlCharactersAreRemovedTabsKept) {
  const auto lines = normalise_pdf_text("a\x01" "b\x7F" "c\td\n");
  EXPECT_EQ(texts(lines), (Texts{"abc\td"}));
}

TEST(PdfText, TrailingSpaceIsTrimmedAndBlankLinesBecomeEmpty) {
  const auto lines = normalise_pdf_text("tekst   \n \n\t \nmer\xC2\xA0\n");
  EXPECT_EQ(texts(lines), (Texts{"tekst", "", "", "mer"}));
}

TEST(PdfText, OneStrayLeadingSpaceIsRemovedAndRemembered) {
  const auto lines = normalise_pdf_text(" Krav i oppdragsdokument 2023: \nvanlig\n   innrykket\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "Krav i oppdragsdokument 2023:");
  EXPECT_TRUE(lines[0].leading_space);
  EXPECT_FALSE(lines[1].leading_space);
  // Deeper indentation may mean something (a table, a quote): left alone.
  EXPECT_EQ(lines[2].text, "   innrykket");
  EXPECT_FALSE(lines[2].leading_space);
}

TEST(PdfText, FormFeedSplitsALineButKeepsItsNumber) {
  const auto lines = normalise_pdf_text("slutt på side en.\fStart på side to.\nneste linje\n");
  EXPECT_EQ(texts(lines), (Texts{"slutt på side en.", "Start på side to.", "neste linje"}));
  EXPECT_EQ(numbers(lines), (Numbers{1, 1, 2}));
}

TEST(PdfText, FormFeedAloneOnALineIsNoLine) {
  const auto lines = normalise_pdf_text("a.\n\f\nb\n");
  EXPECT_EQ(texts(lines), (Texts{"a.", "b"}));
  EXPECT_EQ(numbers(lines), (Numbers{1, 3}));
}

// ----- page numbers

TEST(PdfText, PageNumberSplittingASentenceIsDroppedWithItsBlankLines) {
  const auto lines = normalise_pdf_text("Dette er en setning som\n\n3\n\nfortsetter på neste side.\n");
  EXPECT_EQ(texts(lines), (Texts{"Dette er en setning som", "fortsetter på neste side."}));
  EXPECT_EQ(numbers(lines), (Numbers{1, 5}));
}

TEST(PdfText, PageNumberSplittingASentenceWithoutBlankLinesIsDropped) {
  const auto lines = normalise_pdf_text("arbeidet med å styrke\n12\nårvåkenheten i foretakene.\n");
  EXPECT_EQ(texts(lines), (Texts{"arbeidet med å styrke", "årvåkenheten i foretakene."}));
  EXPECT_EQ(numbers(lines), (Numbers{1, 3}));
}

TEST(PdfText, PageNumberAtTheEndOfTheTextIsDropped) {
  const auto lines = normalise_pdf_text("Siste avsnitt.\n\n7\n \n");
  EXPECT_EQ(texts(lines), (Texts{"Siste avsnitt.", ""}));
}

TEST(PdfText, DecoratedPageNumbersAreDroppedAnywhere) {
  const auto lines = normalise_pdf_text("Avsnitt.\nSide 3 av 9\nNeste.\n- 4 -\nMer.\nPage 5 of 9\nOg.\n6/9\nSlutt.\n");
  EXPECT_EQ(texts(lines), (Texts{"Avsnitt.", "Neste.", "Mer.", "Og.", "Slutt."}));
  EXPECT_EQ(numbers(lines), (Numbers{1, 3, 5, 7, 9}));
}

TEST(PdfText, NumberAfterAHeadingIsKept) {
  // In the seed a requirement's number stands alone under the chapter heading.
  const auto lines = normalise_pdf_text("4.2 Informasjonssikkerhet og personvern\n\n27\n\nOppdatere planene.\n");
  EXPECT_EQ(texts(lines), (Texts{"4.2 Informasjonssikkerhet og personvern", "", "27", "", "Oppdatere planene."}));
}

TEST(PdfText, NumberBetweenWholeParagraphsIsKept) {
  // Could be a page number, could be the number of what follows: keeping it
  // loses nothing, dropping a requirement's number would.
  const auto lines = normalise_pdf_text("Ferdig avsnitt.\n\n32\n\nDelta i arbeidet.\n");
  EXPECT_EQ(texts(lines), (Texts{"Ferdig avsnitt.", "", "32", "", "Delta i arbeidet."}));
}

TEST(PdfText, NumbersInsideLinesAreLeftAlone) {
  const auto lines = normalise_pdf_text("Vi har 12\nsaker i 2023.\n");
  EXPECT_EQ(texts(lines), (Texts{"Vi har 12", "saker i 2023."}));
}

// ----- running headers and footers (pages known from form feeds)

TEST(PdfText, RunningHeadersAndFootersAreDropped) {
  const std::vector<std::string> content = {"Innledning.", "Om risiko.", "Om tiltak.", "Oppsummering."};
  std::string raw;
  for (int page = 1; page <= 4; ++page) {
    if (page > 1) raw += "\f";
    raw += "Helse Nord IKT HF\n";               // a header on two lines,
    raw += "Rapportering 2023\n";               // the second with a year in it
    raw += content[page - 1] + "\n";
    raw += "Årlig melding\n";              // content that recurs, but not at the edge of pages
    raw += "Slutt på " + content[page - 1] + "\n";
    raw += "Side " + std::to_string(page) + " av 4\n";
  }
  const auto lines = normalise_pdf_text(raw);
  Texts expected;
  for (int page = 1; page <= 4; ++page) {
    expected.push_back(content[page - 1]);
    expected.push_back("Årlig melding");
    expected.push_back("Slutt på " + content[page - 1]);
  }
  EXPECT_EQ(texts(lines), expected);
  // Page 2's first line of content was line 9 of the original.
  EXPECT_EQ(lines[3].number, 9);
}

TEST(PdfText, PageNumbersMarkPagesWhenThereAreNoFormFeeds) {
  const std::vector<std::string> content = {"Innledning.", "Om risiko.", "Om tiltak.", "Oppsummering."};
  std::string raw;
  for (int page = 1; page <= 4; ++page) {
    raw += "Helse Nord IKT HF\n";
    raw += content[page - 1] + "\n\n";
    raw += "Side " + std::to_string(page) + " av 4\n";
  }
  const auto lines = normalise_pdf_text(raw);
  EXPECT_EQ(texts(lines), (Texts{"Innledning.", "", "Om risiko.", "", "Om tiltak.", "", "Oppsummering.", ""}));
  EXPECT_EQ(lines[2].number, 6);
}

TEST(PdfText, BarePageNumbersThatCountPagesAreDropped) {
  const std::string raw = "Første side.\n\n1\n\fAndre side.\n\n2\n\fTredje side.\n\n3\n";
  EXPECT_EQ(texts(normalise_pdf_text(raw)),
            (Texts{"Første side.", "", "Andre side.", "", "Tredje side.", ""}));
}

TEST(PdfText, LinesOpeningPagesAlikeButNotCountingThemAreKept) {
  // One requirement per page, its number first: 27, 32, 42 are no page numbers,
  // nor are "Krav 27", "Krav 32", "Krav 42".
  for (const std::string prefix : {"", "Krav "}) {
    const std::string raw = prefix + "27\nOppdatere planene.\nog mer.\f" + prefix + "32\nDelta i arbeidet.\nog annet.\f" +
                            prefix + "42\nFortsette arbeidet.\nog slikt.\n";
    const auto lines = normalise_pdf_text(raw);
    EXPECT_EQ(texts(lines), (Texts{prefix + "27", "Oppdatere planene.", "og mer.", prefix + "32", "Delta i arbeidet.",
                                   "og annet.", prefix + "42", "Fortsette arbeidet.", "og slikt."}));
  }
}

TEST(PdfText, ContentBesideAPageEdgeIsNoHeader) {
  // The same second line on every page, but the first lines differ: content.
  const std::string raw = "Innledning\nAlle Tertialrapporter og\nTekst en.\fRisiko\nAlle Tertialrapporter og\nTekst to.\f"
                          "Tiltak\nAlle Tertialrapporter og\nTekst tre.\n";
  const auto lines = normalise_pdf_text(raw);
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(), [](auto& l) { return l.text == "Alle Tertialrapporter og"; }), 3);
}

TEST(PdfText, RecurringLinesWithoutPagesAreContent) {
  // Without form feeds nothing says where pages end; the report repeats these
  // lines on purpose.
  std::string raw;
  for (int i = 0; i < 5; ++i) raw += "Alle Tertialrapporter og\nÅrlig melding\n\nRapporteringstekst:\nTekst.\n\n";
  const auto lines = normalise_pdf_text(raw);
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(), [](auto& l) { return l.text == "Rapporteringstekst:"; }), 5);
}

// ----- joining lines

TEST(PdfText, CollapseSpaces) {
  EXPECT_EQ(collapse_spaces("  arbeidskraft.  Dette\t vil  "), "arbeidskraft. Dette vil");
  EXPECT_EQ(collapse_spaces(""), "");
  EXPECT_EQ(collapse_spaces(" \t "), "");
}

TEST(PdfText, JoinBrokenLines) {
  EXPECT_EQ(join_broken_lines("rapportere på ", " risiko i tråd"), "rapportere på risiko i tråd");
  EXPECT_EQ(join_broken_lines("foretakets IKT-", "portefølje."), "foretakets IKT-portefølje.");
  EXPECT_EQ(join_broken_lines("Helse Midt-", "Norge"), "Helse Midt-Norge");
  EXPECT_EQ(join_broken_lines("arbeid med risiko-", "og sårbarhetsvurderinger"),
            "arbeid med risiko- og sårbarhetsvurderinger");
  // A dash with a space before it is punctuation, not a broken word.
  EXPECT_EQ(join_broken_lines("helsetjeneste -", "felles krav"), "helsetjeneste - felles krav");
  EXPECT_EQ(join_broken_lines("", "alene"), "alene");
}

TEST(PdfText, SentenceEndsAndLetterCase) {
  EXPECT_TRUE(ends_sentence("avdekket."));
  EXPECT_TRUE(ends_sentence("Rapporteringstekst:  "));
  EXPECT_TRUE(ends_sentence("(se over.)"));
  EXPECT_TRUE(ends_sentence("sa han.\xC2\xBB"));
  EXPECT_FALSE(ends_sentence("innskjerpet prosedyre"));
  EXPECT_FALSE(ends_sentence("4.2 Informasjonssikkerhet og personvern"));
  EXPECT_FALSE(ends_sentence(""));
  EXPECT_TRUE(starts_lower("for hvilke"));
  EXPECT_TRUE(starts_lower("\xC3\xA5rets"));          // å
  EXPECT_TRUE(starts_lower("(jf. NSMs"));
  EXPECT_FALSE(starts_lower("\xC3\x85rlig melding"));  // Å
  EXPECT_FALSE(starts_lower("27"));
  EXPECT_TRUE(starts_upper("\xC3\x98konomi"));         // Ø
  EXPECT_TRUE(starts_upper("\xC2\xABSitat\xC2\xBB"));  // «Sitat»
  EXPECT_FALSE(starts_upper("bestillingssystem"));
  EXPECT_FALSE(starts_upper(""));
}

TEST(PdfText, ParagraphsKeepRealBreaksAndMendBrokenOnes) {
  const auto lines = normalise_pdf_text(
      "Innen 1. tertial skal foretakene innføre innskjerpet prosedyre\n"
      "\n"
      "for hvilke alternative løsninger som skal vurderes.\n"
      "\n"
      "Nytt avsnitt som går\n"
      "over to linjer.\n");
  const auto paragraphs = join_paragraphs(lines);
  ASSERT_EQ(paragraphs.size(), 2u);
  EXPECT_EQ(paragraphs[0].text,
            "Innen 1. tertial skal foretakene innføre innskjerpet prosedyre for hvilke alternative løsninger som skal "
            "vurderes.");
  EXPECT_EQ(paragraphs[0].line, 1);
  EXPECT_EQ(paragraphs[1].text, "Nytt avsnitt som går over to linjer.");
  EXPECT_EQ(paragraphs[1].line, 5);
  EXPECT_EQ(paragraph_texts(lines).size(), 2u);
}

// ----- the seed

TEST(PdfTextSeed, KeepsEveryLineNumberAndTheRequirementNumbers) {
  const std::string raw = read_seed("krav-i-oppdragsdokument-2023.txt");
  ASSERT_FALSE(raw.empty()) << "seed not found at " << seed_path("krav-i-oppdragsdokument-2023.txt");
  const auto lines = normalise_pdf_text(raw);
  // The seed has no page furniture to drop: every line is kept, in order.
  ASSERT_EQ(lines.size(), 241u);
  for (std::size_t i = 0; i < lines.size(); ++i) ASSERT_EQ(lines[i].number, static_cast<int>(i) + 1);
  EXPECT_EQ(lines[0].text, "Krav i oppdragsdokument 2023:");
  EXPECT_TRUE(lines[0].leading_space);
  // Requirement numbers alone on their lines, right after a chapter heading.
  EXPECT_EQ(lines[5].text, "2");
  EXPECT_EQ(lines[24].text, "27");
  EXPECT_EQ(lines[63].text, "32");
  // The stray space that opens the unnumbered requirement's text box.
  EXPECT_EQ(lines[41].text, "Utarbeide en årlig rapport i samarbeid med Norsk helsenett");
  EXPECT_TRUE(lines[41].leading_space);
  for (const auto& l : lines) {
    EXPECT_EQ(l.text.find_first_of("\r\f"), std::string::npos);
    if (!l.text.empty()) {
      EXPECT_NE(l.text.back(), ' ') << "line " << l.number;
    }
  }
}
