#pragma once
// Joining a range into one reused string: result columns join lists (warnings, traces) per row.
#include <functional>
#include <string>
#include <string_view>

namespace dipdrg {

// `items` (each mapped through `text`) joined with `sep` into `out`, which is cleared first;
// one scratch string serves a whole column without a fresh allocation per row.
template <class Range, class Text = std::identity>
std::string_view join_into(std::string& out, const Range& items, std::string_view sep, Text text = {}) {
    out.clear();
    bool first = true;
    for (const auto& item : items) {
        if (!first) out += sep;
        first = false;
        out += text(item);
    }
    return out;
}

}  // namespace dipdrg
