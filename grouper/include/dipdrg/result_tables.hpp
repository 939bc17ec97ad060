#pragma once
// Grouping results as Arrow tables: the columns the Python package returns, built in the
// core so the C++ benchmark times exactly what a Python caller runs.
#include <vector>

#include "dipdrg/arrow_output.hpp"
#include "dipdrg/dip_grouper.hpp"
#include "dipdrg/drg_grouper.hpp"
#include "dipdrg/trace.hpp"

namespace dipdrg {

// case_id, status, status_zh, mdc, adrg, drg, drg_name, cc_code, cc_level, message,
// warnings, and trace when `traces` is given.
ArrowTableBuilder drg_result_table(const DrgGrouper& grouper, const std::vector<Case>& cases,
                                   const std::vector<GroupResult>& results, const std::vector<Trace>* traces,
                                   Language language);

// case_id, status, status_zh, dip_group, dip_name, dip_kind, dip_score, principal_px,
// px_attribute, grassroots, subtype, factor, message, warnings, and trace when given.
ArrowTableBuilder dip_result_table(const DipGrouper& grouper, const std::vector<Case>& cases,
                                   const std::vector<DipResult>& results, const std::vector<Trace>* traces,
                                   Language language);

const char* cc_level_name(CcLevel level);
std::string joined_warnings(const GroupResult& r);

}  // namespace dipdrg
