#pragma once
#include <pybind11/pybind11.h>

#include "dipdrg/drg_options.hpp"

namespace dipdrg::bindings {
// Grouping options as a Python dict (used by catalogs and groupers alike).
pybind11::dict options_dict(const DrgOptions& o);

void register_catalog(pybind11::module_& m);
void register_grouper(pybind11::module_& m);
}  // namespace dipdrg::bindings
