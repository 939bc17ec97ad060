#pragma once
#include <pybind11/pybind11.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dipdrg/arrow_output.hpp"
#include "dipdrg/case.hpp"
#include "dipdrg/catalog/diagnostic.hpp"
#include "dipdrg/drg_catalog.hpp"
#include "dipdrg/drg_options.hpp"
#include "dipdrg/text_join.hpp"
#include "dipdrg/trace.hpp"

namespace dipdrg::bindings {
// Grouping options as a Python dict (used by catalogs and groupers alike).
pybind11::dict options_dict(const DrgOptions& o);
// Cases from {column: list[str | None]} (column names or aliases); must hold the GIL.
std::vector<Case> build_cases(const pybind11::dict& columns, std::size_t n_rows);
pybind11::dict manifest_dict(const Manifest& m);
// Catalog findings as (severity, check, where, message) tuples.
pybind11::list diagnostics_list(const catalog::Diagnostics& diags);
// Trace events as dicts with step, rule, table, subject, detail, codes, outcome, texts.
pybind11::list trace_events(const Trace& trace);
// Cases from an __arrow_c_stream__ capsule (moved, read without the GIL); `mapping` is
// {field: column}; other columns are used when their name is a field or an alias.
// The names of an enumeration's values, first to `last`, as the core spells them.
template <class Enum, class Name>
pybind11::tuple enum_names(Enum last, Name name) {
    pybind11::list out;
    for (int i = 0; i <= static_cast<int>(last); ++i) out.append(name(static_cast<Enum>(i)));
    return pybind11::tuple(out);
}

std::vector<Case> build_cases_arrow(const pybind11::object& capsule, const pybind11::dict& mapping,
                                    unsigned threads = 1);
// The built table as an "arrow_array_stream" PyCapsule that owns it (must hold the GIL).
pybind11::object stream_capsule(ArrowTableBuilder& table);
// {field: value} of one case as one-row columns.
pybind11::dict single_row(const pybind11::dict& fields);

void register_catalog(pybind11::module_& m);
void register_grouper(pybind11::module_& m);
void register_dip(pybind11::module_& m);
void register_scoring(pybind11::module_& m);
void register_reimbursement(pybind11::module_& m);
}  // namespace dipdrg::bindings
