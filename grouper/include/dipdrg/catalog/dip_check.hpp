#pragma once
// Consistency checks over a compiled DIP catalog: groups no rule reaches, rows the source
// leaves ambiguous (same diagnosis, same procedure, same conditions), empty layers.
#include "dipdrg/catalog/diagnostic.hpp"
#include "dipdrg/dip_catalog.hpp"

namespace dipdrg::catalog {

Diagnostics check_dip_catalog(const DipCatalog& catalog);

}  // namespace dipdrg::catalog
