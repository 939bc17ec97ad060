#pragma once
// JSON for manifests and policies, read defensively: a regular file of bounded size, nesting
// checked before the (recursive) parser sees it, and every failure a clear error that names
// the file. Hostile input must end in an error, never in a stack overflow or a hang.
#include <boost/property_tree/ptree.hpp>
#include <string>

namespace dipdrg::catalog {

inline constexpr int kMaxJsonDepth = 64;
inline constexpr std::size_t kMaxJsonBytes = 16u << 20;  // 16 MiB: no policy or manifest is near it

// Parses `text`; `where` names its origin in errors (std::runtime_error).
boost::property_tree::ptree parse_json_text(const std::string& text, const std::string& where);

// Reads and parses a JSON file; refuses what is not a regular file (devices, FIFOs, folders).
boost::property_tree::ptree read_json_file(const std::string& path);

// Throws std::runtime_error unless `path` names a regular file (after following links).
void require_regular_file(const std::string& path, const std::string& what);

}  // namespace dipdrg::catalog
