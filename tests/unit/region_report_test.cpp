// The region's report with every trust: one chapter per trust in the order
// given, each holding that trust's report with its headings one level down,
// page breaks between trusts, and a trust without a document still named.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "commission/region_report.hpp"
#include "commission/report_layout.hpp"
#include "reports/render.hpp"

using namespace varde;
using namespace varde::commission;

namespace {

reports::Document export_with(const std::string& text) {
  TrustReport t;
  Document d;
  d.title = "Krav i oppdragsdokument 2026";
  d.status = "published";
  d.chapters.push_back({1, "4.2", "Informasjonssikkerhet og personvern", "", 0});
  Requirement r;
  r.id = 7;
  r.chapter_code = "4.2";
  r.number = "21";
  r.text = "Utarbeide en lokal handlingsplan.";
  r.points = {ReportingPoint::tertial1};
  d.requirements.push_back(r);
  t.document = d;
  Entry e;
  e.requirement_id = 7;
  e.text = text;
  t.entries.push_back(e);
  Period p;
  p.year = 2026;
  return trust_report_document(t, p, "", "");
}

org::Node trust(int64_t id, const std::string& code, const std::string& name) {
  org::Node n;
  n.id = id;
  n.code = code;
  n.name = name;
  n.kind = "trust";
  return n;
}

RegionReport sample() {
  RegionReport r;
  r.period.year = 2026;
  r.period.kind = PeriodKind::tertial1;
  r.region.name = "Helse Nord RHF";
  r.trusts.emplace_back(trust(2, "NLSH", "Nordlandssykehuset HF"), export_with("Planen er vedtatt i Bodø."));
  r.trusts.emplace_back(trust(3, "UNN", "Universitetssykehuset Nord-Norge HF"),
                       trust_report_document(TrustReport{}, r.period, "", ""));
  r.trusts.emplace_back(trust(4, "FIN", "Finnmarkssykehuset HF"), export_with("Planen er på høring i Hammerfest."));
  return r;
}

}  // namespace

TEST(RegionReport, OneChapterPerTrustWithItsReportBeneath) {
  const auto doc = region_report_document(sample(), "01.12.2026 kl. 22.00");
  EXPECT_EQ(doc.title, "Krav i oppdragsdokument 2026 – alle foretak");
  EXPECT_EQ(doc.metadata.organisation, "Helse Nord RHF");
  EXPECT_EQ(doc.metadata.period, "1. tertial 2026");
  std::vector<std::string> chapters;
  int breaks = 0;
  bool chapter_level_below = true;
  for (const auto& b : doc.blocks) {
    if (const auto* h = std::get_if<reports::Heading>(&b)) {
      if (h->level == 1) chapters.push_back(h->text);
      else if (h->text == "4.2 Informasjonssikkerhet og personvern") chapter_level_below = chapter_level_below && h->level == 2;
    }
    if (std::holds_alternative<reports::PageBreak>(b)) ++breaks;
  }
  EXPECT_EQ(chapters, (std::vector<std::string>{"NLSH Nordlandssykehuset HF", "UNN Universitetssykehuset Nord-Norge HF",
                                                "FIN Finnmarkssykehuset HF"}));
  EXPECT_TRUE(chapter_level_below) << "the trust report's chapters are sections of the trust's chapter";
  EXPECT_EQ(breaks, 2);

  // Each trust's text sits in its own chapter, in every format.
  const auto md = reports::render_markdown(doc);
  const auto nlsh = md.find("NLSH Nordlandssykehuset HF"), unn = md.find("UNN Universitetssykehuset"),
             fin = md.find("FIN Finnmarkssykehuset HF");
  ASSERT_NE(nlsh, std::string::npos);
  ASSERT_NE(fin, std::string::npos);
  EXPECT_LT(nlsh, md.find("Planen er vedtatt i Bodø."));
  EXPECT_LT(md.find("Planen er vedtatt i Bodø."), unn);
  EXPECT_LT(unn, md.find("Regionen har ikke noe oppdragsdokument for 2026."));
  EXPECT_LT(fin, md.find("Planen er på høring i Hammerfest."));
  EXPECT_FALSE(reports::render_docx(doc).empty());
  EXPECT_FALSE(reports::render_xlsx(doc).empty());
}

TEST(RegionReport, ARegionWithoutTrustsSaysSo) {
  RegionReport r;
  r.period.year = 2026;
  r.region.name = "Helse Vest RHF";
  const auto md = reports::render_markdown(region_report_document(r, ""));
  EXPECT_NE(md.find("Helse Vest RHF har ingen helseforetak registrert."), std::string::npos);
}
