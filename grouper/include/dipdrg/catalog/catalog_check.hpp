#pragma once
// Consistency checks over a compiled catalog's decision structure (Boost.Graph):
// hierarchy membership, reachability, acyclicity, terminal DRGs, unreachable list entries.
#include <ostream>

#include "dipdrg/catalog/diagnostic.hpp"
#include "dipdrg/drg_catalog.hpp"

namespace dipdrg::catalog {

Diagnostics check_catalog(const DrgCatalog& catalog);

// Writes the MDC -> ADRG -> DRG structure as Graphviz DOT.
void write_dot(const DrgCatalog& catalog, std::ostream& out);

}  // namespace dipdrg::catalog
