// Fuzz target: loading a catalog snapshot of arbitrary bytes (both schemes). A corrupt or
// altered file is refused with an exception; it must never crash or allocate without bound.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <fstream>
#include <string>

#include "dipdrg/catalog/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/tmp/dipdrg-fuzz-snap-" + std::to_string(::getpid()) + ".snap";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        dipdrg::catalog::load_snapshot(path);
    } catch (const std::exception&) {
    }
    try {
        dipdrg::catalog::load_dip_snapshot(path);
    } catch (const std::exception&) {
    }
    return 0;
}
