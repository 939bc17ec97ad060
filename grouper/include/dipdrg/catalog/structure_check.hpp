#pragma once
// Structural consistency of a compiled catalog: every index points inside its table, every
// enumeration holds one of its values, every range lies within what it ranges over. A snapshot
// is checked before anything uses it, so a corrupted or tampered file is refused instead of
// crashing the grouper or `catalog check`.
#include <string>

#include "dipdrg/dip_catalog.hpp"
#include "dipdrg/drg_catalog.hpp"

namespace dipdrg::catalog {

// The first inconsistency found, or "" when there is none.
std::string structure_problem(const DrgCatalog& catalog);
std::string structure_problem(const DipCatalog& catalog);

}  // namespace dipdrg::catalog
