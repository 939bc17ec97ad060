#include "dipdrg/catalog/snapshot.hpp"

#include <unistd.h>

#include <algorithm>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/serialization/array.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <type_traits>

#include "bounded_iarchive.hpp"
#include "dipdrg/catalog/structure_check.hpp"

// The bounded archive's implementation, instantiated here (it is not in the Boost library).
#include <boost/archive/impl/archive_serializer_map.ipp>
#include <boost/archive/impl/basic_binary_iarchive.ipp>
#include <boost/archive/impl/basic_binary_iprimitive.ipp>

namespace dipdrg::catalog {
namespace {
constexpr char kMagic[8] = {'D', 'I', 'P', 'D', 'R', 'G', 'S', '1'};     // CHS-DRG catalogs
constexpr char kDipMagic[8] = {'D', 'I', 'P', 'D', 'I', 'P', 'S', '1'};  // DIP catalogs
constexpr unsigned kArchiveFlags = boost::archive::no_header;

// Payload integrity check: a 64-bit multiply-xorshift hash over 8-byte words, several GB/s
// (sha256 here cost a third of the load time). Catches corruption, not tampering: the
// catalog sources keep their sha256 in the manifest.
std::string payload_checksum(const std::string& data) {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ data.size();
    std::size_t i = 0;
    auto mix = [&](std::uint64_t w) {
        h ^= w * 0xBF58476D1CE4E5B9ull;
        h = (h << 31 | h >> 33) * 0x94D049BB133111EBull;
    };
    for (; i + 8 <= data.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, data.data() + i, 8);
        mix(w);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, data.data() + i, data.size() - i);
    mix(tail);
    h ^= h >> 29;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

void write_string(std::ostream& out, const std::string& s) {
    auto n = static_cast<std::uint32_t>(s.size());
    out.write(reinterpret_cast<const char*>(&n), sizeof n);
    out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

std::string read_string(std::istream& in, const std::string& path) {
    std::uint32_t n = 0;
    in.read(reinterpret_cast<char*>(&n), sizeof n);
    if (!in || n > (1u << 20))
        throw SnapshotError("snapshot " + path + " is truncated or corrupt (bad header)");
    std::string s(n, '\0');
    in.read(s.data(), n);
    if (!in) throw SnapshotError("snapshot " + path + " is truncated");
    return s;
}
}  // namespace

}  // namespace dipdrg::catalog

namespace boost::archive {
template class basic_binary_iprimitive<dipdrg::catalog::bounded_iarchive, std::istream::char_type,
                                       std::istream::traits_type>;
template class basic_binary_iarchive<dipdrg::catalog::bounded_iarchive>;
template class binary_iarchive_impl<dipdrg::catalog::bounded_iarchive, std::istream::char_type,
                                    std::istream::traits_type>;
template class detail::archive_serializer_map<dipdrg::catalog::bounded_iarchive>;
}  // namespace boost::archive

namespace dipdrg::catalog {

template <class Catalog>
void save_impl(const Catalog& catalog, const std::string& path, const char* magic) {
    std::ostringstream payload_stream(std::ios::binary);
    {
        boost::archive::binary_oarchive ar(payload_stream, kArchiveFlags);
        ar << catalog;
    }
    const std::string payload = payload_stream.str();
    // Write to a temporary file and rename, so readers never see a half-written snapshot.
    std::string tmp = path + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write snapshot " + tmp);
        out.write(magic, sizeof kMagic);
        std::uint32_t version = kSnapshotFormatVersion;
        out.write(reinterpret_cast<const char*>(&version), sizeof version);
        write_string(out, catalog.manifest.digest);
        write_string(out, payload_checksum(payload));
        std::uint64_t size = payload.size();
        out.write(reinterpret_cast<const char*>(&size), sizeof size);
        out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
        if (!out) throw std::runtime_error("cannot write snapshot " + tmp);
    }
    std::filesystem::rename(tmp, path);
}

template <class Catalog>
std::shared_ptr<Catalog> load_impl(const std::string& path, const std::string& expected_digest,
                                   const char* magic_expected) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SnapshotError("cannot open snapshot " + path);
    char magic[sizeof kMagic] = {};
    in.read(magic, sizeof magic);
    if (!in
        || (std::memcmp(magic, kMagic, sizeof kMagic) != 0
            && std::memcmp(magic, kDipMagic, sizeof kMagic) != 0))
        throw SnapshotError("file " + path + " is not a dipdrg catalog snapshot");
    if (std::memcmp(magic, magic_expected, sizeof kMagic) != 0)
        throw SnapshotError("snapshot " + path + " holds a catalog of another scheme");
    std::uint32_t version = 0;
    in.read(reinterpret_cast<char*>(&version), sizeof version);
    if (!in || version != kSnapshotFormatVersion)
        throw SnapshotError("snapshot " + path + " has format version " + std::to_string(version)
                            + ", this build reads version " + std::to_string(kSnapshotFormatVersion));
    std::string digest = read_string(in, path);
    std::string checksum = read_string(in, path);
    if (!expected_digest.empty() && digest != expected_digest)
        throw SnapshotError("snapshot " + path + " was compiled from other catalog sources (stale)");
    std::uint64_t size = 0;
    in.read(reinterpret_cast<char*>(&size), sizeof size);
    // The payload cannot be larger than what is left of the file: checked before allocating.
    std::error_code ec;
    const auto file_size = std::filesystem::file_size(path, ec);
    const auto offset = static_cast<std::uint64_t>(in.tellg());
    if (!in || ec || size > file_size - std::min<std::uint64_t>(offset, file_size))
        throw SnapshotError("snapshot " + path + " is truncated or its header is corrupt");
    std::string payload(size, '\0');
    in.read(payload.data(), static_cast<std::streamsize>(size));
    if (!in) throw SnapshotError("snapshot " + path + " is truncated");
    if (payload_checksum(payload) != checksum)
        throw SnapshotError("snapshot " + path + " failed its checksum (corrupt)");
    auto catalog = std::make_shared<Catalog>();
    try {
        std::istringstream payload_stream(payload, std::ios::binary);
        bounded_iarchive ar(payload_stream, kArchiveFlags, payload.size());
        ar >> *catalog;
    } catch (const std::exception& e) {
        throw SnapshotError("snapshot " + path + " could not be decoded: " + e.what());
    }
    if (catalog->manifest.digest != digest)
        throw SnapshotError("snapshot " + path + " header and content disagree (corrupt)");
    if (auto problem = structure_problem(*catalog); !problem.empty())
        throw SnapshotError("snapshot " + path + " is inconsistent (" + problem + "): corrupt or altered");
    if constexpr (std::is_same_v<Catalog, DipCatalog>) catalog->build_index();
    return catalog;
}

void save_snapshot(const DrgCatalog& catalog, const std::string& path) {
    save_impl(catalog, path, kMagic);
}
void save_snapshot(const DipCatalog& catalog, const std::string& path) {
    save_impl(catalog, path, kDipMagic);
}

std::shared_ptr<DrgCatalog> load_snapshot(const std::string& path, const std::string& expected_digest) {
    return load_impl<DrgCatalog>(path, expected_digest, kMagic);
}
std::shared_ptr<DipCatalog> load_dip_snapshot(const std::string& path, const std::string& expected_digest) {
    return load_impl<DipCatalog>(path, expected_digest, kDipMagic);
}

std::string snapshot_scheme(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[sizeof kMagic] = {};
    in.read(magic, sizeof magic);
    if (in && std::memcmp(magic, kMagic, sizeof kMagic) == 0) return "chs-drg";
    if (in && std::memcmp(magic, kDipMagic, sizeof kMagic) == 0) return "dip";
    return "";
}

}  // namespace dipdrg::catalog
