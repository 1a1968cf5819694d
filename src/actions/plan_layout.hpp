// An action plan as a report document in the seed's layout (see
// reports/document.hpp): the plan's introduction, then per area its heading
// and text, then per measure its title and the fields Beskrivelse, Status,
// Tidsperiode and Ansvarlig, as "Regional handlingsplan …" prints them.
// Varde adds "Fremdrift" (the status on the scale, so the export reads back
// with the same status), "Ansvarlig person" and "Frist" when set, and an
// appendix with each measure's history.
#pragma once

#include <string>

#include "actions/store.hpp"
#include "reports/document.hpp"

namespace varde::actions {

// `plan` with its areas and measures; the measures' updates fill the history.
reports::Document plan_document(const Plan& plan, const Scale& scale, const std::string& generated_at);

// The measures as rows of the spreadsheet template (header first):
// Område;Tiltak;Beskrivelse;Fremdrift;Status;Tidsperiode;Ansvarlig;Ansvarlig person;Frist.
std::vector<std::vector<std::string>> measure_rows(const Plan& plan, const Scale& scale);

}  // namespace varde::actions
