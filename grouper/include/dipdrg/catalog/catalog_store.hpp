#pragma once
// Loads a catalog from a directory (compiling it, or reusing a cached snapshot whose digest
// matches) or from an explicit snapshot file.
#include <memory>
#include <string>
#include <vector>

#include "dipdrg/catalog/diagnostic.hpp"
#include "dipdrg/dip_catalog.hpp"
#include "dipdrg/drg_catalog.hpp"

namespace dipdrg::catalog {

struct LoadedCatalog {
    std::shared_ptr<const DrgCatalog> catalog;
    bool from_snapshot = false;
    std::string snapshot_path;       // cache file used or written ("" when none)
    std::vector<std::string> notes;  // e.g. why a cached snapshot was refused and rebuilt
};

// Where compiled snapshots are cached: $DIPDRG_CACHE_DIR, else $XDG_CACHE_HOME/dipdrg,
// else ~/.cache/dipdrg.
std::string default_cache_dir();

// `path` is a catalog directory or a snapshot file. An empty `cache_dir` disables caching.
// Throws std::runtime_error when the catalog has errors (see check) or cannot be read.
LoadedCatalog load_catalog(const std::string& path, const std::string& cache_dir);

// "chs-drg" or "dip": the scheme of a catalog directory or snapshot file.
std::string catalog_scheme(const std::string& path);

struct LoadedDipCatalog {
    std::shared_ptr<const DipCatalog> catalog;
    bool from_snapshot = false;
    std::string snapshot_path;
    std::vector<std::string> notes;
};
LoadedDipCatalog load_dip_catalog(const std::string& path, const std::string& cache_dir);

struct CompiledDipCatalog {
    std::shared_ptr<DipCatalog> catalog;
    Diagnostics diagnostics;
};
CompiledDipCatalog compile_dip_catalog(const std::string& dir);

// Compiles a catalog directory, returning its diagnostics too (catalog null on errors).
struct CompiledCatalog {
    std::shared_ptr<DrgCatalog> catalog;
    Diagnostics diagnostics;
};
CompiledCatalog compile_catalog(const std::string& dir);

}  // namespace dipdrg::catalog
