#include "dipdrg/catalog/catalog_store.hpp"

#include <cstdlib>
#include <filesystem>

#include "dipdrg/catalog/chs_drg_import.hpp"
#include "dipdrg/catalog/dip_import.hpp"
#include "dipdrg/catalog/manifest_io.hpp"
#include "dipdrg/catalog/snapshot.hpp"

namespace fs = std::filesystem;

namespace dipdrg::catalog {

std::string default_cache_dir() {
    if (const char* d = std::getenv("DIPDRG_CACHE_DIR"); d && *d) return d;
    if (const char* d = std::getenv("XDG_CACHE_HOME"); d && *d) return (fs::path(d) / "dipdrg").string();
    if (const char* h = std::getenv("HOME"); h && *h) return (fs::path(h) / ".cache" / "dipdrg").string();
    return (fs::temp_directory_path() / "dipdrg-cache").string();
}

CompiledCatalog compile_catalog(const std::string& dir) {
    auto src = read_catalog_source(dir);
    auto imported = import_chs_drg(src);
    return {std::move(imported.catalog), std::move(imported.diagnostics)};
}

namespace {

template <class Catalog>
std::string error_report(const std::string& path, const Diagnostics& diagnostics) {
    std::string msg = "catalog " + path + " has errors:";
    for (const auto& d : diagnostics)
        if (d.severity == Diagnostic::Severity::Error) msg += "\n  " + d.where + ": " + d.message;
    return msg + "\n(run `dipdrg catalog check " + path + "` for the full report)";
}

// Shared by both schemes: explicit snapshot file, or directory with a digest-keyed cache.
template <class Loaded, class Catalog, class LoadSnap, class Import>
Loaded load_any(const std::string& path, const std::string& cache_dir, LoadSnap load_snap, Import import) {
    Loaded out;
    if (fs::is_regular_file(path)) {
        out.catalog = load_snap(path, "");
        out.from_snapshot = true;
        out.snapshot_path = path;
        return out;
    }
    auto src = read_catalog_source(path);
    fs::path cache_file;
    if (!cache_dir.empty()) {
        cache_file = fs::path(cache_dir) / (src.manifest.digest + ".snap");
        if (fs::exists(cache_file)) {
            try {
                out.catalog = load_snap(cache_file.string(), src.manifest.digest);
                out.from_snapshot = true;
                out.snapshot_path = cache_file.string();
                return out;
            } catch (const SnapshotError& e) {
                out.notes.push_back(std::string(e.what()) + "; rebuilding it from " + path);
            }
        }
    }
    auto imported = import(src);
    if (!imported.catalog) throw std::runtime_error(error_report<Catalog>(path, imported.diagnostics));
    out.catalog = imported.catalog;
    if (!cache_file.empty()) {
        try {
            fs::create_directories(cache_dir);
            save_snapshot(*imported.catalog, cache_file.string());
            out.snapshot_path = cache_file.string();
        } catch (const std::exception& e) {
            out.notes.push_back(std::string("snapshot not cached: ") + e.what());
        }
    }
    return out;
}

}  // namespace

LoadedCatalog load_catalog(const std::string& path, const std::string& cache_dir) {
    if (catalog_scheme(path) == "dip")
        throw std::runtime_error("catalog " + path + " is a DIP catalog, not a CHS-DRG one");
    return load_any<LoadedCatalog, DrgCatalog>(
        path, cache_dir, [](const std::string& p, const std::string& d) { return load_snapshot(p, d); },
        [](const CatalogSource& src) { return import_chs_drg(src); });
}

LoadedDipCatalog load_dip_catalog(const std::string& path, const std::string& cache_dir) {
    if (catalog_scheme(path) != "dip") throw std::runtime_error("catalog " + path + " is not a DIP catalog");
    return load_any<LoadedDipCatalog, DipCatalog>(
        path, cache_dir, [](const std::string& p, const std::string& d) { return load_dip_snapshot(p, d); },
        [](const CatalogSource& src) { return import_dip(src); });
}

CompiledDipCatalog compile_dip_catalog(const std::string& dir) {
    auto src = read_catalog_source(dir);
    auto imported = import_dip(src);
    return {std::move(imported.catalog), std::move(imported.diagnostics)};
}

std::string catalog_scheme(const std::string& path) {
    if (fs::is_regular_file(path)) {
        auto scheme = snapshot_scheme(path);
        if (scheme.empty()) throw SnapshotError("file " + path + " is not a dipdrg catalog snapshot");
        return scheme;
    }
    return read_catalog_source(path).manifest.scheme;
}

}  // namespace dipdrg::catalog
