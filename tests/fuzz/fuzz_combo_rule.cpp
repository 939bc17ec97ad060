// Fuzz target: the px_combo_rule expression compiler ("(g1 or (g2 and g3))").
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "dipdrg/catalog/chs_drg_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        dipdrg::catalog::compile_combo_rule(std::string(reinterpret_cast<const char*>(data), size));
    } catch (const std::exception&) {
    }
    return 0;
}
