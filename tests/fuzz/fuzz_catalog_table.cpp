// Fuzz target: the catalog CSV table reader on arbitrary file contents (quotes, line breaks,
// encodings), through a scratch file as catalogs are read.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <fstream>
#include <string>

#include "dipdrg/catalog/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/tmp/dipdrg-fuzz-table-" + std::to_string(::getpid()) + ".csv";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        auto table = dipdrg::catalog::CsvTable::read(path);
        for (std::size_t r = 0; r < table.rows(); ++r) (void)table.where(r);
    } catch (const std::exception&) {
    }
    return 0;
}
