#pragma once
#include <pybind11/pybind11.h>

namespace dipdrg::bindings {
void register_catalog(pybind11::module_& m);
void register_grouper(pybind11::module_& m);
}  // namespace dipdrg::bindings
