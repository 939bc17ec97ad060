#pragma once
// A finding about a catalog: an error makes the catalog unusable, a warning is reported only.
#include <string>
#include <vector>

namespace dipdrg::catalog {

struct Diagnostic {
    enum class Severity { Error, Warning };
    Severity severity;
    std::string check;  // short id: duplicate_key, unknown_code, unreachable_entry, ...
    std::string where;  // table:line or object code
    std::string message;
};

using Diagnostics = std::vector<Diagnostic>;

inline std::size_t count_errors(const Diagnostics& d) {
    std::size_t n = 0;
    for (const auto& x : d) n += x.severity == Diagnostic::Severity::Error;
    return n;
}

}  // namespace dipdrg::catalog
