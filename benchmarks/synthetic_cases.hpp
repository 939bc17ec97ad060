#pragma once
// A seeded generator of realistic CHS-DRG cases built from a catalog's own lists: surgical
// and medical cases per ADRG, two-procedure cases, neonates by weight, multiple trauma,
// CC/MCC secondaries, random codes and a share of invalid input.
#include <cstdint>
#include <vector>

#include "dipdrg/case.hpp"
#include "dipdrg/dip_catalog.hpp"
#include "dipdrg/drg_catalog.hpp"

namespace dipdrg::bench {

std::vector<Case> synthetic_cases(const DrgCatalog& catalog, std::size_t n, std::uint64_t seed);

// DIP cases from a DIP catalog's rule rows: a complete code under each row's diagnosis
// spec, its procedures (sometimes with related ones, sometimes unlisted), newborn fields,
// secondary diagnoses, costs; a share of random codes.
std::vector<Case> synthetic_dip_cases(const DipCatalog& catalog, std::size_t n, std::uint64_t seed);

}  // namespace dipdrg::bench
