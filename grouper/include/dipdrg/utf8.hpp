#pragma once
// UTF-8 checks for text that arrives from users: catalog tables must be UTF-8 (an error names
// the line), and case fields keep what is valid, each invalid byte shown as U+FFFD, so that no
// output built from them (codes, warnings, traces) is undecodable.
#include <string>
#include <string_view>

namespace dipdrg {

// Well-formed UTF-8: no overlongs, surrogates or code points above U+10FFFF.
bool valid_utf8(std::string_view s);

// `s` with every byte that is not part of a well-formed sequence replaced by U+FFFD.
std::string sanitize_utf8(std::string_view s);

}  // namespace dipdrg
