#include "dipdrg/catalog/catalog_store.hpp"

#include <cstdlib>
#include <filesystem>

#include "dipdrg/catalog/chs_drg_import.hpp"
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

LoadedCatalog load_catalog(const std::string& path, const std::string& cache_dir) {
    LoadedCatalog out;
    if (fs::is_regular_file(path)) {
        out.catalog = load_snapshot(path);
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
                out.catalog = load_snapshot(cache_file.string(), src.manifest.digest);
                out.from_snapshot = true;
                out.snapshot_path = cache_file.string();
                return out;
            } catch (const SnapshotError& e) {
                out.notes.push_back(std::string(e.what()) + "; rebuilding it from " + path);
            }
        }
    }
    auto imported = import_chs_drg(src);
    if (!imported.catalog) {
        std::string msg = "catalog " + path + " has errors:";
        for (const auto& d : imported.diagnostics)
            if (d.severity == Diagnostic::Severity::Error) msg += "\n  " + d.where + ": " + d.message;
        throw std::runtime_error(msg + "\n(run `dipdrg catalog check " + path + "` for the full report)");
    }
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

}  // namespace dipdrg::catalog
