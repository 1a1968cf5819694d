// The rules of governing documents, without a store: the version workflow,
// classification and clearance, review dates, codes and links.
#include <gtest/gtest.h>

#include "documents/model.hpp"

using namespace varde::documents;

TEST(DocumentsModel, VersionWorkflow) {
  EXPECT_EQ(next_status(Status::draft, Action::submit), Status::for_approval);
  EXPECT_EQ(next_status(Status::for_approval, Action::approve), Status::approved);
  EXPECT_EQ(next_status(Status::for_approval, Action::return_to_draft), Status::draft);
  EXPECT_EQ(next_status(Status::approved, Action::withdraw), Status::withdrawn);
  EXPECT_EQ(next_status(Status::draft, Action::withdraw), Status::withdrawn);
  // Refused moves: approving a draft, editing after approval, reviving a withdrawn version.
  EXPECT_FALSE(next_status(Status::draft, Action::approve));
  EXPECT_FALSE(next_status(Status::approved, Action::submit));
  EXPECT_FALSE(next_status(Status::approved, Action::return_to_draft));
  EXPECT_FALSE(next_status(Status::approved, Action::approve));
  EXPECT_FALSE(next_status(Status::for_approval, Action::withdraw));
  for (auto a : {Action::submit, Action::return_to_draft, Action::approve, Action::withdraw})
    EXPECT_FALSE(next_status(Status::withdrawn, a)) << action_code(a);
  EXPECT_TRUE(editable(Status::draft));
  EXPECT_FALSE(editable(Status::for_approval));
  EXPECT_FALSE(editable(Status::approved));
  EXPECT_FALSE(editable(Status::withdrawn));
}

TEST(DocumentsModel, CodesAndLabelsRoundTrip) {
  for (auto t : all_types()) EXPECT_EQ(type_from_code(type_code(t)), t);
  EXPECT_EQ(type_label_nb(DocType::overarching), "Overordnet styrende dokument");
  EXPECT_EQ(type_from_code("template"), DocType::template_);
  EXPECT_FALSE(type_from_code("policy"));
  for (auto s : {Status::draft, Status::for_approval, Status::approved, Status::withdrawn})
    EXPECT_EQ(status_from_code(status_code(s)), s);
  EXPECT_EQ(status_label_nb(Status::for_approval), "Til godkjenning");
  EXPECT_FALSE(status_from_code("published"));
}

TEST(DocumentsModel, ClassificationIsOrderedAndReadFromLabels) {
  EXPECT_EQ(classification_from_label("Fortrolig"), Classification::confidential);
  EXPECT_EQ(classification_from_label(" strengt fortrolig "), Classification::strictly_confidential);
  EXPECT_EQ(classification_from_label("ÅPEN"), Classification::open);
  EXPECT_EQ(classification_from_label("intern"), Classification::internal);
  EXPECT_FALSE(classification_from_label("Hemmelig"));
  EXPECT_EQ(classification_from_code("confidential"), Classification::confidential);
  EXPECT_EQ(classification_label_nb(Classification::strictly_confidential), "Strengt fortrolig");

  EXPECT_TRUE(cleared_for(Classification::confidential, Classification::internal));
  EXPECT_TRUE(cleared_for(Classification::confidential, Classification::confidential));
  EXPECT_FALSE(cleared_for(Classification::confidential, Classification::strictly_confidential));
  EXPECT_FALSE(cleared_for(Classification::internal, Classification::confidential));
  EXPECT_TRUE(cleared_for(Classification::open, Classification::open));
}

TEST(DocumentsModel, DefaultClearanceByRole) {
  EXPECT_EQ(default_clearance("reader"), Classification::internal);
  EXPECT_EQ(default_clearance("contributor"), Classification::internal);
  EXPECT_EQ(default_clearance("leader"), Classification::confidential);
  EXPECT_EQ(default_clearance("security_officer"), Classification::confidential);
  EXPECT_EQ(default_clearance("auditor"), Classification::confidential);
  // Nobody is cleared for Strengt fortrolig by role alone, not even admin.
  EXPECT_EQ(default_clearance("admin"), Classification::confidential);
  EXPECT_EQ(default_clearance("unknown"), Classification::internal);
}

TEST(DocumentsModel, ReviewDates) {
  EXPECT_EQ(add_months("2026-03-31", 12), "2027-03-31");
  EXPECT_EQ(add_months("2026-01-31", 1), "2026-02-28");
  EXPECT_EQ(add_months("2028-01-31", 1), "2028-02-29");
  EXPECT_EQ(add_months("2026-11-15", 3), "2027-02-15");
  EXPECT_EQ(add_months("2026-05-10", 24), "2028-05-10");
  EXPECT_FALSE(add_months("2026-02-30", 1));
  EXPECT_FALSE(add_months("31.12.2026", 1));

  EXPECT_EQ(days_between("2026-12-01", "2026-12-31"), 30);
  EXPECT_EQ(days_between("2026-12-31", "2027-01-01"), 1);
  EXPECT_EQ(days_between("2027-03-01", "2027-02-28"), -1);
  EXPECT_EQ(days_between("2028-02-28", "2028-03-01"), 2);

  EXPECT_EQ(add_days("2026-12-01", 31), "2027-01-01");
  EXPECT_EQ(add_days("2028-03-01", -1), "2028-02-29");
  EXPECT_FALSE(add_days("2026-13-01", 1));

  EXPECT_EQ(review_state(std::nullopt, "2026-12-01"), ReviewState::none);
  EXPECT_EQ(review_state("2027-06-01", "2026-12-01"), ReviewState::ok);
  EXPECT_EQ(review_state("2026-12-31", "2026-12-01"), ReviewState::due_soon);  // 30 days: soon
  EXPECT_EQ(review_state("2027-01-01", "2026-12-01"), ReviewState::ok);        // 31 days: not yet
  EXPECT_EQ(review_state("2026-12-01", "2026-12-01"), ReviewState::due_soon);  // today: still due, not over
  EXPECT_EQ(review_state("2026-11-30", "2026-12-01"), ReviewState::overdue);
  // The "today" of a UTC instant counts as its date.
  EXPECT_EQ(review_state("2026-11-30", "2026-12-01T08:00:00.000Z"), ReviewState::overdue);
  EXPECT_EQ(review_state("2027-01-15", "2026-12-01", 60), ReviewState::due_soon);
}

TEST(DocumentsModel, CodesAreNormalised) {
  EXPECT_EQ(normalise_code("NO 04"), "NO 04");
  EXPECT_EQ(normalise_code("no04"), "NO 04");
  EXPECT_EQ(normalise_code("  TS   12.1 "), "TS 12.1");
  EXPECT_FALSE(normalise_code(""));
  EXPECT_FALSE(normalise_code("04"));
  EXPECT_FALSE(normalise_code("NO"));
  EXPECT_FALSE(normalise_code("NO 04 x"));
  EXPECT_FALSE(normalise_code("NO 04."));
}

TEST(DocumentsModel, LinksAreFoundInTheText) {
  const std::string seed_like =
      "1 Organisering, roller og ansvar for informasjonssikkerhet er nærmere beskrevet i styringssystemets "
      "dokument NO 04 – Organisering av informasjonssikkerhets og personvernarbeidet. Se også TS12 og NO 04.";
  EXPECT_EQ(referenced_codes(seed_like), (std::vector<std::string>{"NO 04", "TS 12"}));
  // Standards, years and ordinary capitals are not document codes.
  EXPECT_TRUE(referenced_codes("ISO 27001 og ISO/IEC 27002, Q4:2021, HMN 2021, Normen, NSM").empty());
  EXPECT_TRUE(referenced_codes("ABCDE 04 og NO 045x og aNO 04 og NO 4").empty());
  EXPECT_EQ(referenced_codes("(NO 07.2)"), (std::vector<std::string>{"NO 07.2"}));
}

TEST(DocumentsModel, SectionsNeedAHeading) {
  EXPECT_FALSE(check_sections({{"Formål og omfang", "Tekst"}, {"Målgruppe", ""}}));
  auto p = check_sections({{"Formål", "x"}, {"  ", "tekst"}});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->index, 1u);
  EXPECT_EQ(p->field, "heading");
  EXPECT_TRUE(check_sections({{"To\nlinjer", ""}}));
}
