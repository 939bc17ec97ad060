#pragma once
// Binary snapshots of compiled catalogs (Boost.Serialization), for fast loading.
// Layout: magic, format version, catalog digest, payload checksum, payload size, payload.
#include <memory>
#include <stdexcept>
#include <string>

#include "dipdrg/dip_catalog.hpp"
#include "dipdrg/drg_catalog.hpp"

namespace dipdrg::catalog {

inline constexpr std::uint32_t kSnapshotFormatVersion = 2;

// Thrown when a snapshot cannot be used; the message says why (format version, checksum,
// stale digest, truncation).
class SnapshotError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

void save_snapshot(const DrgCatalog& catalog, const std::string& path);
void save_snapshot(const DipCatalog& catalog, const std::string& path);

// Loads a snapshot. With a non-empty `expected_digest`, a snapshot compiled from other
// sources is refused as stale.
std::shared_ptr<DrgCatalog> load_snapshot(const std::string& path, const std::string& expected_digest = "");
std::shared_ptr<DipCatalog> load_dip_snapshot(const std::string& path,
                                              const std::string& expected_digest = "");

// "chs-drg" or "dip" for a snapshot file, "" when it is none.
std::string snapshot_scheme(const std::string& path);

}  // namespace dipdrg::catalog
