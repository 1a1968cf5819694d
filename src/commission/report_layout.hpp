// The layout of a trust's report on the commissioning document, as the
// seed report looks: chapter headings in order, then per requirement its
// number, its text, who it applies to and when it is reported, its status,
// and "Rapporteringstekst:" with the trust's text. Chapters without
// requirements keep their general text. One layout; the renderers in
// src/reports make .docx, .xlsx, .md and HTML of it.
#pragma once

#include <string>

#include "commission/store.hpp"
#include "reports/document.hpp"

namespace varde::commission {

// The report of one trust for one period. `generated_at` is the local time
// to print ("23.11.2026 kl. 19.47").
reports::Document trust_report_document(const TrustReport& report, const Period& period, const std::string& trust_name,
                                        const std::string& generated_at);

}  // namespace varde::commission
