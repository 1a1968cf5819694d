// The heat map picture and the report model's Figure block in every renderer.
#include <gtest/gtest.h>

#include "reports/render.hpp"
#include "risk/heat_svg.hpp"

using namespace varde;

TEST(RiskHeatSvg, DrawsEveryCellWithItsColourAndCounts) {
  auto m = risk::default_matrix();
  std::vector<std::vector<int64_t>> in(5, std::vector<int64_t>(5, 0)), re = in;
  in[2][3] = 4;  // likelihood 3, consequence 4
  re[1][3] = 2;
  auto svg = risk::heat_map_svg(m, in, re, "Varmekart for UNN & co");
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find("aria-label=\"Varmekart for UNN &amp; co\""), std::string::npos);
  EXPECT_NE(svg.find(">4 / 0<"), std::string::npos);
  EXPECT_NE(svg.find(">0 / 2<"), std::string::npos);
  // 25 cells, each a rect in its level's colour; 3 × 4 = 12 is red.
  std::size_t rects = 0;
  for (auto p = svg.find("<rect"); p != std::string::npos; p = svg.find("<rect", p + 1)) ++rects;
  EXPECT_EQ(rects, 25u);
  EXPECT_NE(svg.find("fill=\"#E06666\""), std::string::npos);
  // The most likely row is drawn first (on top).
  EXPECT_LT(svg.find("5. Svært sannsynlig"), svg.find("1. Svært lite sannsynlig"));
}

TEST(RiskHeatSvg, FiguresAreInlineInHtmlAndCaptionsElsewhere) {
  reports::Document doc;
  doc.title = "Risikooversikt";
  doc.figure("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>", "Varmekart: 3 risikoer");
  const auto html = reports::render_html(doc);
  EXPECT_NE(html.find("<figure>\n<svg"), std::string::npos);
  EXPECT_NE(html.find("<figcaption>Varmekart: 3 risikoer</figcaption>"), std::string::npos);
  const auto md = reports::render_markdown(doc);
  EXPECT_NE(md.find("Varmekart: 3 risikoer"), std::string::npos);
  EXPECT_EQ(md.find("<svg"), std::string::npos);
  EXPECT_FALSE(reports::render_docx(doc).empty());
  EXPECT_FALSE(reports::render_xlsx(doc).empty());
}
