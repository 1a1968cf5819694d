// A workbook built with libxlsxwriter and taken as bytes. libxlsxwriter 1.1.4
// (Debian 12) writes only to a file, and each part of the workbook first to
// a temporary file of its own: a dozen files made, written, read and removed
// for one small sheet. They go to a RAM-backed directory (/dev/shm) when the
// machine has one, where making and removing a file costs a fraction of what
// it does on a journalled disk (docs/performance.md, Findings, session 5).
#pragma once

#include <xlsxwriter.h>

#include <functional>
#include <string>

namespace varde::reports {

// Makes a workbook, lets `fill` write its sheets, closes it and returns its
// bytes; empty when libxlsxwriter failed.
std::string workbook_bytes(const std::function<void(lxw_workbook*)>& fill);

}  // namespace varde::reports
