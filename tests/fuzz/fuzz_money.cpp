// Fuzz target: money text parsing and the exact arithmetic of case amounts on arbitrary
// amounts and factors: results are either exact or an exception, never a wrapped number.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <string>

#include "dipdrg/exact.hpp"
#include "dipdrg/money.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    if (auto fen = dipdrg::parse_yuan(text)) {
        auto again = dipdrg::parse_yuan(dipdrg::format_yuan(*fen));
        if (!again || *again != *fen) __builtin_trap();  // format and parse round-trip
    }
    if (size >= 24) {
        double a, b;
        std::int64_t c;
        std::memcpy(&a, data, 8);
        std::memcpy(&b, data + 8, 8);
        std::memcpy(&c, data + 16, 8);
        try {
            auto x = dipdrg::Exact::decimal(a) * dipdrg::Exact::decimal(b) + dipdrg::Exact::yuan(c);
            (void)dipdrg::round_to_fen(x);
            (void)(dipdrg::Exact::decimal(a) < dipdrg::Exact::yuan(c));
            if (b != 0) (void)dipdrg::round_to_fen(dipdrg::Exact::yuan(c) / dipdrg::Exact::decimal(b));
        } catch (const std::exception&) {
        }
    }
    return 0;
}
