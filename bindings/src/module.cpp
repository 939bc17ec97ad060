// The private extension dipdrg._core: type conversion and GIL release only; behaviour lives
// in the C++ core and the pure-Python package.
#include <pybind11/pybind11.h>

#include "bindings.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, m, py::mod_gil_not_used()) {
    m.doc() = "dipdrg C++ core (private; use the dipdrg package)";
    m.attr("__version__") = DIPDRG_VERSION;
    dipdrg::bindings::register_catalog(m);
    dipdrg::bindings::register_grouper(m);
    dipdrg::bindings::register_dip(m);
    dipdrg::bindings::register_scoring(m);
    dipdrg::bindings::register_reimbursement(m);
}
